# METADATA
# title: KMS keys wait 30 days before deletion
# description: |
#   A scheduled key deletion can be cancelled only during its waiting
#   period; once the key is gone, so is every object encrypted with it. The
#   waiting period must be the maximum, 30 days.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
#     description: AWS KMS Developer Guide, deleting AWS KMS keys
# custom:
#   id: aws-kms-deletion-window
#   severity: medium
#   enforcement: soft-mandatory
#   resource_types: [aws_kms_key, aws_kms_external_key, aws_kms_replica_key, aws_kms_replica_external_key]
#   reads:
#     aws_kms_key: [deletion_window_in_days]
#     aws_kms_external_key: [deletion_window_in_days]
#     aws_kms_replica_key: [deletion_window_in_days]
#     aws_kms_replica_external_key: [deletion_window_in_days]
#   runbook: pre-apply checklist (plan reviewed and approved)
#   remediation: Set `deletion_window_in_days = 30` (the default and the maximum) on the key.
#   verdicts:
#     fail:
#       - 'deletion_window_in_days below 30'
#     unknown:
#       - 'the window is known only after apply'
#     pass:
#       - '30 days, or unset (30)'
package tfgate.rules.aws_kms_deletion_window

import data.tfgate.lib

deny contains lib.result(key, sprintf("deletion_window_in_days is %v, below 30", [days])) if {
	some type in lib.key_types
	some key in lib.resources(type)
	days := key.values.deletion_window_in_days
	is_number(days)
	days < 30
}

unknown contains lib.result(key, "deletion_window_in_days is known only after apply") if {
	some type in lib.key_types
	some key in lib.resources(type)
	lib.is_unknown(key, "deletion_window_in_days")
}
