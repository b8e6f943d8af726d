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

deny contains lib.result(bucket, "no server-side encryption configuration refers to this bucket, so no customer-managed KMS key protects it") if {
	some bucket in _unconfigured
	not _has_inline(bucket)
	not lib.bucket_undecided(bucket, _type)
}

deny contains lib.result(bucket, sprintf("%s: %s", [s.label, problem])) if {
	some [i, problem] in _problems
	s := _settings[i]
	some bucket in _buckets_of(s.resource)
}

unknown contains lib.result(bucket, lib.bucket_undecided_message(bucket, _type)) if {
	some bucket in _unconfigured
	not _has_inline(bucket)
	lib.bucket_undecided(bucket, _type)
}

unknown contains lib.result(bucket, sprintf("%s: %s", [s.label, question])) if {
	some [i, question] in _questions
	s := _settings[i]
	some bucket in _buckets_of(s.resource)
}

# _settings lists the resources that set default encryption: every
# encryption configuration, and every bucket that writes the legacy inline
# block. Each comes with the name messages give it, its
# apply_server_side_encryption_by_default blocks, and the paths in its
# values of its rules and of its first default's key (written out here,
# where they are constants, rather than joined for every setting).
_settings := array.concat(
	[{
		"resource": config,
		"label": config.address,
		"defaults": [d |
			some rule in rules
			some d in rule.apply_server_side_encryption_by_default
		],
		"rule_path": "rule",
		"key_path": "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id",
	} |
		some config in lib.resources(_type)
		rules := config.values.rule
	],
	[{
		"resource": bucket,
		"label": "the inline server_side_encryption_configuration",
		"defaults": [d |
			some block in bucket.values.server_side_encryption_configuration
			some rule in block.rule
			some d in rule.apply_server_side_encryption_by_default
		],
		"rule_path": "server_side_encryption_configuration[0].rule",
		"key_path": "server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id",
	} |
		some bucket in lib.resources("aws_s3_bucket")
		_has_inline(bucket)
	],
)

_has_inline(bucket) if count(bucket.values.server_side_encryption_configuration) > 0

# _buckets_of returns the buckets (not being deleted) a setting's resource
# protects: the buckets a configuration is linked to, or the bucket itself.
_buckets_of(r) := [bucket |
	some l in r.references
	l.attribute == "bucket"
	l.type == "aws_s3_bucket"
	bucket := lib.resource(l.address)
	not lib.deleted(bucket)
] if r.type == _type

_buckets_of(r) := [r] if r.type == "aws_s3_bucket"

# _problems and _questions hold [i, text] for what is wrong or undecided
# about the setting at position i of _settings.
_problems contains [i, "no rule sets apply_server_side_encryption_by_default"] if {
	some i, s in _settings
	count(s.defaults) == 0
	not lib.is_unknown(s.resource, s.rule_path)
}

_problems contains [i, sprintf("sse_algorithm is %s, not aws:kms or aws:kms:dsse", [d.sse_algorithm])] if {
	some i, s in _settings
	some d in s.defaults
	is_string(d.sse_algorithm)
	not _kms[d.sse_algorithm]
}

_problems contains [i, "kms_master_key_id is not set, so the AWS-managed aws/s3 key is used"] if {
	some [i, false] in _keyless
}

_problems contains [i, "kms_master_key_id is the AWS-managed aws/s3 key"] if {
	some i, s in _settings
	some d in s.defaults
	d.kms_master_key_id in {"alias/aws/s3", "aws/s3"}
}

_questions contains [i, "the key is known only after apply and is not linked to a customer-managed aws_kms_key"] if {
	some [i, true] in _keyless
	not lib.refers_to_kms_key(_settings[i].resource, "kms_master_key_id")
}

_kms := {"aws:kms", "aws:kms:dsse"}

# _keyless holds [i, unknown] for each KMS default of the setting at
# position i that names no key: unknown tells whether the key is known
# only after apply. Both cases need the same checks, so they are made once.
_keyless contains [i, unknown] if {
	some i, s in _settings
	some d in s.defaults
	_kms[d.sse_algorithm]
	not _key_set(d)
	unknown := _key_unknown(s)
}

_key_set(d) if {
	is_string(d.kms_master_key_id)
	d.kms_master_key_id != ""
}

_key_unknown(s) if {
	lib.is_unknown(s.resource, s.key_path)
} else := false
