package tfgate.rules.aws_cloudtrail_settings_test

import data.tfgate.lib
import data.tfgate.rules.aws_cloudtrail_kms as kms
import data.tfgate.rules.aws_cloudtrail_log_validation as validation
import data.tfgate.rules.aws_cloudtrail_multi_region as multi

_trail(name, values) := {"address": sprintf("aws_cloudtrail.%s", [name]), "type": "aws_cloudtrail", "values": values}

test_multi_region if {
	rs := [_trail("one", {"is_multi_region_trail": false}), _trail("unset", {}), _trail("all", {"is_multi_region_trail": true}), object.union(_trail("later", {}), {"unknown": ["is_multi_region_trail"]})]
	multi.deny == {
		lib.result(rs[0], "the trail records one region only (is_multi_region_trail is not true)"),
		lib.result(rs[1], "the trail records one region only (is_multi_region_trail is not true)"),
	} with input as lib.mock_input(rs)
	multi.unknown == {lib.result(rs[3], "is_multi_region_trail is known only after apply")} with input as lib.mock_input(rs)
}

test_log_validation if {
	rs := [_trail("off", {"enable_log_file_validation": false}), _trail("on", {"enable_log_file_validation": true}), object.union(_trail("later", {}), {"unknown": ["enable_log_file_validation"]})]
	validation.deny == {lib.result(rs[0], "log file validation is off (enable_log_file_validation is not true)")} with input as lib.mock_input(rs)
	validation.unknown == {lib.result(rs[2], "enable_log_file_validation is known only after apply")} with input as lib.mock_input(rs)
}

test_kms if {
	rs := [
		_trail("plain", {"kms_key_id": null}),
		_trail("literal", {"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/abcd"}),
		object.union(_trail("linked", {}), {"unknown": ["kms_key_id"], "references": [{"address": "aws_kms_key.k", "type": "aws_kms_key", "attribute": "kms_key_id", "via": "reference"}]}),
		object.union(_trail("loose", {}), {"unknown": ["kms_key_id"]}),
	]
	kms.deny == {lib.result(rs[0], "the trail's log files are not encrypted with a KMS key (kms_key_id is not set)")} with input as lib.mock_input(rs)
	kms.unknown == {lib.result(rs[3], "kms_key_id is known only after apply and is not linked to an aws_kms_key")} with input as lib.mock_input(rs)
}

# A trail whose key the change deletes fails: CloudTrail can no longer
# encrypt its logs.
test_kms_key_deleted if {
	key := {"address": "aws_kms_key.logs", "type": "aws_kms_key", "values": {"arn": "arn:aws:kms:us-east-1:111122223333:key/k"}, "actions": ["delete"]}
	trail := {"address": "aws_cloudtrail.main", "type": "aws_cloudtrail", "values": {"kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}, "references": [{"address": key.address, "type": "aws_kms_key", "attribute": "kms_key_id", "via": "literal"}]}
	{r.resource | some r in kms.deny} == {"aws_cloudtrail.main"} with input as lib.mock_input([key, trail])
	count(kms.deny) == 0 with input as lib.mock_input([json.patch(key, [{"op": "replace", "path": "/actions", "value": ["no-op"]}]), trail])
}
