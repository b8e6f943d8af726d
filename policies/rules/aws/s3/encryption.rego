# METADATA
# title: S3 buckets have a server-side encryption configuration
# description: |
#   Every bucket needs default encryption written down: a separate
#   aws_s3_bucket_server_side_encryption_configuration that refers to it
#   (by reference, instance key or literal name), or the legacy inline
#   server_side_encryption_configuration block, with a rule that sets
#   apply_server_side_encryption_by_default to AES256, aws:kms or
#   aws:kms:dsse. When no configuration is linked but one that would encrypt
#   the bucket exists whose bucket is known only after apply, the result is
#   unknown, never a pass.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
#     description: Amazon S3 User Guide, default encryption for buckets
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
#     description: Terraform AWS provider, aws_s3_bucket_server_side_encryption_configuration
# custom:
#   id: aws-s3-encryption
#   severity: high
#   enforcement: soft-mandatory
#   resource_types: [aws_s3_bucket]
#   related:
#     aws_s3_bucket_server_side_encryption_configuration: bucket
#   reads:
#     aws_s3_bucket: [server_side_encryption_configuration]
#     aws_s3_bucket_server_side_encryption_configuration: [rule]
#   runbook: post-apply verification (S3 encrypted)
#   remediation: |
#     Add an aws_s3_bucket_server_side_encryption_configuration whose
#     `bucket` refers to the bucket (`bucket = aws_s3_bucket.NAME.id`) with a
#     rule that sets apply_server_side_encryption_by_default with
#     sse_algorithm AES256, aws:kms or aws:kms:dsse.
#   verdicts:
#     fail:
#       - 'no configuration is linked, and the unlinked ones whose bucket is known only after apply are fewer than the buckets without one, so at least that many surely lack it'
#       - 'no aws_s3_bucket_server_side_encryption_configuration refers to the bucket and it writes no inline block'
#       - 'a linked configuration (or the inline block) has no rule with apply_server_side_encryption_by_default'
#       - 'an sse_algorithm other than AES256, aws:kms or aws:kms:dsse'
#     unknown:
#       - 'a configuration''s rule or algorithm is known only after apply (a dynamic block over a for_each known only after apply)'
#       - 'no configuration is linked, but one whose bucket is known only after apply, and that would encrypt the bucket, may be its own (as many such configurations as buckets without one), or refers to this bucket or to another'
#     pass:
#       - 'a linked configuration sets AES256, aws:kms or aws:kms:dsse as the default'
package tfgate.rules.aws_s3_encryption

import data.tfgate.lib

_type := "aws_s3_bucket_server_side_encryption_configuration"

_algorithms := {"AES256", "aws:kms", "aws:kms:dsse"}

# _unconfigured are the buckets no resource of _type configures (a rule,
# so that it is computed once).
_unconfigured := lib.buckets_without(_type)

# A bucket with no configuration fails, unless one whose bucket is known
# only after apply, and that would pass it, may be its own.
deny contains lib.result(bucket, lib.bucket_unconfigured_message(bucket, _type, _passing, "no server-side encryption configuration refers to this bucket")) if {
	some bucket in _unconfigured
	not lib.inline_encryption(bucket)
	not lib.bucket_may_be_configured(bucket, _type, _passing)
}

unknown contains lib.result(bucket, lib.bucket_maybe_message(bucket, _type, _passing, "would encrypt it")) if {
	some bucket in _unconfigured
	not lib.inline_encryption(bucket)
	lib.bucket_may_be_configured(bucket, _type, _passing)
}

# What a setting says is judged on the resource that says it: a
# configuration's findings are its buckets' (custom.related).
deny contains lib.result(r, msg) if some [r, msg] in _problems

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

_problems contains [s.resource, sprintf("%ssse_algorithm is %q, not AES256, aws:kms or aws:kms:dsse", [s.label, d.sse_algorithm])] if {
	some s in lib.encryption_settings
	some d in s.defaults
	is_string(d.sse_algorithm)
	not _algorithms[d.sse_algorithm]
}

# _passing are the configurations that do not fail.
_passing := {c.address | some c in lib.resources(_type)} - {r.address | some [r, _] in _problems}
