# METADATA
# title: KMS keys stay enabled
# description: |
#   A disabled key cannot decrypt: everything encrypted with it (state,
#   logs, data) becomes unreadable until it is enabled again. A disabled
#   key is one of the runbook's P1 alerts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html
#     description: AWS KMS Developer Guide, enabling and disabling keys
# custom:
#   id: aws-kms-enabled
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_kms_key]
#   runbook: P1 alert (KMS key disabled); post-apply verification (KMS keys usable)
#   remediation: Remove `is_enabled = false` from the aws_kms_key (keys are enabled by default).
package tfgate.rules.aws_kms_enabled

import data.tfgate.lib

deny contains lib.result(key, "the key is disabled (is_enabled = false): data encrypted with it cannot be decrypted") if {
	some key in lib.resources("aws_kms_key")
	key.values.is_enabled == false
}

unknown contains lib.result(key, "is_enabled is known only after apply") if {
	some key in lib.resources("aws_kms_key")
	lib.is_unknown(key, "is_enabled")
}
