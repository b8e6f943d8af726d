package tfgate.rules.aws_kms_rotation_test

import data.tfgate.lib
import data.tfgate.rules.aws_kms_rotation as rule

_key(name, values) := {"address": sprintf("aws_kms_key.%s", [name]), "type": "aws_kms_key", "values": values}

test_rotation_off_fails if {
	resources := [
		_key("off", {"enable_key_rotation": false}),
		_key("unset", {}),
		_key("on", {"enable_key_rotation": true}),
	]
	rule.deny == {
		lib.result(resources[0], "automatic key rotation is off (enable_key_rotation is not true)"),
		lib.result(resources[1], "automatic key rotation is off (enable_key_rotation is not true)"),
	} with input as lib.mock_input(resources)
	count(rule.unknown) == 0 with input as lib.mock_input(resources)
}

test_long_period_fails if {
	resources := [
		_key("slow", {"enable_key_rotation": true, "rotation_period_in_days": 400}),
		_key("yearly", {"enable_key_rotation": true, "rotation_period_in_days": 365}),
	]
	rule.deny == {lib.result(resources[0], "key material rotates every 400 days, more than 365 (rotation_period_in_days)")} with input as lib.mock_input(resources)
}

test_compliant_and_asymmetric_pass if {
	resources := [
		_key("on", {"enable_key_rotation": true, "customer_master_key_spec": "SYMMETRIC_DEFAULT"}),
		_key("rsa", {"enable_key_rotation": false, "customer_master_key_spec": "RSA_4096"}),
		_key("hmac", {"customer_master_key_spec": "HMAC_256"}),
		_key("cloudhsm", {"enable_key_rotation": false, "custom_key_store_id": "cks-1234567890abcdef0"}),
		_key("external", {"xks_key_id": "a1b2c3"}),
	]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	count(rule.unknown) == 0 with input as lib.mock_input(resources)
}

test_unknown_rotation_is_unknown if {
	resources := [object.union(_key("later", {}), {"unknown": ["enable_key_rotation"]})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	rule.unknown == {lib.result(resources[0], "enable_key_rotation is known only after apply")} with input as lib.mock_input(resources)
}

test_deleted_key_is_not_judged if {
	resources := [object.union(_key("gone", {"enable_key_rotation": false}), {"actions": ["delete"]})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
}

test_default_key_store_keys_must_rotate if {
	resources := [_key("default-store", {"enable_key_rotation": false, "custom_key_store_id": ""})]
	count(rule.deny) == 1 with input as lib.mock_input(resources)
}

test_pending_key_store_is_unknown if {
	resources := [object.union(_key("hsm", {"enable_key_rotation": false}), {"unknown": ["custom_key_store_id"], "configured": ["custom_key_store_id", "enable_key_rotation"]})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	count(rule.unknown) == 1 with input as lib.mock_input(resources)
}
