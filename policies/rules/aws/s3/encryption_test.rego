package tfgate.rules.aws_s3_encryption_test

import data.tfgate.lib
import data.tfgate.rules.aws_s3_encryption as rule

_bucket(name, extra) := object.union(
	{"address": sprintf("aws_s3_bucket.%s", [name]), "type": "aws_s3_bucket", "values": {"bucket": name}},
	extra,
)

_config(name, extra) := object.union(
	{
		"address": sprintf("aws_s3_bucket_server_side_encryption_configuration.%s", [name]),
		"type": "aws_s3_bucket_server_side_encryption_configuration",
		"values": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]},
	},
	extra,
)

_link(address, type, via) := {"address": address, "type": type, "attribute": "bucket", "via": via}

_no_config := "no server-side encryption configuration refers to this bucket"

test_linked_configuration_passes if {
	resources := [
		_bucket("a", {"referenced_by": [_link("aws_s3_bucket_server_side_encryption_configuration.a", "aws_s3_bucket_server_side_encryption_configuration", "reference")]}),
		_config("a", {"references": [_link("aws_s3_bucket.a", "aws_s3_bucket", "reference")]}),
	]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	count(rule.unknown) == 0 with input as lib.mock_input(resources)
}

test_inline_configuration_passes if {
	inline := {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}]}
	resources := [_bucket("a", {"values": inline})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
}

test_missing_configuration_fails if {
	resources := [
		_bucket("plain", {}),
		_bucket("covered", {"referenced_by": [_link("aws_s3_bucket_server_side_encryption_configuration.c", "aws_s3_bucket_server_side_encryption_configuration", "literal")]}),
		_config("c", {"references": [_link("aws_s3_bucket.covered", "aws_s3_bucket", "literal")]}),
		_config("elsewhere", {"values": {"bucket": "someone-elses-bucket"}}),
	]
	rule.deny == {lib.result(resources[0], _no_config)} with input as lib.mock_input(resources)
	count(rule.unknown) == 0 with input as lib.mock_input(resources)
}

test_configuration_being_deleted_does_not_count if {
	resources := [
		_bucket("a", {"referenced_by": [_link("aws_s3_bucket_server_side_encryption_configuration.a", "aws_s3_bucket_server_side_encryption_configuration", "reference")]}),
		_config("a", {"actions": ["delete"], "references": [_link("aws_s3_bucket.a", "aws_s3_bucket", "reference")]}),
	]
	rule.deny == {lib.result(resources[0], _no_config)} with input as lib.mock_input(resources)
}

test_unlinked_unknown_bucket_is_unknown if {
	resources := [_bucket("a", {}), _config("x", {"unknown": ["bucket"]})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	rule.unknown == {lib.result(resources[0], "no aws_s3_bucket_server_side_encryption_configuration is linked to this bucket, and aws_s3_bucket_server_side_encryption_configuration.x, which would encrypt it, has a bucket known only after apply")} with input as lib.mock_input(resources)
}

test_unknown_bucket_name_with_literal_configuration_is_unknown if {
	resources := [
		{"address": "aws_s3_bucket.prefixed", "type": "aws_s3_bucket", "values": {"bucket_prefix": "acme-"}, "unknown": ["bucket"]},
		_config("lit", {"values": {"bucket": "acme-logs"}}),
	]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	rule.unknown == {lib.result(resources[0], "no aws_s3_bucket_server_side_encryption_configuration is linked to this bucket, whose name is known only after apply, so aws_s3_bucket_server_side_encryption_configuration.lit, which would encrypt it, may be its own")} with input as lib.mock_input(resources)
}

test_many_unlinked_configurations_are_summarised if {
	resources := [
		_bucket("a", {}),
		_config("w", {"unknown": ["bucket"]}),
		_config("x", {"unknown": ["bucket"]}),
		_config("y", {"unknown": ["bucket"]}),
		_config("z", {"unknown": ["bucket"]}),
	]
	rule.unknown == {lib.result(resources[0], "no aws_s3_bucket_server_side_encryption_configuration is linked to this bucket, and aws_s3_bucket_server_side_encryption_configuration.w, aws_s3_bucket_server_side_encryption_configuration.x, aws_s3_bucket_server_side_encryption_configuration.y and 1 more, which would encrypt it, have buckets known only after apply")} with input as lib.mock_input(resources)
}

# An unlinked configuration that would fail the bucket anyway does not
# leave it undecided: with it or without it, the bucket fails.
test_unlinked_failing_configuration_decides_nothing if {
	resources := [_bucket("a", {}), _config("bad", {"unknown": ["bucket"], "values": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms:aes"}]}]}})]
	rule.deny == {
		lib.result(resources[0], _no_config),
		lib.result(resources[1], "sse_algorithm is \"aws:kms:aes\", not AES256, aws:kms or aws:kms:dsse"),
	} with input as lib.mock_input(resources)
	count(rule.unknown) == 0 with input as lib.mock_input(resources)
}
