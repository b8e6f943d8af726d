# METADATA
# title: No policy grants full administrator access
# description: |
#   No policy may allow every action on every resource: an Allow statement
#   with Action "*" (or "*:*", or NotAction) on Resource "*" (or an ARN
#   pattern matching every ARN, or NotResource) is full administrator
#   access. Roles are judged by everything that grants them permissions:
#   inline policies, role policies, attached customer-managed policies and
#   the AWS-managed AdministratorAccess and PowerUserAccess; users and
#   groups through their attachments.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: IAM User Guide, apply least-privilege permissions
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure IAM policies that allow full "*:*" administrative privileges are not attached
# custom:
#   id: aws-iam-admin-wildcard
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_iam_group_policy, aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy]
#   reads:
#     aws_iam_role_policy_attachment: []
#     aws_iam_policy_attachment: []
#     aws_iam_role_policy_attachments_exclusive: []
#     aws_iam_user_policy_attachment: []
#     aws_iam_group_policy_attachment: []
#     aws_iam_user_policy_attachments_exclusive: []
#     aws_iam_group_policy_attachments_exclusive: []
#   remediation: |
#     Grant the specific actions and resources needed instead of "*" on "*"
#     (or NotAction), and do not attach AdministratorAccess or
#     PowerUserAccess.
#   verdicts:
#     fail:
#       - 'an Allow statement of a policy, or of anything put on or attached to a role, allows every action ("*", "*:*" or NotAction) on every resource ("*", "arn:*", or NotResource)'
#       - 'a role, user or group gets the AWS-managed AdministratorAccess or PowerUserAccess, by its ARN or through a data "aws_iam_policy" that looks it up by ARN or name; an attachment to a role the input does not hold is judged itself'
#       - 'a user or group attachment attaches a policy a data source looked up whose document allows every action on every resource'
#     unknown:
#       - 'a document is known only after apply and not readable from the data source that renders it or from its jsonencode(...) source, or is sensitive'
#       - 'an Allow statement allows every action on resources known only after apply'
#       - 'a user or group attachment attaches a policy whose ARN is known only after apply and names no policy in the input'
#       - 'a policy is attached through a data source that looks it up, and neither its ARN, its name nor its document is known (a directory check reads nothing from AWS)'
#     pass:
#       - 'every statement is scoped in actions or resources'
package tfgate.rules.aws_iam_admin_wildcard

import data.tfgate.lib

# Roles are judged when something grants them permissions: inline
# policies, role policies, attached policies.
pass contains lib.result(role, "nothing put on or attached to the role allows every action on every resource") if {
	some address, grants in lib.role_grants
	count(grants) > 0
	role := lib.resource(address)
}

deny contains lib.result(p.subject, sprintf("%s statement %s allows %s on every resource", [lib.grant_label(p.subject, p.grant), lib.statement_name(i, st), _everything(st)])) if {
	some p in _grants
	some i, st in lib.grant_statements(p.grant)
	st.effect == "Allow"
	lib.wildcard_action(st)
	lib.wildcard_resource(st)
}

unknown contains lib.result(p.subject, sprintf("%s statement %s allows %s on resources known only after apply", [lib.grant_label(p.subject, p.grant), lib.statement_name(i, st), _everything(st)])) if {
	some p in _grants
	some i, st in lib.grant_statements(p.grant)
	st.effect == "Allow"
	lib.wildcard_action(st)
	not lib.wildcard_resource(st)
	lib.pending_resource(st)
}

deny contains lib.result(p.subject, sprintf("%s attaches the AWS-managed %s, which allows every action on every resource", [lib.grant_label(p.subject, p.grant), lib.managed_policy_name(p.grant.managed)])) if {
	some p in _grants
	lib.managed_admin(p.grant.managed)
}

# Users and groups are judged through the attachments that give them
# policies (roles carry theirs themselves): an AWS-managed administrator
# policy fails the attachment; an ARN known only after apply that names
# no policy in the input leaves it unknown. A customer-managed policy in
# the input is judged itself.
deny contains lib.result(a, sprintf("attaches the AWS-managed %s, which allows every action on every resource", [lib.managed_policy_name(g.managed)])) if {
	some a in _user_and_group_attachments
	some g in lib.attachment_grants(a)
	lib.managed_admin(g.managed)
}

# A policy a data source looks up is judged on the user or group
# attachment that attaches it: no rule judges a data source itself (a
# policy resource of the input is judged as itself).
deny contains lib.result(a, sprintf("attaches %s, whose statement %s allows %s on every resource", [g.source, lib.statement_name(i, st), _everything(st)])) if {
	some a in _user_and_group_attachments
	some g in lib.attachment_grants(a)
	lib.resource(g.source).mode == "data"
	some i, st in lib.grant_statements(g)
	st.effect == "Allow"
	lib.wildcard_action(st)
	lib.wildcard_resource(st)
}

unknown contains lib.result(a, sprintf("attaches a policy whose ARN (%s) is known only after apply", [g.path])) if {
	some a in _user_and_group_attachments
	some g in lib.attachment_grants(a)
	g.source == a.address
	g.pending
}

_user_and_group_attachments := array.concat(
	array.concat(
		array.concat(lib.resources("aws_iam_user_policy_attachment"), lib.resources("aws_iam_group_policy_attachment")),
		array.concat(lib.resources("aws_iam_user_policy_attachments_exclusive"), lib.resources("aws_iam_group_policy_attachments_exclusive")),
	),
	array.concat(
		[a |
			some a in lib.resources("aws_iam_policy_attachment")
			lib.size(object.get(a.values, "users", null)) + lib.size(object.get(a.values, "groups", null)) > 0
		],
		_unlinked_role_attachments,
	),
)

# _unlinked_role_attachments attach policies to roles the input does not
# hold (an SSO role, a role of another stack): no role result carries
# them, so they are judged themselves.
_unlinked_role_attachments := [a |
	some [type, attribute] in [
		["aws_iam_role_policy_attachment", "role"],
		["aws_iam_role_policy_attachments_exclusive", "role_name"],
		["aws_iam_policy_attachment", "roles"],
	]
	some a in lib.resources(type)
	_names_roles(object.get(a.values, attribute, null))
	not _links_a_role(a, attribute)
	not _also_users_or_groups(a)
]

_names_roles(v) if lib.size(v) > 0

_names_roles(v) if {
	is_string(v)
	v != ""
}

_links_a_role(a, attribute) if {
	some l in a.references
	l.attribute == attribute
	l.type == "aws_iam_role"
}

_also_users_or_groups(a) if {
	a.type == "aws_iam_policy_attachment"
	lib.size(object.get(a.values, "users", null)) + lib.size(object.get(a.values, "groups", null)) > 0
}

unknown contains lib.result(p.subject, sprintf("%s %s", [lib.grant_label(p.subject, p.grant), lib.unreadable_text(p.grant)])) if {
	some p in _grants
	p.grant.pending
}

# _grants pairs every judged resource with what grants permissions
# through it.
_grants := array.concat(
	[{"subject": r, "grant": g} |
		some type in lib.policy_resource_types
		type != "aws_iam_role"
		some r in lib.resources(type)
		some g in lib.grants(r)
	],
	[{"subject": role, "grant": g} |
		some address, grants in lib.role_grants
		role := lib.resource(address)
		some g in grants
	],
)

_everything(st) := "every action" if count(st.not_actions) == 0

_everything(st) := sprintf("every action except %s (NotAction)", [concat(", ", st.not_actions)]) if count(st.not_actions) > 0
