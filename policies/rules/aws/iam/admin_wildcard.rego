# METADATA
# title: No policy grants full administrator access
# description: |
#   A policy statement that allows Action "*" on Resource "*" is full
#   administrator access; it should not be written in Terraform, where it
#   is one merge away from every role that attaches the policy.
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
#   remediation: Grant the specific actions and resources needed instead of "*" on "*".
package tfgate.rules.aws_iam_admin_wildcard

import data.tfgate.lib

# Roles are judged when they carry inline policies.
pass contains lib.result(role, "no inline policy allows * on *") if {
	some role in lib.resources("aws_iam_role")
	count(lib.policy_documents(role)) > 0
}

deny contains lib.result(r, sprintf("%s statement %s allows every action on every resource", [d.path, lib.statement_name(i, st)])) if {
	some type in lib.policy_resource_types
	some r in lib.resources(type)
	some d in lib.policy_documents(r)
	some i, st in lib.statements(d.document)
	st.effect == "Allow"
	"*" in st.actions
	"*" in st.resources
}

unknown contains lib.result(r, sprintf("%s is known only after apply", [path])) if {
	some type in lib.policy_resource_types
	some r in lib.resources(type)
	some path in lib.documents_unknown(r)
}
