# METADATA
# title: S3 buckets block all public access
# description: |
#   Every bucket needs an aws_s3_bucket_public_access_block with all four
#   settings true (block_public_acls, block_public_policy,
#   ignore_public_acls, restrict_public_buckets). Public access enabled on
#   a bucket is one of the runbook's P1 alerts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Amazon S3 User Guide, blocking public access to your Amazon S3 storage
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure that S3 buckets are configured with Block public access
# custom:
#   id: aws-s3-public-access-block
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_s3_bucket]
#   runbook: P1 alert (S3 public access enabled)
#   remediation: |
#     Add an aws_s3_bucket_public_access_block for the bucket with
#     block_public_acls, block_public_policy, ignore_public_acls and
#     restrict_public_buckets all set to true.
package tfgate.rules.aws_s3_public_access_block

import data.tfgate.lib

_type := "aws_s3_bucket_public_access_block"

# _unconfigured are the buckets no resource of _type configures (a rule,
# so that it is computed once).
_unconfigured := lib.buckets_without(_type)

_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# _lax are the blocks with a setting not known to be true: the only ones
# the bodies below need to look at setting by setting.
_lax := [block |
	some block in lib.resources(_type)
	not _all_true(block.values)
]

_all_true(values) if every setting in _settings {
	values[setting] == true
}

deny contains lib.result(bucket, "no public access block refers to this bucket") if {
	some bucket in _unconfigured
	not lib.bucket_undecided(bucket, _type)
}

deny contains lib.result(bucket, sprintf("%s: %s is not true", [block.address, setting])) if {
	some block in _lax
	some setting in _settings
	not block.values[setting] == true
	not lib.is_unknown(block, setting)
	some bucket in lib.configured_buckets(block)
}

unknown contains lib.result(bucket, lib.bucket_undecided_message(bucket, _type)) if {
	some bucket in _unconfigured
	lib.bucket_undecided(bucket, _type)
}

unknown contains lib.result(bucket, sprintf("%s: %s is known only after apply", [block.address, setting])) if {
	some block in _lax
	some setting in _settings
	not block.values[setting] == true # a value known to be true is not unknown
	lib.is_unknown(block, setting)
	some bucket in lib.configured_buckets(block)
}
