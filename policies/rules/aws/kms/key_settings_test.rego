package tfgate.rules.aws_kms_key_settings_test

import data.tfgate.lib
import data.tfgate.rules.aws_kms_deletion_window as window
import data.tfgate.rules.aws_kms_enabled as enabled
import data.tfgate.rules.aws_kms_policy_wildcard as wildcard

_key(name, values) := {"address": sprintf("aws_kms_key.%s", [name]), "type": "aws_kms_key", "values": values}

test_enabled if {
	rs := [_key("off", {"is_enabled": false}), _key("on", {"is_enabled": true}), _key("default", {}), object.union(_key("later", {}), {"unknown": ["is_enabled"]})]
	enabled.deny == {lib.result(rs[0], "the key is disabled (is_enabled = false): data encrypted with it cannot be decrypted")} with input as lib.mock_input(rs)
	enabled.unknown == {lib.result(rs[3], "is_enabled is known only after apply")} with input as lib.mock_input(rs)
}

test_deletion_window if {
	rs := [_key("short", {"deletion_window_in_days": 7}), _key("full", {"deletion_window_in_days": 30}), _key("default", {}), object.union(_key("later", {}), {"unknown": ["deletion_window_in_days"]})]
	window.deny == {lib.result(rs[0], "deletion_window_in_days is 7, below 30")} with input as lib.mock_input(rs)
	window.unknown == {lib.result(rs[3], "deletion_window_in_days is known only after apply")} with input as lib.mock_input(rs)
}

_policy(statement) := json.marshal({"Version": "2012-10-17", "Statement": statement})

test_policy_wildcard if {
	rs := [
		_key("open", {"policy": _policy([{"Sid": "Everyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}])}),
		_key("conditioned", {"policy": _policy([{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}])}),
		_key("root", {"policy": _policy([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}])}),
		_key("decrypt", {"policy": _policy([{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}])}),
		object.union(_key("computed", {}), {"unknown": ["policy"], "configured": ["description"]}),
		object.union(_key("pending", {}), {"unknown": ["policy"], "configured": ["policy"]}),
	]
	wildcard.deny == {lib.result(rs[0], "statement Everyone allows kms:* to anyone (Principal \"*\") without a condition")} with input as lib.mock_input(rs)
	wildcard.unknown == {lib.result(rs[5], "the key policy is known only after apply")} with input as lib.mock_input(rs)
}
