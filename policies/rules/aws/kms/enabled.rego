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
#   resource_types: [aws_kms_key, aws_kms_external_key, aws_kms_replica_key, aws_kms_replica_external_key]
#   reads:
#     aws_kms_key: [is_enabled]
#     aws_kms_external_key: [enabled]
#     aws_kms_replica_key: [enabled]
#     aws_kms_replica_external_key: [enabled]
#   runbook: P1 alert (KMS key disabled); post-apply verification (KMS keys usable)
#   remediation: |
#     Remove `is_enabled = false` from the aws_kms_key (`enabled = false`
#     from a replica or external key): keys are enabled by default.
#   verdicts:
#     fail:
#       - 'is_enabled = false (aws_kms_key) or enabled = false (external and replica keys)'
#     unknown:
#       - 'the setting is known only after apply'
#     pass:
#       - 'enabled, or left to the default'
package tfgate.rules.aws_kms_enabled

import data.tfgate.lib

deny contains lib.result(key, sprintf("the key is disabled (%s = false): data encrypted with it cannot be decrypted", [attr])) if {
	some type, attr in lib.key_enabled_attributes
	some key in lib.resources(type)
	key.values[attr] == false
}

unknown contains lib.result(key, sprintf("%s is known only after apply", [attr])) if {
	some type, attr in lib.key_enabled_attributes
	some key in lib.resources(type)
	lib.is_pending(key, attr)
}
