# METADATA
# title: Break-glass grants are least privilege
# description: |
#   An emergency policy may not allow every action ("*"), every action of a
#   service ("iam:*", "s3:*", ...) or everything but a list (NotAction):
#   break-glass access names the actions the incident needs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: IAM User Guide, apply least-privilege permissions
# custom:
#   id: aws-iam-emergency-least-privilege
#   severity: high
#   enforcement: soft-mandatory
#   runbook: break-glass (least privilege)
#   remediation: Replace wildcard actions in the emergency policy with the specific actions the runbook needs.
package tfgate.rules.aws_iam_emergency_least_privilege

import data.tfgate.lib

pass contains lib.result(r, "no Allow statement uses a wildcard action") if some r in lib.emergency_grants

deny contains lib.result(r, sprintf("%s statement %s allows %s", [d.path, lib.statement_name(i, st), concat(", ", wildcards)])) if {
	some r in lib.emergency_grants
	some d in lib.policy_documents(r)
	some i, st in lib.statements(d.document)
	st.effect == "Allow"
	wildcards := [a | some a in st.actions; _wildcard(a)]
	count(wildcards) > 0
}

deny contains lib.result(r, sprintf("%s statement %s allows every action except %s (NotAction)", [d.path, lib.statement_name(i, st), concat(", ", st.not_actions)])) if {
	some r in lib.emergency_grants
	some d in lib.policy_documents(r)
	some i, st in lib.statements(d.document)
	st.effect == "Allow"
	count(st.not_actions) > 0
}

unknown contains lib.result(r, sprintf("%s is known only after apply", [path])) if {
	some r in lib.emergency_grants
	some path in lib.documents_unknown(r)
}

_wildcard("*")

_wildcard(a) if endswith(a, ":*")
