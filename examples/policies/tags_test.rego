package tfgate.rules.acme_owner_tag_test

import data.tfgate.lib
import data.tfgate.rules.acme_owner_tag as rule

test_owner_tag if {
	rs := [
		{"address": "aws_s3_bucket.tagged", "type": "aws_s3_bucket", "values": {"tags": {"Owner": "platform"}}},
		{"address": "aws_s3_bucket.inherited", "type": "aws_s3_bucket", "values": {"tags": null, "tags_all": {"Owner": "platform"}}},
		{"address": "aws_kms_key.bare", "type": "aws_kms_key", "values": {"tags": {"Name": "k"}}},
		{"address": "aws_kms_key.later", "type": "aws_kms_key", "values": {}, "unknown": ["tags_all"]},
	]
	rule.deny == {lib.result(rs[2], "no Owner tag")} with input as lib.mock_input(rs)
	rule.unknown == {lib.result(rs[3], "the Owner tag is known only after apply")} with input as lib.mock_input(rs)
}
