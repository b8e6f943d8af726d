# METADATA
# title: S3 buckets grant nothing to the public
# description: |
#   No bucket and no aws_s3_bucket_acl may use a public canned ACL
#   (public-read, public-read-write, authenticated-read) or grant access to
#   the AllUsers or AuthenticatedUsers groups.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
#     description: Amazon S3 User Guide, access control list (ACL) overview
# custom:
#   id: aws-s3-public-acl
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_s3_bucket, aws_s3_bucket_acl]
#   runbook: P1 alert (S3 public access enabled)
#   remediation: |
#     Use `acl = "private"` (or no ACL, with object ownership
#     BucketOwnerEnforced) and remove grants to the AllUsers and
#     AuthenticatedUsers groups.
package tfgate.rules.aws_s3_public_acl

import data.tfgate.lib

_public_acls := {"public-read", "public-read-write", "authenticated-read"}

_public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

deny contains lib.result(r, sprintf("the canned ACL %s makes the bucket public", [r.values.acl])) if {
	some r in _judged
	_public_acls[r.values.acl]
}

deny contains lib.result(r, sprintf("a grant gives %s access to %s", [concat(", ", grant.permissions), grant.uri])) if {
	some r in lib.resources("aws_s3_bucket")
	some grant in r.values.grant # the legacy inline grants
	_public_groups[grant.uri]
}

deny contains lib.result(r, sprintf("a grant gives %s access to %s", [grant.permission, grantee.uri])) if {
	some r in lib.resources("aws_s3_bucket_acl")
	some policy in r.values.access_control_policy
	some grant in policy.grant
	some grantee in grant.grantee
	_public_groups[grantee.uri]
}

unknown contains lib.result(r, "the ACL is known only after apply") if {
	some r in lib.resources("aws_s3_bucket_acl")
	lib.is_unknown(r, "acl")
}

unknown contains lib.result(r, sprintf("a grant's grantee URI is known only after apply, so its %s permission may be public", [grant.permission])) if {
	some r in lib.resources("aws_s3_bucket_acl")
	some i, policy in r.values.access_control_policy
	some j, grant in policy.grant
	some k, grantee in grant.grantee
	not grantee.type in {"CanonicalUser", "AmazonCustomerByEmail"}
	lib.is_unknown(r, sprintf("access_control_policy[%d].grant[%d].grantee[%d].uri", [i, j, k]))
}

_judged := array.concat(lib.resources("aws_s3_bucket"), lib.resources("aws_s3_bucket_acl"))
