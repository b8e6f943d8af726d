# METADATA
# title: S3 buckets are encrypted with a customer-managed KMS key
# description: |
#   Default encryption must use KMS (aws:kms or aws:kms:dsse) with a
#   customer-managed key, so that the team controls the key policy,
#   rotation and the audit trail of every decrypt. SSE-S3 (AES256) and the
#   AWS-managed aws/s3 key fail.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
#     description: Amazon S3 User Guide, server-side encryption with AWS KMS keys
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#customer-cmk
#     description: AWS KMS Developer Guide, customer managed keys
# custom:
#   id: aws-s3-encryption-kms
#   severity: medium
#   enforcement: soft-mandatory
#   resource_types: [aws_s3_bucket]
#   related:
#     aws_s3_bucket_server_side_encryption_configuration: bucket
#   reads:
#     aws_kms_alias: []
#     aws_s3_bucket: [server_side_encryption_configuration]
#     aws_s3_bucket_server_side_encryption_configuration: [rule]
#   runbook: post-apply verification (S3 encrypted, KMS keys usable)
#   remediation: |
#     In the bucket's encryption configuration set
#     `sse_algorithm = "aws:kms"` and `kms_master_key_id` to a customer-managed
#     aws_kms_key (`aws_kms_key.NAME.arn`).
#   verdicts:
#     fail:
#       - 'the failures of aws-s3-encryption'
#       - 'AES256 (SSE-S3)'
#       - 'aws:kms without kms_master_key_id (the AWS-managed aws/s3 key)'
#       - 'kms_master_key_id names alias/aws/s3, by name or alias ARN, or a data source that reads it'
#     unknown:
#       - 'the key is known only after apply and links to no aws_kms_key (directly or through an aws_kms_alias)'
#       - 'the algorithm is known only after apply'
#     pass:
#       - 'aws:kms or aws:kms:dsse with a customer-managed key: a linked aws_kms_key or alias, or a literal key ARN or alias that is not aws/s3'
package tfgate.rules.aws_s3_encryption_kms

import data.tfgate.lib

_type := "aws_s3_bucket_server_side_encryption_configuration"

_kms := {"aws:kms", "aws:kms:dsse"}

# _unconfigured are the buckets no resource of _type configures (a rule,
# so that it is computed once).
_unconfigured := lib.buckets_without(_type)

# A bucket with no configuration fails, unless one whose bucket is known
# only after apply, and that would pass it, may be its own.
deny contains lib.result(bucket, lib.bucket_unconfigured_message(bucket, _type, _passing, "no server-side encryption configuration refers to this bucket, so no customer-managed KMS key protects it")) if {
	some bucket in _unconfigured
	not lib.inline_encryption(bucket)
	not lib.bucket_may_be_configured(bucket, _type, _passing)
}

unknown contains lib.result(bucket, lib.bucket_maybe_message(bucket, _type, _passing, "may encrypt it with a customer-managed key")) if {
	some bucket in _unconfigured
	not lib.inline_encryption(bucket)
	lib.bucket_may_be_configured(bucket, _type, _passing)
}

# What a setting says is judged on the resource that says it: a
# configuration's findings are its buckets' (custom.related).
deny contains lib.result(r, msg) if some [r, msg] in _problems

unknown contains lib.result(s.resource, concat("", [s.label, "the key is known only after apply and is not linked to a customer-managed aws_kms_key"])) if {
	some s in lib.encryption_settings
	some d in s.defaults
	_kms[d.sse_algorithm]
	not _key_set(d)
	_key_unknown(s)
	not lib.refers_to_kms_key(s.resource, "kms_master_key_id")
	count(lib.aws_managed_key_sources(s.resource, "kms_master_key_id", "s3")) == 0
}

unknown contains lib.result(s.resource, concat("", [s.label, "sse_algorithm is known only after apply"])) if {
	some s in lib.encryption_settings
	some d in s.defaults
	not is_string(object.get(d, "sse_algorithm", null))
	lib.is_unknown(s.resource, concat(".", [s.default_path, "sse_algorithm"]))
}

_problems contains [s.resource, concat("", [s.label, "no rule sets apply_server_side_encryption_by_default"])] if {
	some s in lib.encryption_settings
	count(s.defaults) == 0
	not lib.is_unknown(s.resource, s.rule_path)
}

_problems contains [s.resource, sprintf("%ssse_algorithm is %s, not aws:kms or aws:kms:dsse", [s.label, d.sse_algorithm])] if {
	some s in lib.encryption_settings
	some d in s.defaults
	is_string(d.sse_algorithm)
	not _kms[d.sse_algorithm]
}

_problems contains [s.resource, concat("", [s.label, "kms_master_key_id is not set, so the AWS-managed aws/s3 key is used"])] if {
	some s in lib.encryption_settings
	some d in s.defaults
	_kms[d.sse_algorithm]
	not _key_set(d)
	not _key_unknown(s)
}

_problems contains [s.resource, sprintf("%skms_master_key_id %s is the AWS-managed aws/s3 key", [s.label, d.kms_master_key_id])] if {
	some s in lib.encryption_settings
	some d in s.defaults
	_kms[d.sse_algorithm]
	_key_set(d)
	lib.aws_managed_key(d.kms_master_key_id, "s3")
}

_problems contains [s.resource, sprintf("%skms_master_key_id is %s, the AWS-managed aws/s3 key", [s.label, source])] if {
	some s in lib.encryption_settings
	some source in lib.aws_managed_key_sources(s.resource, "kms_master_key_id", "s3")
}

# _passing are the configurations that do not fail.
_passing := {c.address | some c in lib.resources(_type)} - {r.address | some [r, _] in _problems}

_key_set(d) if {
	is_string(d.kms_master_key_id)
	d.kms_master_key_id != ""
}

_key_unknown(s) if lib.is_unknown(s.resource, concat(".", [s.default_path, "kms_master_key_id"]))
