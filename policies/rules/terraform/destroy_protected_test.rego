package tfgate.rules.tf_destroy_protected_test

import data.tfgate.lib
import data.tfgate.rules.tf_destroy_protected as rule

_r(address, type, actions, values) := {"address": address, "type": type, "actions": actions, "values": values}

test_destruction if {
	rs := [
		_r("aws_kms_key.gone", "aws_kms_key", ["delete"], {}),
		_r("aws_s3_bucket.replaced", "aws_s3_bucket", ["delete", "create"], {}),
		_r("aws_s3_bucket.kept", "aws_s3_bucket", ["no-op"], {}),
		_r("aws_s3_bucket_versioning.gone", "aws_s3_bucket_versioning", ["delete"], {}),
		_r("aws_s3_bucket_versioning.replaced", "aws_s3_bucket_versioning", ["create", "delete"], {}),
		_r("aws_dynamodb_table.locks", "aws_dynamodb_table", ["delete"], {"hash_key": "LockID"}),
		_r("aws_dynamodb_table.orders", "aws_dynamodb_table", ["delete"], {"hash_key": "OrderID"}),
		_r("aws_cloudtrail.main", "aws_cloudtrail", ["update"], {}),
	]
	rule.deny == {
		lib.result(rs[0], "the plan deletes this aws_kms_key"),
		lib.result(rs[1], "the plan replaces this aws_s3_bucket"),
		lib.result(rs[3], "the plan deletes this aws_s3_bucket_versioning, removing a security control"),
		lib.result(rs[4], "the plan replaces this aws_s3_bucket_versioning create_before_destroy: the old one's delete runs last and removes the setting the new one writes"),
		lib.result(rs[5], "the plan deletes the state lock table"),
	} with input as lib.mock_input(rs)
}

test_every_kind_of_key_and_the_account_block if {
	rs := [
		_r("aws_kms_external_key.byok", "aws_kms_external_key", ["delete"], {}),
		_r("aws_kms_replica_key.dr", "aws_kms_replica_key", ["delete", "create"], {}),
		_r("aws_s3_account_public_access_block.this", "aws_s3_account_public_access_block", ["delete"], {}),
	]
	rule.deny == {
		lib.result(rs[0], "the plan deletes this aws_kms_external_key"),
		lib.result(rs[1], "the plan replaces this aws_kms_replica_key"),
		lib.result(rs[2], "the plan deletes this aws_s3_account_public_access_block, removing a security control"),
	} with input as lib.mock_input(rs)
}

test_deposed_objects_destroyed if {
	rs := [
		object.union(_r("aws_kms_key.k", "aws_kms_key", ["no-op"], {}), {"deposed": ["0badf00d"]}),
		object.union(_r("aws_s3_bucket_public_access_block.b", "aws_s3_bucket_public_access_block", ["no-op"], {}), {"deposed": ["0badcafe"]}),
		_r("aws_kms_key.kept", "aws_kms_key", ["no-op"], {}),
	]
	rule.deny == {
		lib.result(rs[0], "the plan destroys deposed object 0badf00d of this aws_kms_key"),
		lib.result(rs[1], "the plan destroys deposed object 0badcafe of this aws_s3_bucket_public_access_block, removing a security control"),
	} with input as lib.mock_input(rs)
}

test_create_before_destroy_of_a_control if {
	rs := [
		object.union(_r("aws_s3_bucket_versioning.cbd", "aws_s3_bucket_versioning", ["create", "delete"], {}), {"deposed": null}),
		object.union(_r("aws_s3_bucket_versioning.dbc", "aws_s3_bucket_versioning", ["delete", "create"], {}), {"deposed": null}),
	]
	rule.deny == {lib.result(rs[0], "the plan replaces this aws_s3_bucket_versioning create_before_destroy: the old one's delete runs last and removes the setting the new one writes")} with input as lib.mock_input(rs)
}
