# METADATA
# title: KMS key policies do not give the key to everyone
# description: |
#   A key policy statement that allows kms:* or * to Principal "*" without
#   a condition lets any AWS account use or administer the key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
#     description: AWS KMS Developer Guide, key policies in AWS KMS
# custom:
#   id: aws-kms-policy-wildcard
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_kms_key]
#   runbook: post-apply verification (KMS keys usable)
#   remediation: |
#     Name the principals (the account root, specific roles or services) in
#     the statement, or restrict it with a condition such as
#     kms:CallerAccount or aws:PrincipalOrgID.
package tfgate.rules.aws_kms_policy_wildcard

import data.tfgate.lib

deny contains lib.result(key, sprintf("statement %s allows %s to anyone (Principal \"*\") without a condition", [lib.statement_name(i, st), concat(", ", _wildcards(st))])) if {
	some key in lib.resources("aws_kms_key")
	some i, st in lib.statements(key.values.policy)
	lib.allows_anyone(st)
	lib.unconditional(st)
	count(_wildcards(st)) > 0
}

# An unset policy is computed (the default key policy); only a policy the
# configuration sets to a value known after apply is undecided.
unknown contains lib.result(key, "the key policy is known only after apply") if {
	some key in lib.resources("aws_kms_key")
	lib.is_pending(key, "policy")
}

_wildcards(st) := [a | some a in st.actions; a in {"*", "kms:*"}]
