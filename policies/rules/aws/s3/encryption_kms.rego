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

# _unconfigured are the buckets no resource of _type configures (a rule,
# so that it is computed once).
_unconfigured := lib.buckets_without(_type)

_inline := "server_side_encryption_configuration[0]."

deny contains lib.result(bucket, "no server-side encryption configuration refers to this bucket, so no customer-managed KMS key protects it") if {
	some bucket in _unconfigured
	not _has_inline(bucket)
	not lib.bucket_undecided(bucket, _type)
}

deny contains lib.result(bucket, sprintf("%s: %s", [_label(address), problem])) if {
	some address, problems in _problems
	some bucket in _buckets_of(address)
	some problem in problems
}

unknown contains lib.result(bucket, lib.bucket_undecided_message(bucket, _type)) if {
	some bucket in _unconfigured
	not _has_inline(bucket)
	lib.bucket_undecided(bucket, _type)
}

unknown contains lib.result(bucket, sprintf("%s: %s", [_label(address), question])) if {
	some address, questions in _questions
	some bucket in _buckets_of(address)
	some question in questions
}

# _settings maps the address of each resource that sets default encryption
# to where its settings are in its values (prefix) and its
# apply_server_side_encryption_by_default blocks: every encryption
# configuration resource, and every bucket that writes the legacy inline
# block.
#
# It is built with comprehensions: as a partial object rule it took time
# that grew with the square of the number of configurations.
_settings := object.union(
	{config.address: {"prefix": "", "defaults": _defaults(config.values.rule)} |
		some config in lib.resources(_type)
	},
	{bucket.address: {"prefix": _inline, "defaults": defaults} |
		some bucket in lib.resources("aws_s3_bucket")
		_has_inline(bucket)
		defaults := [d |
			some block in bucket.values.server_side_encryption_configuration
			some d in _defaults(block.rule)
		]
	},
)

_defaults(rules) := [d |
	some rule in rules
	some d in rule.apply_server_side_encryption_by_default
]

_has_inline(bucket) if count(bucket.values.server_side_encryption_configuration) > 0

_label(address) := "the inline server_side_encryption_configuration" if {
	lib.resource(address).type == "aws_s3_bucket"
} else := address

# _buckets_of returns the buckets (not being deleted) a setting protects:
# the buckets a configuration is linked to, or the bucket itself.
_buckets_of(address) := buckets if {
	config := lib.resource(address)
	config.type == _type
	buckets := [bucket |
		some l in config.references
		l.attribute == "bucket"
		l.type == "aws_s3_bucket"
		bucket := lib.resource(l.address)
		not lib.deleted(bucket)
	]
}

_buckets_of(address) := [bucket] if {
	bucket := lib.resource(address)
	bucket.type == "aws_s3_bucket"
	not lib.deleted(bucket)
}

# _problems and _questions map setting addresses to what is wrong or
# undecided about them. They are iterated whole, never looked up by key:
# a lookup would evaluate the rule again for every configuration.
_problems[address] contains "no rule sets apply_server_side_encryption_by_default" if {
	some address, s in _settings
	count(s.defaults) == 0
	not lib.is_unknown(lib.resource(address), concat("", [s.prefix, "rule"]))
}

_problems[address] contains sprintf("sse_algorithm is %s, not aws:kms or aws:kms:dsse", [d.sse_algorithm]) if {
	some address, s in _settings
	some d in s.defaults
	is_string(d.sse_algorithm)
	not d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
}

_problems[address] contains "kms_master_key_id is not set, so the AWS-managed aws/s3 key is used" if {
	some address, s in _settings
	some d in s.defaults
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	not _key_set(d)
	not _key_unknown(address, s.prefix)
}

_problems[address] contains "kms_master_key_id is the AWS-managed aws/s3 key" if {
	some address, s in _settings
	some d in s.defaults
	d.kms_master_key_id in {"alias/aws/s3", "aws/s3"}
}

_questions[address] contains "the key is known only after apply and is not linked to a customer-managed aws_kms_key" if {
	some address, s in _settings
	some d in s.defaults
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	not _key_set(d)
	_key_unknown(address, s.prefix)
	not lib.refers_to_kms_key(lib.resource(address), "kms_master_key_id")
}

_key_set(d) if {
	is_string(d.kms_master_key_id)
	d.kms_master_key_id != ""
}

_key_unknown(address, prefix) if {
	path := concat("", [prefix, "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"])
	lib.is_unknown(lib.resource(address), path)
}
