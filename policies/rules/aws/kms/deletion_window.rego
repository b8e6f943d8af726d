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
#   resource_types: [aws_kms_key]
#   runbook: post-apply verification (KMS keys usable)
#   remediation: Set `deletion_window_in_days = 30` on the aws_kms_key, or leave it unset.
package tfgate.rules.aws_kms_deletion_window

import data.tfgate.lib

deny contains lib.result(key, sprintf("deletion_window_in_days is %v, below 30", [days])) if {
	some key in lib.resources("aws_kms_key")
	days := key.values.deletion_window_in_days
	is_number(days)
	days < 30
}

unknown contains lib.result(key, "deletion_window_in_days is known only after apply") if {
	some key in lib.resources("aws_kms_key")
	lib.is_unknown(key, "deletion_window_in_days")
}
