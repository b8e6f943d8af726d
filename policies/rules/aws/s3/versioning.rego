# METADATA
# title: S3 buckets keep object versions
# description: |
#   Versioning must be Enabled: recovering an overwritten or deleted object,
#   and rolling back Terraform state kept in S3, depend on it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#     description: Amazon S3 User Guide, retaining multiple versions of objects with S3 Versioning
#   - ref: https://developer.hashicorp.com/terraform/language/backend/s3
#     description: Terraform S3 backend, recommends enabling bucket versioning for state recovery
# custom:
#   id: aws-s3-versioning
#   severity: medium
#   enforcement: soft-mandatory
#   resource_types: [aws_s3_bucket]
#   related:
#     aws_s3_bucket_versioning: bucket
#   reads:
#     aws_s3_bucket: [versioning]
#     aws_s3_bucket_versioning: [versioning_configuration]
#   runbook: pre-apply checklist (state backup exists)
#   remediation: |
#     Add an aws_s3_bucket_versioning for the bucket with
#     `versioning_configuration { status = "Enabled" }`.
#   verdicts:
#     fail:
#       - 'no configuration is linked, and the unlinked ones whose bucket is known only after apply are fewer than the buckets without one, so at least that many surely lack it'
#       - 'no aws_s3_bucket_versioning refers to the bucket and its inline versioning is not enabled'
#       - 'status Suspended or Disabled'
#     unknown:
#       - 'the status is known only after apply'
#       - 'an unlinked versioning resource that would enable it has a bucket known only after apply (as many such resources as buckets without one), or one refers to this bucket or to another'
#     pass:
#       - 'status Enabled, or the legacy inline versioning { enabled = true }, or a bucket created with object_lock_enabled = true or the legacy object_lock_configuration { object_lock_enabled = "Enabled" } (S3 versions it for good)'
package tfgate.rules.aws_s3_versioning

import data.tfgate.lib

_type := "aws_s3_bucket_versioning"

# _unconfigured are the buckets no resource of _type configures (a rule,
# so that it is computed once).
_unconfigured := lib.buckets_without(_type)

# A bucket with no versioning resource fails, unless one whose bucket is
# known only after apply, and that would enable versioning, may be its own.
deny contains lib.result(bucket, lib.bucket_unconfigured_message(bucket, _type, _passing, "no versioning configuration refers to this bucket")) if {
	some bucket in _unconfigured
	not _inline_enabled(bucket)
	not lib.bucket_may_be_configured(bucket, _type, _passing)
}

unknown contains lib.result(bucket, lib.bucket_maybe_message(bucket, _type, _passing, "may enable versioning")) if {
	some bucket in _unconfigured
	not _inline_enabled(bucket)
	lib.bucket_may_be_configured(bucket, _type, _passing)
}

# A versioning resource's findings are its bucket's (custom.related).
deny contains lib.result(r, msg) if some [r, msg] in _problems

unknown contains lib.result(config, "the versioning status is known only after apply") if {
	some config in lib.resources(_type)
	lib.is_unknown(config, "versioning_configuration[0].status")
	not lib.is_hidden(config, "versioning_configuration[0].status")
}

unknown contains lib.result(config, "the versioning status is sensitive, so no rule can read it") if {
	some config in lib.resources(_type)
	lib.is_hidden(config, "versioning_configuration[0].status")
}

_problems contains [config, sprintf("versioning status is %s, not Enabled", [status])] if {
	some config in lib.resources(_type)
	some i, c in config.values.versioning_configuration
	status := c.status
	is_string(status)
	status != "Enabled"
	not lib.is_unknown(config, sprintf("versioning_configuration[%d].status", [i])) # hidden: sensitive
}

# _passing are the versioning resources that do not fail.
_passing := {c.address | some c in lib.resources(_type)} - {r.address | some [r, _] in _problems}

# The legacy inline block, when the configuration writes it.
_inline_enabled(bucket) if {
	some v in bucket.values.versioning
	v.enabled == true
}

# S3 enables versioning on a bucket created with Object Lock, for good:
# the object_lock_enabled argument, or the legacy inline
# object_lock_configuration { object_lock_enabled = "Enabled" }, from
# which the provider creates the bucket with Object Lock.
_inline_enabled(bucket) if bucket.values.object_lock_enabled == true

_inline_enabled(bucket) if {
	some c in bucket.values.object_lock_configuration
	c.object_lock_enabled == "Enabled"
}
