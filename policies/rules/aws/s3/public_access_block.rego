# METADATA
# title: S3 buckets block all public access
# description: |
#   Every bucket needs an aws_s3_bucket_public_access_block with all four
#   settings true (block_public_acls, block_public_policy,
#   ignore_public_acls, restrict_public_buckets), unless an
#   aws_s3_account_public_access_block of the same provider configuration
#   (the same account) sets all four for the whole account: S3 applies the
#   most restrictive of the two.
#   Public access enabled on a bucket is one of the runbook's P1 alerts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Amazon S3 User Guide, blocking public access to your Amazon S3 storage
#   - ref: https://www.cisecurity.org/benchmark/amazon_web_services
#     description: CIS AWS Foundations Benchmark, ensure that S3 buckets are configured with Block public access
# custom:
#   id: aws-s3-public-access-block
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_s3_bucket, aws_s3_account_public_access_block]
#   related:
#     aws_s3_bucket_public_access_block: bucket
#   reads:
#     aws_s3_bucket: []
#     aws_s3_account_public_access_block: [block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets]
#     aws_s3_bucket_public_access_block: [block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets]
#   runbook: P1 alert (S3 public access enabled)
#   remediation: |
#     Add an aws_s3_bucket_public_access_block for the bucket with
#     block_public_acls, block_public_policy, ignore_public_acls and
#     restrict_public_buckets all set to true (or block public access for
#     the whole account with aws_s3_account_public_access_block).
#   verdicts:
#     fail:
#       - 'no configuration is linked, and the unlinked ones whose bucket is known only after apply are fewer than the buckets without one, so at least that many surely lack it'
#       - 'no aws_s3_bucket_public_access_block refers to the bucket'
#       - 'a setting of its block is false or unset'
#       - 'an aws_s3_account_public_access_block leaves a setting false or unset: any bucket of the account may be made public'
#     unknown:
#       - 'a setting is known only after apply'
#       - 'an account-level block may block everything but its settings are known only after apply'
#       - 'an account-level block blocks everything but the input does not say whether it is the bucket''s account (a state records no provider configuration)'
#       - 'an unlinked block whose bucket is known only after apply may be its own (as many such blocks as buckets without one), or a block refers to this bucket or to another'
#     pass:
#       - 'its block sets all four settings true'
#       - 'an aws_s3_account_public_access_block of the same provider configuration sets all four true (S3 applies the most restrictive of account and bucket); one of another configuration, such as an aliased provider for another account, does not count'
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

# S3 applies the most restrictive of the account's and the bucket's
# settings: an account-level block with all four true blocks public access
# to every bucket of its account, whatever their own blocks say. A block
# covers the buckets of its own provider configuration (an aliased
# provider is typically another account). Where the input does not name
# configurations (a state records none), whether a block is the bucket's
# account is not known: it may cover the bucket, and the bucket is
# unknown, not a pass.
_account_blocks := lib.resources("aws_s3_account_public_access_block")

_same_account(a, r) if {
	object.get(a, "provider", "") != ""
	object.get(a, "provider", "") == object.get(r, "provider", "")
}

_maybe_same_account(a, _) if object.get(a, "provider", "") == ""

_maybe_same_account(_, r) if object.get(r, "provider", "") == ""

_may_share_account(a, r) if _same_account(a, r)

_may_share_account(a, r) if _maybe_same_account(a, r)

# _account_covers holds for a resource of an account whose account-level
# block blocks all public access.
_account_covers(r) if {
	some block in _account_blocks
	_same_account(block, r)
	_all_true(block.values)
}

# _account_may_cover holds for a resource that an account-level block
# blocking all public access may cover: the input does not say whose
# account the block is.
_account_may_cover(r) if {
	not _account_covers(r)
	some block in _account_blocks
	_maybe_same_account(block, r)
	_all_true(block.values)
}

_account_unsure_message(r) := sprintf("%s blocks all public access, but the input does not say whether it is this bucket's account (a state records no provider configuration)", [lib.address_list(sort([b.address | some b in _account_blocks; _maybe_same_account(b, r); _all_true(b.values)]))])

# _account_undecided holds for a resource of an account whose account-level
# block may block all public access, but a setting of it is known only
# after apply.
_account_undecided(r) if {
	not _account_covers(r)
	not _account_may_cover(r)
	some block in _account_blocks
	_may_share_account(block, r)
	some setting in _settings
	lib.is_unknown(block, setting)
	every other in _settings {
		_true_or_unknown(block, other)
	}
}

_true_or_unknown(block, setting) if block.values[setting] == true

_true_or_unknown(block, setting) if lib.is_unknown(block, setting)

_account_message(r) := sprintf("%s may block public access to every bucket, but its settings are known only after apply", [lib.address_list(sort([b.address | some b in _account_blocks; _may_share_account(b, r)]))])

# A bucket with no block fails, unless one whose bucket is known only
# after apply, and that would block all public access, may be its own.
deny contains lib.result(bucket, lib.bucket_unconfigured_message(bucket, _type, _passing, "no public access block refers to this bucket")) if {
	some bucket in _unconfigured
	not _account_covers(bucket)
	not _account_may_cover(bucket)
	not _account_undecided(bucket)
	not lib.bucket_may_be_configured(bucket, _type, _passing)
}

# A block's findings are its buckets' (custom.related).
deny contains lib.result(block, msg) if {
	some [block, msg] in _problems
	not _account_covers(block)
	not _account_may_cover(block)
	not _account_undecided(block)
}

unknown contains lib.result(bucket, lib.bucket_maybe_message(bucket, _type, _passing, "may block all public access")) if {
	some bucket in _unconfigured
	not _account_covers(bucket)
	not _account_may_cover(bucket)
	not _account_undecided(bucket)
	lib.bucket_may_be_configured(bucket, _type, _passing)
}

_problems contains [block, sprintf("%s is not true", [setting])] if {
	some block in _lax
	some setting in _settings
	not block.values[setting] == true
	not lib.is_unknown(block, setting)
}

# _passing are the blocks that do not fail.
_passing := {b.address | some b in lib.resources(_type)} - {r.address | some [r, _] in _problems}

unknown contains lib.result(bucket, _account_message(bucket)) if {
	some bucket in _unconfigured
	_account_undecided(bucket)
}

unknown contains lib.result(block, _account_message(block)) if {
	some block in _lax
	_account_undecided(block)
}

# The account's own block is judged too: one that leaves a setting off
# lets any bucket of the account be made public, including buckets this
# configuration does not manage (Security Hub S3.1).
deny contains lib.result(block, sprintf("the account-level block leaves %s off: any bucket of the account may be made public", [concat(", ", off)])) if {
	some block in _account_blocks
	off := [s | some s in _settings; not block.values[s] == true; not lib.is_unknown(block, s)]
	count(off) > 0
}

unknown contains lib.result(bucket, _account_unsure_message(bucket)) if {
	some bucket in _unconfigured
	_account_may_cover(bucket)
}

unknown contains lib.result(block, _account_unsure_message(block)) if {
	some block in _lax
	_account_may_cover(block)
}
