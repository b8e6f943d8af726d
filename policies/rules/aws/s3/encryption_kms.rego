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
#   runbook: post-apply verification (S3 encrypted, KMS keys usable)
#   remediation: |
#     In the bucket's encryption configuration set
#     `sse_algorithm = "aws:kms"` and `kms_master_key_id` to a customer-managed
#     aws_kms_key (`aws_kms_key.NAME.arn`).
package tfgate.rules.aws_s3_encryption_kms

import data.tfgate.lib

_type := "aws_s3_bucket_server_side_encryption_configuration"

deny contains lib.result(bucket, "no server-side encryption configuration refers to this bucket, so no customer-managed KMS key protects it") if {
	some bucket in lib.resources("aws_s3_bucket")
	count(lib.bucket_configs(bucket, _type)) == 0
	not lib.bucket_undecided(bucket, _type)
}

deny contains lib.result(bucket, sprintf("%s: %s", [address, problem])) if {
	some address, problems in _problems
	some bucket in _buckets_of(address)
	some problem in problems
}

unknown contains lib.result(bucket, lib.bucket_undecided_message(bucket, _type)) if {
	some bucket in lib.resources("aws_s3_bucket")
	count(lib.bucket_configs(bucket, _type)) == 0
	lib.bucket_undecided(bucket, _type)
}

unknown contains lib.result(bucket, sprintf("%s: %s", [address, question])) if {
	some address, questions in _questions
	some bucket in _buckets_of(address)
	some question in questions
}

# _buckets_of returns the buckets (not being deleted) a configuration is
# linked to.
_buckets_of(address) := [bucket |
	some l in lib.resource(address).references
	l.attribute == "bucket"
	l.type == "aws_s3_bucket"
	bucket := lib.resource(l.address)
	not lib.deleted(bucket)
]

# _problems and _questions map configuration addresses to what is wrong or
# undecided about them. They are iterated whole, never looked up by key:
# a lookup would evaluate the rule again for every configuration.
_problems[config.address] contains "no rule sets apply_server_side_encryption_by_default" if {
	some config in lib.resources(_type)
	not lib.is_unknown(config, "rule")
	count(_defaults(config)) == 0
}

_problems[config.address] contains sprintf("sse_algorithm is %s, not aws:kms or aws:kms:dsse", [d.sse_algorithm]) if {
	some config in lib.resources(_type)
	some d in _defaults(config)
	is_string(d.sse_algorithm)
	not d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
}

_problems[config.address] contains "kms_master_key_id is not set, so the AWS-managed aws/s3 key is used" if {
	some config in lib.resources(_type)
	some d in _defaults(config)
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	not _key_set(config, d)
}

_problems[config.address] contains "kms_master_key_id is the AWS-managed aws/s3 key" if {
	some config in lib.resources(_type)
	some d in _defaults(config)
	d.kms_master_key_id in {"alias/aws/s3", "aws/s3"}
}

_questions[config.address] contains "the key is known only after apply and is not linked to a customer-managed aws_kms_key" if {
	some config in lib.resources(_type)
	some d in _defaults(config)
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	_key_unknown(config)
	not _key_linked(config)
}

_defaults(config) := [d |
	some rule in config.values.rule
	some d in rule.apply_server_side_encryption_by_default
]

_key_set(_, d) if {
	is_string(d.kms_master_key_id)
	d.kms_master_key_id != ""
}

_key_set(config, _) if _key_unknown(config)

_key_unknown(config) if lib.is_unknown(config, "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id")

_key_linked(config) if {
	some l in config.references
	l.type == "aws_kms_key"
	endswith(l.attribute, "kms_master_key_id")
}
