# METADATA
# title: Break-glass grants are least privilege
# description: |
#   A break-glass grant may not allow every action ("*"), every action of a
#   service ("iam:*", "S3:*", ...) or everything but a list (NotAction), nor
#   attach AdministratorAccess, PowerUserAccess or a FullAccess AWS-managed
#   policy: break-glass access names the actions the incident needs. A
#   break-glass IAM user is judged by everything that grants it
#   permissions, the policies of its groups among them; a break-glass IAM
#   group by what is put on or attached to it, which every member gets.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: IAM User Guide, apply least-privilege permissions
# custom:
#   id: aws-iam-emergency-least-privilege
#   severity: high
#   enforcement: soft-mandatory
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
#   runbook: break-glass (least privilege)
#   remediation: |
#     Replace wildcard actions in the emergency policy with the specific
#     actions the runbook needs, and attach no AdministratorAccess,
#     PowerUserAccess or other FullAccess AWS-managed policy.
#   verdicts:
#     fail:
#       - 'a break-glass grant allows "*", a service''s "*" (any case) or uses NotAction'
#       - 'an attached AWS-managed AdministratorAccess, PowerUserAccess or *FullAccess policy'
#     unknown:
#       - 'a document is known only after apply or sensitive'
#       - 'an attached policy is not in the input, or an AWS-managed one tfgate does not know'
#       - 'the role may be break-glass'
#     pass:
#       - 'named actions only; AWS-managed read-only policies'
package tfgate.rules.aws_iam_emergency_least_privilege

import data.tfgate.lib

pass contains lib.result(r, "no Allow statement uses a wildcard action") if some r in _subjects

deny contains lib.result(p.subject, sprintf("%s statement %s allows %s", [lib.grant_label(p.subject, p.grant), lib.statement_name(i, st), concat(", ", wildcards)])) if {
	some p in _grants
	some i, st in lib.grant_statements(p.grant)
	st.effect == "Allow"
	wildcards := [a | some a in st.actions; lib.service_wildcard(a)]
	count(wildcards) > 0
}

deny contains lib.result(p.subject, sprintf("%s statement %s allows every action except %s (NotAction)", [lib.grant_label(p.subject, p.grant), lib.statement_name(i, st), concat(", ", st.not_actions)])) if {
	some p in _grants
	some i, st in lib.grant_statements(p.grant)
	st.effect == "Allow"
	count(st.not_actions) > 0
}

deny contains lib.result(p.subject, sprintf("%s attaches the AWS-managed %s, which allows every action of a service", [lib.grant_label(p.subject, p.grant), lib.managed_policy_name(p.grant.managed)])) if {
	some p in _grants
	lib.managed_wildcard(p.grant.managed)
}

unknown contains lib.result(p.subject, sprintf("%s attaches the AWS-managed %s, whose actions tfgate does not know", [lib.grant_label(p.subject, p.grant), lib.managed_policy_name(p.grant.managed)])) if {
	some p in _grants
	is_string(p.grant.managed)
	not lib.managed_wildcard(p.grant.managed)
	not lib.managed_read_only(p.grant.managed)
}

unknown contains lib.result(p.subject, sprintf("%s attaches %s, a policy not in this input, whose actions cannot be checked", [lib.grant_label(p.subject, p.grant), p.grant.external])) if {
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
