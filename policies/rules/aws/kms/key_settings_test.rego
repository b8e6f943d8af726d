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
	wildcard.deny == {
		lib.result(rs[0], "statement Everyone allows kms:* to anyone (Principal \"*\") without a condition"),
		lib.result(rs[3], "statement #1 allows kms:Decrypt to anyone (Principal \"*\") without a condition"),
	} with input as lib.mock_input(rs)
	wildcard.unknown == {lib.result(rs[5], "the key policy is known only after apply")} with input as lib.mock_input(rs) with input.index.computed as {"aws_kms_key": {"policy"}}
}

# A condition restricts who may use a statement for anyone only when it
# pins fixed values of a key that limits who: the S3 reading of "public",
# with kms:CallerAccount.
test_policy_wildcard_conditions if {
	rs := [
		_key("transport", {"policy": _for_anyone({"Bool": {"aws:SecureTransport": "true"}})}),
		_key("org", {"policy": _for_anyone({"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})}),
		_key("org_wild", {"policy": _for_anyone({"StringLike": {"aws:PrincipalOrgID": "o-*"}})}),
		_key("arn_wild", {"policy": _for_anyone({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}})}),
		_key("if_exists", {"policy": _for_anyone({"StringEqualsIfExists": {"kms:CallerAccount": "111122223333"}})}),
		_key("negated", {"policy": _for_anyone({"StringNotEquals": {"kms:CallerAccount": "111122223333"}})}),
		_key("via_service", {"policy": _for_anyone({"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com", "kms:CallerAccount": "111122223333"}})}),
		_key("not_principal", {"policy": _policy([{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}])}),
		_key("deny", {"policy": _policy([{"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*"}])}),
	]
	{r.resource | some r in wildcard.deny} == {
		"aws_kms_key.transport", "aws_kms_key.org_wild", "aws_kms_key.arn_wild",
		"aws_kms_key.if_exists", "aws_kms_key.negated", "aws_kms_key.not_principal",
	} with input as lib.mock_input(rs)
}

_for_anyone(condition) := _policy([{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*", "Condition": condition}])

# A key policy known only after apply fails on a statement that is known
# and gives the key to everyone, whatever the others turn out to be.
test_policy_wildcard_partial_documents if {
	doc := {"address": "data.aws_iam_policy_document.key", "type": "aws_iam_policy_document", "mode": "data", "values": {"statement": [
		{"sid": "Admins", "effect": "Allow", "actions": ["kms:*"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": [null]}]},
		{"sid": "Everyone", "effect": "Allow", "actions": ["kms:Decrypt"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["*"]}]},
	]}, "unknown": ["json", "statement[0].principals[0].identifiers[0]"]}
	link := {"address": doc.address, "type": "aws_iam_policy_document", "attribute": "policy", "via": "reference"}
	open := {"address": "aws_kms_key.open", "type": "aws_kms_key", "values": {}, "unknown": ["policy"], "configured": ["policy"], "references": [link]}
	closed_doc := json.patch(doc, [{"op": "replace", "path": "/address", "value": "data.aws_iam_policy_document.closed"}, {"op": "replace", "path": "/values/statement/1/principals/0/identifiers/0", "value": "arn:aws:iam::111122223333:root"}])
	closed := {"address": "aws_kms_key.closed", "type": "aws_kms_key", "values": {}, "unknown": ["policy"], "configured": ["policy"], "references": [object.union(link, {"address": closed_doc.address})]}
	rs := [doc, open, closed_doc, closed]
	wildcard.deny == {lib.result(open, "statement Everyone allows kms:Decrypt to anyone (Principal \"*\") without a condition")} with input as lib.mock_input(rs)
	wildcard.unknown == {lib.result(closed, "the key policy is known only after apply")} with input as lib.mock_input(rs)
}
