# METADATA
# title: S3 buckets have a server-side encryption configuration
# description: |
#   Every bucket needs default encryption written down: a separate
#   aws_s3_bucket_server_side_encryption_configuration that refers to it
#   (by reference, instance key or literal name), or the legacy inline
#   server_side_encryption_configuration block. When no configuration is
#   linked but one exists whose bucket is known only after apply, the
#   result is unknown, never a pass.
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
#   runbook: post-apply verification (S3 encrypted)
#   remediation: |
#     Add an aws_s3_bucket_server_side_encryption_configuration whose
#     `bucket` refers to the bucket (`bucket = aws_s3_bucket.NAME.id`) with a
#     rule that sets apply_server_side_encryption_by_default.
package tfgate.rules.aws_s3_encryption

import data.tfgate.lib

_type := "aws_s3_bucket_server_side_encryption_configuration"

# _unconfigured are the buckets no resource of _type configures (a rule,
# so that it is computed once).
_unconfigured := lib.buckets_without(_type)

deny contains lib.result(bucket, "no server-side encryption configuration refers to this bucket") if {
	some bucket in _unconfigured
	not _inline_encrypted(bucket)
	not lib.bucket_undecided(bucket, _type)
}

unknown contains lib.result(bucket, lib.bucket_undecided_message(bucket, _type)) if {
	some bucket in _unconfigured
	not _inline_encrypted(bucket)
	lib.bucket_undecided(bucket, _type)
}

# The legacy inline block, when the configuration writes it (a computed
# one is unknown at plan time and does not count).
_inline_encrypted(bucket) if {
	some block in bucket.values.server_side_encryption_configuration
	some rule in block.rule
	count(rule.apply_server_side_encryption_by_default) > 0
}
