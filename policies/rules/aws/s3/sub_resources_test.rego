# Tests of the S3 rules that judge a bucket by a linked sub-resource:
# encryption with KMS, public access block, versioning. A rule reports what
# a sub-resource says on the sub-resource; the engine makes it its
# bucket's too (custom.related), which the Go tests and the corpus check.
package tfgate.rules.aws_s3_sub_resources_test

import data.tfgate.lib
import data.tfgate.rules.aws_s3_encryption as encryption
import data.tfgate.rules.aws_s3_encryption_kms as kms
import data.tfgate.rules.aws_s3_public_access_block as pab
import data.tfgate.rules.aws_s3_versioning as versioning

_bucket(name, configs) := {
	"address": sprintf("aws_s3_bucket.%s", [name]),
	"type": "aws_s3_bucket",
	"values": {"bucket": name},
	"referenced_by": [{"address": c.address, "type": c.type, "attribute": "bucket", "via": "reference"} | some c in configs],
}

# A configuration of the bucket with the same name, linked both ways as
# the model links them.
_config(type, name, values) := {
	"address": sprintf("%s.%s", [type, name]),
	"type": type,
	"values": values,
	"references": [{"address": sprintf("aws_s3_bucket.%s", [name]), "type": "aws_s3_bucket", "attribute": "bucket", "via": "reference"}],
}

_sse(name, algorithm, key) := _config("aws_s3_bucket_server_side_encryption_configuration", name, {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm, "kms_master_key_id": key}]}]})

_pab(name, value) := _config("aws_s3_bucket_public_access_block", name, {
	"block_public_acls": true, "block_public_policy": value,
	"ignore_public_acls": true, "restrict_public_buckets": true,
})

_versioning(name, status) := _config("aws_s3_bucket_versioning", name, {"versioning_configuration": [{"status": status}]})

test_kms_encryption if {
	good := _sse("good", "aws:kms", "arn:aws:kms:eu-west-1:111122223333:key/abcd")
	aes := _sse("aes", "AES256", null)
	managed := _sse("managed", "aws:kms", null)
	rs := [
		_bucket("good", [good]), good,
		_bucket("aes", [aes]), aes,
		_bucket("managed", [managed]), managed,
		_bucket("none", []),
	]
	kms.deny == {
		lib.result(rs[3], "sse_algorithm is AES256, not aws:kms or aws:kms:dsse"),
		lib.result(rs[5], "kms_master_key_id is not set, so the AWS-managed aws/s3 key is used"),
		lib.result(rs[6], "no server-side encryption configuration refers to this bucket, so no customer-managed KMS key protects it"),
	} with input as lib.mock_input(rs)
	count(kms.unknown) == 0 with input as lib.mock_input(rs)
}

test_kms_key_known_after_apply if {
	linked := object.union(_sse("linked", "aws:kms", null), {
		"unknown": ["rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"],
		"references": [
			{"address": "aws_s3_bucket.linked", "type": "aws_s3_bucket", "attribute": "bucket", "via": "reference"},
			{"address": "aws_kms_key.k", "type": "aws_kms_key", "attribute": "rule.apply_server_side_encryption_by_default.kms_master_key_id", "via": "reference"},
		],
	})
	loose := object.union(_sse("loose", "aws:kms", null), {"unknown": ["rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"]})
	rs := [_bucket("linked", [linked]), linked, _bucket("loose", [loose]), loose]
	count(kms.deny) == 0 with input as lib.mock_input(rs)
	kms.unknown == {lib.result(rs[3], "the key is known only after apply and is not linked to a customer-managed aws_kms_key")} with input as lib.mock_input(rs)
}

_inline(algorithm, key) := {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm, "kms_master_key_id": key}]}]}]}

_alias(name, refs) := {"address": sprintf("aws_kms_alias.%s", [name]), "type": "aws_kms_alias", "values": {}, "references": refs}

_sse_through_alias(name, alias_name) := object.union(_sse(name, "aws:kms", null), {
	"unknown": ["rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"],
	"references": [
		{"address": sprintf("aws_s3_bucket.%s", [name]), "type": "aws_s3_bucket", "attribute": "bucket", "via": "reference"},
		{"address": sprintf("aws_kms_alias.%s", [alias_name]), "type": "aws_kms_alias", "attribute": "rule.apply_server_side_encryption_by_default.kms_master_key_id", "via": "reference"},
	],
})

test_kms_inline_block if {
	rs := [
		object.union(_bucket("cmk", []), {"values": _inline("aws:kms", "arn:aws:kms:eu-west-1:111122223333:key/abcd")}),
		object.union(_bucket("aes", []), {"values": _inline("AES256", null)}),
	]
	kms.deny == {lib.result(rs[1], "server_side_encryption_configuration: sse_algorithm is AES256, not aws:kms or aws:kms:dsse")} with input as lib.mock_input(rs)
	count(kms.unknown) == 0 with input as lib.mock_input(rs)
}

test_kms_key_through_alias if {
	to_key := [{"address": "aws_kms_key.k", "type": "aws_kms_key", "attribute": "target_key_id", "via": "reference"}]
	managed := _sse_through_alias("managed", "a")
	stray := _sse_through_alias("stray", "b")
	rs := [
		_alias("a", to_key), _alias("b", []),
		_bucket("managed", [managed]), managed,
		_bucket("stray", [stray]), stray,
	]
	count(kms.deny) == 0 with input as lib.mock_input(rs)
	kms.unknown == {lib.result(rs[5], "the key is known only after apply and is not linked to a customer-managed aws_kms_key")} with input as lib.mock_input(rs)
}

test_kms_rules_and_aws_managed_key if {
	empty := _config("aws_s3_bucket_server_side_encryption_configuration", "empty", {"rule": []})
	# A rule block known only after apply is not reported as missing (the
	# engine reports it unknown: custom.reads).
	pending := object.union(
		_config("aws_s3_bucket_server_side_encryption_configuration", "pending", {"rule": []}),
		{"unknown": ["rule"]},
	)
	alias := _sse("alias", "aws:kms", "alias/aws/s3")
	# AES256 uses no key: the key a block names does not matter.
	both := _sse("both", "AES256", "aws/s3")
	inline_empty := object.union(_bucket("inline", []), {"values": {"server_side_encryption_configuration": [{"rule": []}]}})
	rs := [
		_bucket("empty", [empty]), empty,
		_bucket("pending", [pending]), pending,
		_bucket("alias", [alias]), alias,
		_bucket("both", [both]), both,
		inline_empty,
	]
	kms.deny == {
		lib.result(rs[1], "no rule sets apply_server_side_encryption_by_default"),
		lib.result(rs[5], "kms_master_key_id alias/aws/s3 is the AWS-managed aws/s3 key"),
		lib.result(rs[7], "sse_algorithm is AES256, not aws:kms or aws:kms:dsse"),
		lib.result(rs[8], "server_side_encryption_configuration: no rule sets apply_server_side_encryption_by_default"),
	} with input as lib.mock_input(rs)
	count(kms.unknown) == 0 with input as lib.mock_input(rs)
}

test_public_access_block if {
	full := _pab("full", true)
	partial := _pab("partial", false)
	# A value known only after apply is absent from values.
	later := json.remove(object.union(_pab("later", true), {"unknown": ["block_public_policy"]}), ["values/block_public_policy"])
	rs := [
		_bucket("full", [full]), full,
		_bucket("partial", [partial]), partial,
		_bucket("later", [later]), later,
		_bucket("none", []),
	]
	pab.deny == {
		lib.result(rs[3], "block_public_policy is not true"),
		lib.result(rs[6], "no public access block refers to this bucket"),
	} with input as lib.mock_input(rs)

	# The engine reports the pending setting (custom.reads).
	count(pab.unknown) == 0 with input as lib.mock_input(rs)
}

test_public_access_block_for_the_account if {
	partial := _pab("partial", false)
	account := {"address": "aws_s3_account_public_access_block.all", "type": "aws_s3_account_public_access_block", "provider": "aws", "values": {
		"block_public_acls": true, "block_public_policy": true,
		"ignore_public_acls": true, "restrict_public_buckets": true,
	}}
	rs := [
		json.patch(_bucket("partial", [partial]), [{"op": "add", "path": "/provider", "value": "aws"}]),
		json.patch(partial, [{"op": "add", "path": "/provider", "value": "aws"}]),
		json.patch(_bucket("none", []), [{"op": "add", "path": "/provider", "value": "aws"}]),
		account,
	]
	count(pab.deny) == 0 with input as lib.mock_input(rs)
	count(pab.unknown) == 0 with input as lib.mock_input(rs)

	# A state names no provider configuration: whether the block is the
	# buckets' account is not known, so they are unknown, not passes.
	state := [json.remove(r, ["provider"]) | some r in rs]
	count(pab.deny) == 0 with input as lib.mock_input(state)
	{r.resource | some r in pab.unknown} == {"aws_s3_bucket_public_access_block.partial", "aws_s3_bucket.none"} with input as lib.mock_input(state)

	# A block of another provider configuration (an aliased provider,
	# another account) covers none of these buckets.
	elsewhere := json.patch(account, [{"op": "add", "path": "/provider", "value": "aws.log_archive"}])
	here := [json.patch(rs[0], [{"op": "add", "path": "/provider", "value": "aws"}]), json.patch(rs[1], [{"op": "add", "path": "/provider", "value": "aws"}]), json.patch(rs[2], [{"op": "add", "path": "/provider", "value": "aws"}]), elsewhere]
	{r.resource | some r in pab.deny} == {"aws_s3_bucket_public_access_block.partial", "aws_s3_bucket.none"} with input as lib.mock_input(here)

	# An account block that may block everything, but not yet known to,
	# leaves the buckets it would cover undecided.
	later := json.patch(account, [{"op": "remove", "path": "/values/ignore_public_acls"}, {"op": "add", "path": "/unknown", "value": ["ignore_public_acls"]}])
	undecided := [rs[0], rs[1], rs[2], later]
	count(pab.deny) == 0 with input as lib.mock_input(undecided)
	pab.unknown == {
		lib.result(rs[1], "aws_s3_account_public_access_block.all may block public access to every bucket, but its settings are known only after apply"),
		lib.result(rs[2], "aws_s3_account_public_access_block.all may block public access to every bucket, but its settings are known only after apply"),
	} with input as lib.mock_input(undecided)

	# One that does not block everything changes nothing.
	lax := json.patch(account, [{"op": "replace", "path": "/values/ignore_public_acls", "value": false}])
	pab.deny == {
		lib.result(rs[1], "block_public_policy is not true"),
		lib.result(rs[2], "no public access block refers to this bucket"),
		lib.result(lax, "the account-level block leaves ignore_public_acls off: any bucket of the account may be made public"),
	} with input as lib.mock_input([rs[0], rs[1], rs[2], lax])
}

test_public_access_block_undecided_link if {
	detached := object.union(_pab("detached", true), {"unknown": ["bucket"], "references": []})
	rs := [_bucket("lonely", []), detached]
	count(pab.deny) == 0 with input as lib.mock_input(rs)
	pab.unknown == {lib.result(rs[0], "no aws_s3_bucket_public_access_block is linked to this bucket, and aws_s3_bucket_public_access_block.detached, which may block all public access, has a bucket known only after apply")} with input as lib.mock_input(rs)
}

test_versioning if {
	on := _versioning("on", "Enabled")
	off := _versioning("off", "Suspended")
	later := object.union(_versioning("later", "Enabled"), {"values": {"versioning_configuration": [{}]}, "unknown": ["versioning_configuration[0].status"]})
	rs := [
		_bucket("on", [on]), on,
		_bucket("off", [off]), off,
		_bucket("later", [later]), later,
		_bucket("none", []),
		object.union(_bucket("inline", []), {"values": {"versioning": [{"enabled": true}]}}),
	]
	versioning.deny == {
		lib.result(rs[3], "versioning status is Suspended, not Enabled"),
		lib.result(rs[6], "no versioning configuration refers to this bucket"),
	} with input as lib.mock_input(rs)
	versioning.unknown == {lib.result(rs[5], "the versioning status is known only after apply")} with input as lib.mock_input(rs)
}

# An algorithm known only after apply decides nothing; one that is not an
# S3 algorithm fails.
test_encryption_algorithms if {
	later := object.union(_sse("later", "aws:kms", null), {
		"values": {"rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": ""}]}]},
		"unknown": ["rule[0].apply_server_side_encryption_by_default[0].sse_algorithm"],
	})
	odd := _sse("odd", "aws:kms:aes", null)
	aes := _sse("aes", "AES256", null)
	rs := [_bucket("later", [later]), later, _bucket("odd", [odd]), odd, _bucket("aes", [aes]), aes]
	encryption.unknown == {lib.result(later, "sse_algorithm is known only after apply")} with input as lib.mock_input(rs)
	encryption.deny == {lib.result(odd, "sse_algorithm is \"aws:kms:aes\", not AES256, aws:kms or aws:kms:dsse")} with input as lib.mock_input(rs)
	kms.unknown == {lib.result(later, "sse_algorithm is known only after apply")} with input as lib.mock_input(rs)
}

test_object_lock_buckets_are_versioned if {
	locked := object.union(_bucket("locked", []), {"values": {"bucket": "locked", "object_lock_enabled": true}})
	plain := object.union(_bucket("plain", []), {"values": {"bucket": "plain", "object_lock_enabled": false}})
	legacy := object.union(_bucket("legacy", []), {"values": {"bucket": "legacy", "object_lock_configuration": [{"object_lock_enabled": "Enabled", "rule": []}]}, "unknown": ["object_lock_enabled"]})
	{r.resource | some r in versioning.deny} == {"aws_s3_bucket.plain"} with input as lib.mock_input([locked, plain, legacy])
}

test_sensitive_versioning_status_is_unknown if {
	hidden := object.union(_versioning("hidden", "(sensitive value)"), {"sensitive": ["versioning_configuration[0].status"]})
	rs := [_bucket("hidden", [hidden]), hidden]
	count(versioning.deny) == 0 with input as lib.mock_input(rs)
	versioning.unknown == {lib.result(hidden, "the versioning status is sensitive, so no rule can read it")} with input as lib.mock_input(rs)
}

test_account_block_that_blocks_nothing_fails if {
	off := {"address": "aws_s3_account_public_access_block.this", "type": "aws_s3_account_public_access_block", "values": {
		"block_public_acls": false, "block_public_policy": false, "ignore_public_acls": true, "restrict_public_buckets": true,
	}}
	pab.deny == {lib.result(off, "the account-level block leaves block_public_acls, block_public_policy off: any bucket of the account may be made public")} with input as lib.mock_input([off])
}

# An existing bucket's computed inline encryption (S3's AES256 default,
# which the provider copies into the plan) is not a setting of the
# configuration: the configuration resource of the plan decides.
test_computed_inline_encryption_does_not_count if {
	cmk := _sse("cmk", "aws:kms", "arn:aws:kms:us-east-1:111122223333:key/abc")
	existing := object.union(_bucket("cmk", [cmk]), {"configured": ["bucket"], "values": {"bucket": "cmk", "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256", "kms_master_key_id": ""}]}]}]}})
	count(kms.deny) == 0 with input as lib.mock_input([existing, cmk])
	written := json.patch(existing, [{"op": "replace", "path": "/configured", "value": ["bucket", "server_side_encryption_configuration"]}])
	count(kms.deny) > 0 with input as lib.mock_input([written, cmk])
}
