# METADATA
# title: KMS key policies do not give the key to everyone
# description: |
#   A key policy, on the key or in an aws_kms_key_policy that refers to it,
#   must not let anyone use the key: an Allow statement for anyone
#   (Principal "*", {"AWS": "*"}, a wildcard principal, NotPrincipal) is
#   public unless a condition pins fixed values of a key that limits who,
#   as for bucket policies, kms:CallerAccount included, whatever actions it
#   allows. Customer-managed, external and replica keys are judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
#     description: AWS KMS Developer Guide, key policies in AWS KMS
# custom:
#   id: aws-kms-policy-wildcard
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_kms_key, aws_kms_external_key, aws_kms_replica_key, aws_kms_replica_external_key]
#   related:
#     aws_kms_key_policy: key_id
#   runbook: post-apply verification (KMS keys usable)
#   remediation: |
#     Name the principals each key policy statement is for (the account
#     root, a role), or add a condition that pins a fixed value of a key
#     that limits who can use it, such as kms:CallerAccount or
#     aws:PrincipalOrgID.
#   verdicts:
#     fail:
#       - 'the key''s policy, or a linked aws_kms_key_policy, allows anyone (as for aws-s3-public-policy) without a condition restricting who, kms:CallerAccount counting too, whatever the actions'
#       - 'the policy is not a valid JSON policy document'
#     unknown:
#       - 'the policy is known only after apply and the document that renders it does not say who may use it'
#       - 'the policy is sensitive'
#     pass:
#       - 'every Allow names its principals or is restricted'
#       - 'no policy: the default key policy'
package tfgate.rules.aws_kms_policy_wildcard

import data.tfgate.lib

# A key policy resource's findings are its key's too (custom.related).
# A policy known only after apply is judged by the statements of the
# aws_iam_policy_document that renders it, when what decides them is known.
deny contains lib.result(r, lib.public_message(i, st)) if {
	some r in _judged
	some i, st in lib.decided_statements(r, "policy")
	lib.public(st, lib.kms_public_keys)
}

deny contains lib.result(r, "the key policy is not a valid JSON policy document") if {
	some r in _judged
	is_string(r.values.policy)
	not lib.is_unknown(r, "policy")
	not lib.statements(r.values.policy)
}

# An unset policy is computed (the default key policy); only a policy the
# configuration sets to a value known after apply is undecided.
unknown contains lib.result(r, "the key policy is known only after apply") if {
	some r in _judged
	lib.is_pending(r, "policy")
	not lib.document_statements(r, "policy")
	not _public_part(r)
}

# _public_part holds for a key policy known only after apply of which a
# statement that is known gives the key to everyone.
_public_part(r) if {
	some st in lib.partial_statements(r, "policy")
	lib.public(st, lib.kms_public_keys)
}

_judged := array.concat(
	[key | some type in lib.key_types; some key in lib.resources(type)],
	lib.resources("aws_kms_key_policy"),
)
