# METADATA
# title: S3 buckets grant nothing to the public
# description: |
#   No bucket may be public through an ACL: neither the bucket nor an
#   aws_s3_bucket_acl that refers to it may use a public canned ACL
#   (public-read, public-read-write, authenticated-read) or grant anything
#   to the AllUsers or AuthenticatedUsers groups. The ACL resource's finding
#   is its bucket's; grants built with dynamic blocks are read, and ones
#   known only after apply are unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
#     description: Amazon S3 User Guide, access control list (ACL) overview
# custom:
#   id: aws-s3-public-acl
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_s3_bucket, aws_s3_bucket_acl]
#   related:
#     aws_s3_bucket_acl: bucket
#   reads:
#     aws_s3_bucket: [acl, grant]
#     aws_s3_bucket_acl: [acl, access_control_policy, "access_control_policy[0].grant"]
#   runbook: P1 alert (S3 public access enabled)
#   remediation: |
#     Use `acl = "private"` (or no ACL, with object ownership
#     BucketOwnerEnforced) and remove grants to the AllUsers and
#     AuthenticatedUsers groups.
#   verdicts:
#     fail:
#       - 'the bucket or a linked aws_s3_bucket_acl uses public-read, public-read-write or authenticated-read'
#       - 'a grant (inline, or in access_control_policy, dynamic blocks included) gives any permission to AllUsers or AuthenticatedUsers'
#     unknown:
#       - 'the ACL, the grants or a grantee URI is known only after apply'
#       - 'an unlinked ACL that may be public has a bucket known only after apply'
#     pass:
#       - 'private, log-delivery-write, bucket-owner-full-control, or no ACL; grants to canonical users'
package tfgate.rules.aws_s3_public_acl

import data.tfgate.lib

_public_acls := {"public-read", "public-read-write", "authenticated-read"}

_public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

# An aws_s3_bucket_acl's findings are its bucket's too (custom.related).
deny contains lib.result(r, msg) if some [r, msg] in _problems

unknown contains lib.result(r, msg) if some [r, msg] in _questions

# A bucket no ACL resource is linked to may still be the bucket of one
# whose bucket is known only after apply, if that one may be public.
unknown contains lib.result(bucket, lib.bucket_maybe_message(bucket, "aws_s3_bucket_acl", _suspects, "may make it public")) if {
	count(_suspects) > 0
	some bucket in lib.buckets_without("aws_s3_bucket_acl")
	lib.bucket_maybe(bucket, "aws_s3_bucket_acl", _suspects)
}

# _suspects are the ACL resources with a finding: the ones that may make
# their bucket public.
_suspects contains r.address if some [r, _] in _problems

_suspects contains r.address if some [r, _] in _questions

_problems contains [r, sprintf("the canned ACL %s makes the bucket public", [r.values.acl])] if {
	some r in array.concat(lib.resources("aws_s3_bucket"), lib.resources("aws_s3_bucket_acl"))
	_public_acls[r.values.acl]
}

_problems contains [r, sprintf("a grant gives %s access to %s", [concat(", ", grant.permissions), grant.uri])] if {
	some r in lib.resources("aws_s3_bucket")
	some grant in r.values.grant # the legacy inline grants
	_public_groups[grant.uri]
}

_problems contains [r, sprintf("a grant gives %s access to %s", [grant.permission, grantee.uri])] if {
	some r in lib.resources("aws_s3_bucket_acl")
	some policy in r.values.access_control_policy
	some grant in policy.grant
	some grantee in grant.grantee
	_public_groups[grantee.uri]
}

_questions contains [r, "the ACL is known only after apply"] if {
	some r in lib.resources("aws_s3_bucket_acl")
	lib.is_unknown(r, "acl")
}

_questions contains [r, sprintf("a grant's grantee URI is known only after apply, so its %s permission may be public", [grant.permission])] if {
	some r in lib.resources("aws_s3_bucket_acl")
	some i, policy in r.values.access_control_policy
	some j, grant in policy.grant
	some k, grantee in grant.grantee
	not object.get(grantee, "type", null) in {"CanonicalUser", "AmazonCustomerByEmail"}
	lib.is_unknown(r, sprintf("access_control_policy[%d].grant[%d].grantee[%d].uri", [i, j, k]))
}

_questions contains [r, sprintf("a grant's URI is known only after apply, so its %s permission may be public", [concat(", ", grant.permissions)])] if {
	some r in lib.resources("aws_s3_bucket")
	some i, grant in r.values.grant
	not grant.type == "CanonicalUser"
	lib.is_unknown(r, sprintf("grant[%d].uri", [i]))
}

# The engine also reports a wholly pending access_control_policy
# (custom.reads); it is here too so that _suspects counts it.
_questions contains [r, "access_control_policy is known only after apply"] if {
	some r in lib.resources("aws_s3_bucket_acl")
	"access_control_policy" in r.unknown
	lib.is_pending(r, "access_control_policy")
}
