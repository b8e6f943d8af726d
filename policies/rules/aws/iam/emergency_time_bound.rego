# METADATA
# title: Break-glass grants expire within the emergency window
# description: |
#   Every Allow statement of an emergency or break-glass policy must carry
#   a DateLessThan (or DateLessThanEquals) condition on aws:CurrentTime that
#   ends the grant no later than the emergency window (default 4 hours)
#   after the check's clock (--now, else the plan's timestamp). A bound
#   already in the past fails too: the stale grant should be revoked. A
#   lower bound alone (DateGreaterThan) is not a bound. Emergency policies
#   are recognised by name, path, description or tags, or by being attached
#   to, or inline in, an emergency role.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html
#     description: IAM User Guide, allowing access within specific dates
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
#     description: IAM User Guide, date condition operators
# custom:
#   id: aws-iam-emergency-time-bound
#   severity: critical
#   enforcement: hard-mandatory
#   runbook: break-glass (time-bound, revoked afterwards)
#   remediation: |
#     Add to every Allow statement a condition
#     `DateLessThan = {"aws:CurrentTime" = "<now + at most 4h, RFC 3339>"}`,
#     and remove the policy once the emergency is over.
package tfgate.rules.aws_iam_emergency_time_bound

import data.tfgate.lib

pass contains lib.result(r, "every Allow statement ends within the emergency window") if some r in lib.emergency_grants

deny contains lib.result(r, sprintf("%s statement %s allows %s without a DateLessThan aws:CurrentTime bound", [a.path, a.name, concat(", ", _actions(a.statement))])) if {
	some r in lib.emergency_grants
	some a in _allows(r)
	count(lib.time_bounds(a.statement)) == 0
}

deny contains lib.result(r, sprintf("%s statement %s: the bound %q is not an RFC 3339 time", [a.path, a.name, bound])) if {
	some r in lib.emergency_grants
	some a in _allows(r)
	some bound in lib.time_bounds(a.statement)
	not lib.timestamp_ns(bound)
}

deny contains lib.result(r, sprintf("%s statement %s expired at %s: revoke the stale emergency grant", [a.path, a.name, _latest(a.statement).text])) if {
	some r in lib.emergency_grants
	some a in _allows(r)
	end := _latest(a.statement)
	end.ns <= input.params.now_ns
}

deny contains lib.result(r, sprintf("%s statement %s lasts until %s, more than %s after %s", [a.path, a.name, end.text, _window_text, input.params.now])) if {
	some r in lib.emergency_grants
	some a in _allows(r)
	end := _latest(a.statement)
	end.ns > input.params.now_ns + (input.params.emergency_window_seconds * 1000000000)
}

unknown contains lib.result(r, sprintf("%s is known only after apply", [path])) if {
	some r in lib.emergency_grants
	some path in lib.documents_unknown(r)
}

_allows(r) := [{"path": d.path, "name": lib.statement_name(i, st), "statement": st} |
	some d in lib.policy_documents(r)
	some i, st in lib.statements(d.document)
	st.effect == "Allow"
]

# _latest is the latest valid bound of a statement: its DateLessThan values
# are alternatives, so the grant lasts until the latest of them.
_latest(st) := {"ns": ns, "text": text} if {
	bounds := [{"ns": lib.timestamp_ns(b), "text": b} | some b in lib.time_bounds(st); lib.timestamp_ns(b)]
	count(bounds) > 0
	ns := max([b.ns | some b in bounds])
	text := [b.text | some b in bounds; b.ns == ns][0]
}

_actions(st) := st.actions if count(st.actions) > 0

_actions(st) := array.concat(["everything except"], st.not_actions) if count(st.actions) == 0

_window_text := sprintf("%dh", [input.params.emergency_window_seconds / 3600]) if {
	input.params.emergency_window_seconds % 3600 == 0
} else := sprintf("%ds", [input.params.emergency_window_seconds])
