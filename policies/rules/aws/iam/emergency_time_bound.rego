# METADATA
# title: Break-glass grants expire within the emergency window
# description: |
#   Every Allow statement that grants a break-glass role permissions (its
#   inline policies, role policies and attached policies, the policies put
#   on or attached to a break-glass IAM user or to its groups, or to a
#   break-glass IAM group, and any
#   policy named or tagged as emergency access) must carry a DateLessThan (or
#   DateLessThanEquals) condition on aws:CurrentTime that ends the grant no
#   later than the emergency window (default 4 hours) after the check's
#   clock (--now, else the plan's timestamp), or be ended as soon by a Deny
#   in the same grants: a Deny on every resource of all the statement's
#   actions whose only condition is DateGreaterThan aws:CurrentTime (an
#   explicit Deny overrides any Allow). A bound already past fails:
#   the stale grant should be revoked. An AWS-managed policy attached to the
#   role fails: it can carry no bound. Break-glass roles are recognised by
#   name (emergency, break-glass, break_glass, BreakGlass, incident), path,
#   description or tags; roles only AWS services assume are not break-glass,
#   and a role whose name is known only after apply is unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html
#     description: IAM User Guide, allowing access within specific dates
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
#     description: IAM User Guide, date condition operators
# custom:
#   id: aws-iam-emergency-time-bound
#   severity: critical
#   enforcement: hard-mandatory
#   reads:
#     aws_iam_role_policy_attachment: []
#     aws_iam_policy_attachment: []
#     aws_iam_role_policy_attachments_exclusive: []
#     aws_iam_user_policy_attachment: []
#     aws_iam_user_policy_attachments_exclusive: []
#     aws_iam_user_group_membership: []
#     aws_iam_group_membership: []
#     aws_iam_group_policy_attachment: []
#     aws_iam_group_policy_attachments_exclusive: []
#   runbook: break-glass (time-bound, revoked afterwards)
#   remediation: |
#     Add to every Allow statement a condition
#     `DateLessThan = {"aws:CurrentTime" = "<now + at most 4h, RFC 3339>"}`,
#     remove AWS-managed policies from the role (they cannot carry one), and
#     remove the policy once the emergency is over.
#   verdicts:
#     fail:
#       - 'an Allow statement granting a break-glass role (inline, role policy, attached policy) has no DateLessThan aws:CurrentTime bound and no Deny of its actions after a DateGreaterThan aws:CurrentTime, a bound that is not RFC 3339, or ends (at the earlier of its latest bound and the earliest such Deny) already past or more than the window (4h) after the check''s clock'
#       - 'an AWS-managed policy is attached to the break-glass role (it can carry no bound)'
#     unknown:
#       - 'a document is known only after apply or sensitive'
#       - 'an attached policy is not in the input'
#       - 'the role''s name or tags are known only after apply, so it may be break-glass'
#     pass:
#       - 'every Allow statement ends within the window, by its own bound or by a Deny of all its actions on every resource after a time within the window'
package tfgate.rules.aws_iam_emergency_time_bound

import data.tfgate.lib

pass contains lib.result(r, "every Allow statement ends within the emergency window") if some r in _subjects

deny contains lib.result(a.subject, sprintf("%s statement %s allows %s without a DateLessThan aws:CurrentTime bound", [a.label, a.name, lib.actions_text(a.statement)])) if {
	some a in _allows
	count(lib.time_bounds(a.statement)) == 0
	count(a.expiries) == 0
}

deny contains lib.result(a.subject, sprintf("%s statement %s: the bound %q is not an RFC 3339 time", [a.label, a.name, bound])) if {
	some a in _allows
	some bound in lib.time_bounds(a.statement)
	not lib.timestamp_ns(bound)
}

deny contains lib.result(a.subject, sprintf("%s statement %s expired at %s: revoke the stale emergency grant", [a.label, a.name, _latest(a).text])) if {
	some a in _allows
	end := _latest(a)
	end.ns <= input.params.now_ns
}

deny contains lib.result(a.subject, sprintf("%s statement %s lasts until %s, more than %s after %s", [a.label, a.name, end.text, _window_text, input.params.now])) if {
	some a in _allows
	end := _latest(a)
	end.ns > input.params.now_ns + (input.params.emergency_window_seconds * 1000000000)
}

deny contains lib.result(p.subject, sprintf("%s attaches the AWS-managed %s, which cannot carry a time bound", [lib.grant_label(p.subject, p.grant), lib.managed_policy_name(p.grant.managed)])) if {
	some p in _grants
	is_string(p.grant.managed)
}

unknown contains lib.result(p.subject, sprintf("%s attaches %s, a policy not in this input, whose time bounds cannot be checked", [lib.grant_label(p.subject, p.grant), p.grant.external])) if {
	some p in _grants
	is_string(p.grant.external)
}

unknown contains lib.result(p.subject, sprintf("%s %s", [lib.grant_label(p.subject, p.grant), lib.unreadable_text(p.grant)])) if {
	some p in _grants
	p.grant.pending
}

unknown contains lib.result(role, lib.undecided_role_message) if some role in lib.undecided_roles

# _subjects are the break-glass roles and the policies that grant
# emergency access; _grants pairs each with what grants permissions
# through it.
_subjects := array.concat(
	array.concat([role | some role in lib.emergency_roles], [r | some r in lib.emergency_grants]),
	array.concat([user | some user in lib.emergency_users], [group | some group in lib.emergency_groups]),
)

_grants := [{"subject": r, "grant": g} |
	some r in _subjects
	some g in _grants_of(r)
]

_grants_of(r) := _role_grants[r.address] if r.type == "aws_iam_role"

# _role_grants binds the break-glass roles' grants once: a lookup by key
# in the library's rule would evaluate it again each time.
_role_grants := lib.emergency_role_grants

_grants_of(r) := lib.user_grants[r.address] if r.type == "aws_iam_user"

_grants_of(r) := lib.group_grants[r.address] if r.type == "aws_iam_group"

_grants_of(r) := lib.grants(r) if not r.type in {"aws_iam_role", "aws_iam_user", "aws_iam_group"}

_allows := [{"subject": p.subject, "label": lib.grant_label(p.subject, p.grant), "name": lib.statement_name(i, st), "statement": st, "expiries": _expiries(p.subject, st)} |
	some p in _grants
	some i, st in lib.grant_statements(p.grant)
	st.effect == "Allow"
]

# _expiries are the times after which a Deny in any grant of the same
# subject denies everything an Allow statement allows (lib.expiry_bounds):
# for each such Deny, the earliest of its values, which are alternatives.
_expiries(subject, st) := [{"ns": ns, "text": text} |
	some d in _denies_of(subject.address)
	times := [{"ns": lib.timestamp_ns(v), "text": v} | some v in lib.expiry_bounds(d, st); lib.timestamp_ns(v)]
	count(times) > 0
	ns := min([t.ns | some t in times])
	text := [t.text | some t in times; t.ns == ns][0]
]

# _denies are the Deny statements of the subjects' grants (few: most
# grants have none), each with its subject's address.
_denies := [{"address": p.subject.address, "statement": st} |
	some p in _grants
	some st in lib.grant_statements(p.grant)
	st.effect == "Deny"
]

_denies_of(address) := [d.statement | some d in _denies; d.address == address]

# _latest is when an Allow ends: the latest of its own valid bounds (its
# DateLessThan values are alternatives), or the earliest expiry of a Deny
# that covers it, whichever comes first.
_latest(a) := {"ns": ns, "text": text} if {
	ends := array.concat(_own_end(a.statement), a.expiries)
	count(ends) > 0
	ns := min([e.ns | some e in ends])
	text := [e.text | some e in ends; e.ns == ns][0]
}

_own_end(st) := [{"ns": ns, "text": text}] if {
	bounds := [{"ns": lib.timestamp_ns(b), "text": b} | some b in lib.time_bounds(st); lib.timestamp_ns(b)]
	count(bounds) > 0
	ns := max([b.ns | some b in bounds])
	text := [b.text | some b in bounds; b.ns == ns][0]
} else := []

_window_text := sprintf("%dh", [input.params.emergency_window_seconds / 3600]) if {
	input.params.emergency_window_seconds % 3600 == 0
} else := sprintf("%ds", [input.params.emergency_window_seconds])
