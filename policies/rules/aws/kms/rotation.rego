# METADATA
# title: KMS keys rotate their key material
# description: |
#   A symmetric customer-managed KMS key must have automatic rotation
#   enabled, at most every 365 days, so that a leaked or long-used key
#   version stops protecting new data. Asymmetric and HMAC keys cannot
#   rotate automatically and pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#     description: AWS KMS Developer Guide, rotating AWS KMS keys
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure rotation for customer-created symmetric CMKs is enabled
# custom:
#   id: aws-kms-rotation
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_kms_key]
#   reads:
#     aws_kms_key: [enable_key_rotation, rotation_period_in_days]
#   runbook: post-apply verification (KMS keys usable)
#   remediation: |
#     Set `enable_key_rotation = true` on the key (and, if you set
#     rotation_period_in_days, at most 365).
#   verdicts:
#     fail:
#       - 'a symmetric key (customer_master_key_spec unset, null or SYMMETRIC_DEFAULT) without enable_key_rotation = true'
#       - 'rotation_period_in_days above 365'
#     unknown:
#       - 'enable_key_rotation, or the key spec of a key that does not rotate, is known only after apply'
#     pass:
#       - 'rotation on, every 365 days or sooner'
#       - 'asymmetric and HMAC keys, and keys of a custom key store (custom_key_store_id, xks_key_id), which KMS cannot rotate automatically'
package tfgate.rules.aws_kms_rotation

import data.tfgate.lib

deny contains lib.result(key, "automatic key rotation is off (enable_key_rotation is not true)") if {
	some key in _symmetric_keys
	not lib.is_unknown(key, "customer_master_key_spec")
	not _store_pending(key)
	not key.values.enable_key_rotation == true
	not lib.is_unknown(key, "enable_key_rotation")
}

deny contains lib.result(key, msg) if {
	some key in _symmetric_keys
	key.values.enable_key_rotation == true
	period := key.values.rotation_period_in_days
	is_number(period)
	period > 365
	msg := sprintf("key material rotates every %d days, more than 365 (rotation_period_in_days)", [period])
}

unknown contains lib.result(key, "enable_key_rotation is known only after apply") if {
	some key in _symmetric_keys
	lib.is_unknown(key, "enable_key_rotation")
}

unknown contains lib.result(key, "customer_master_key_spec is known only after apply, so the key may be a symmetric key that must rotate") if {
	some key in _symmetric_keys
	lib.is_unknown(key, "customer_master_key_spec")
	not key.values.enable_key_rotation == true
}

# Automatic rotation applies to symmetric encryption keys, which a key
# is unless its spec says otherwise: an unset or null spec is the
# provider's default, SYMMETRIC_DEFAULT.
_symmetric_keys contains key if {
	some key in lib.resources("aws_kms_key")
	_symmetric(key)
	not _custom_key_store(key)
}

# KMS cannot rotate the keys of a custom key store (CloudHSM or external)
# automatically: their material is rotated by hand.
_custom_key_store(key) if {
	some attr in ["custom_key_store_id", "xks_key_id"]
	v := object.get(key.values, attr, null)
	is_string(v)
	v != ""
}

_symmetric(key) if object.get(key.values, "customer_master_key_spec", null) in {null, "SYMMETRIC_DEFAULT"}

_symmetric(key) if lib.is_unknown(key, "customer_master_key_spec")

# A key whose custom key store is known only after apply may be one KMS
# cannot rotate.
_store_pending(key) if {
	some attr in ["custom_key_store_id", "xks_key_id"]
	lib.is_pending(key, attr)
}

unknown contains lib.result(key, "its custom key store is known only after apply, and KMS rotates no key of a custom key store") if {
	some key in _symmetric_keys
	_store_pending(key)
	not key.values.enable_key_rotation == true
	not lib.is_unknown(key, "enable_key_rotation")
}
