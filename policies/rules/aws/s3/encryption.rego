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

_config_type := "aws_s3_bucket_server_side_encryption_configuration"

deny contains lib.result(bucket, "no server-side encryption configuration refers to this bucket") if {
	some bucket in lib.resources("aws_s3_bucket")
	not _encrypted(bucket)
	count(_unlinked_unknown) == 0
	not _name_unknown_with_candidates(bucket)
}

unknown contains lib.result(bucket, _unlinked_message) if {
	some bucket in lib.resources("aws_s3_bucket")
	not _encrypted(bucket)
	count(_unlinked_unknown) > 0
}

unknown contains lib.result(bucket, msg) if {
	some bucket in lib.resources("aws_s3_bucket")
	not _encrypted(bucket)
	_name_unknown_with_candidates(bucket)
	msg := sprintf("the bucket name is known only after apply, so it may be the bucket of %s", [_list(_unlinked_known)])
}

_encrypted(bucket) if count(lib.referrers(bucket, _config_type, "bucket")) > 0

# The legacy inline block, when the configuration writes it (a computed
# one is unknown at plan time and does not count).
_encrypted(bucket) if {
	some block in bucket.values.server_side_encryption_configuration
	some rule in block.rule
	count(rule.apply_server_side_encryption_by_default) > 0
}

_name_unknown_with_candidates(bucket) if {
	lib.is_unknown(bucket, "bucket")
	count(_unlinked_known) > 0
}

# Encryption configurations that no link ties to a bucket in this input,
# by whether their bucket is known. Computed once, not per bucket.
_unlinked_unknown := sort([config.address |
	some config in lib.resources(_config_type)
	not lib.refers_to(config, "aws_s3_bucket", "bucket")
	lib.is_unknown(config, "bucket")
])

_unlinked_known := sort([config.address |
	some config in lib.resources(_config_type)
	not lib.refers_to(config, "aws_s3_bucket", "bucket")
	not lib.is_unknown(config, "bucket")
])

_unlinked_message := sprintf("no encryption configuration is linked to this bucket, and %s has a bucket known only after apply", [_unlinked_unknown[0]]) if {
	count(_unlinked_unknown) == 1
} else := sprintf("no encryption configuration is linked to this bucket, and %s have buckets known only after apply", [_list(_unlinked_unknown)])

# _list names up to three addresses and counts the rest.
_list(addresses) := concat(", ", addresses) if {
	count(addresses) <= 3
} else := sprintf("%s and %d more", [concat(", ", array.slice(addresses, 0, 3)), count(addresses) - 3])
