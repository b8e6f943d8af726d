# METADATA
# title: S3 bucket policies do not open buckets to everyone
# description: |
#   A bucket's policy, inline or in an aws_s3_bucket_policy that refers to
#   it, must not be public as the S3 User Guide defines it: an Allow
#   statement for anyone (Principal "*", {"AWS": "*"}, a principal with a
#   wildcard, or NotPrincipal) is public unless a condition pins fixed
#   values of a key that limits who can use it (aws:SourceIp with a bounded
#   CIDR, aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceAccount,
#   aws:SourceOwner, aws:PrincipalOrgID, aws:PrincipalAccount,
#   aws:PrincipalArn, aws:userid, the access point keys). A condition on
#   aws:SecureTransport or aws:Referer restricts nothing. A policy built with
#   aws_iam_policy_document whose ARNs are known only after apply is judged
#   by its statement blocks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#     description: Amazon S3 User Guide, the meaning of "public" for bucket policies
# custom:
#   id: aws-s3-public-policy
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_s3_bucket, aws_s3_bucket_policy]
#   related:
#     aws_s3_bucket_policy: bucket
#   runbook: P1 alert (S3 public access enabled)
#   remediation: |
#     Name the principals the statement is for, or add a condition that
#     pins a fixed value of a key that limits who can use it (for example
#     aws:SourceVpce, aws:PrincipalOrgID or aws:SourceArn).
#   verdicts:
#     fail:
#       - 'the bucket''s policy or a linked aws_s3_bucket_policy is public as the S3 User Guide defines it: an Allow for anyone ("*", {"AWS": "*"}, a principal with a wildcard, or NotPrincipal) that no condition restricts with fixed values of aws:SourceIp (a bounded CIDR), aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceAccount, aws:SourceOwner, aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:userid or the S3 access point keys'
#       - 'the policy is not a valid JSON policy document'
#     unknown:
#       - 'the policy is known only after apply and the aws_iam_policy_document that renders it does not say who may use it'
#       - 'the policy is sensitive'
#     pass:
#       - 'every Allow names its principals, or is restricted as above (a condition on aws:SecureTransport or aws:Referer restricts nothing)'
#       - 'no policy'
package tfgate.rules.aws_s3_public_policy

import data.tfgate.lib

# A bucket policy's findings are its bucket's too (custom.related).
deny contains lib.result(r, msg) if some [r, msg] in _problems

unknown contains lib.result(r, msg) if some [r, msg] in _questions

# A bucket no policy resource is linked to may still be the bucket of one
# whose bucket is known only after apply, if that one may be public.
unknown contains lib.result(bucket, lib.bucket_maybe_message(bucket, "aws_s3_bucket_policy", _suspects, "may make it public")) if {
	count(_suspects) > 0
	some bucket in lib.buckets_without("aws_s3_bucket_policy")
	lib.bucket_maybe(bucket, "aws_s3_bucket_policy", _suspects)
}

_suspects contains r.address if {
	some [r, _] in _problems
	r.type == "aws_s3_bucket_policy"
}

_suspects contains r.address if {
	some [r, _] in _questions
	r.type == "aws_s3_bucket_policy"
}

# _judged are the policies and the buckets that write the legacy inline
# policy (a computed one is unknown at plan time and does not count).
_judged := array.concat(lib.resources("aws_s3_bucket_policy"), [b |
	some b in lib.resources("aws_s3_bucket")
	_inline_policy(b)
])

# The provider records a bucket without a policy as "" (and null in
# plans of new buckets): no policy, nothing to judge.
_inline_policy(b) if {
	is_string(b.values.policy)
	b.values.policy != ""
}

_inline_policy(b) if lib.is_pending(b, "policy")

# A policy known only after apply is judged by the statements of the
# aws_iam_policy_document that renders it when what decides them is known
# (an ARN known only after apply does not hide Principal "*").
_problems contains [r, lib.public_message(i, st)] if {
	some r in _judged
	some i, st in lib.decided_statements(r, "policy")
	lib.public(st, lib.public_keys)
}

_problems contains [r, "the policy is not a valid JSON policy document"] if {
	some r in _judged
	is_string(r.values.policy)
	not lib.is_unknown(r, "policy")
	not lib.statements(r.values.policy)
}

_questions contains [r, "the policy document is known only after apply"] if {
	some r in _judged
	lib.is_pending(r, "policy")
	not lib.document_statements(r, "policy")
	not _public_part(r)
}

# _public_part holds for a policy known only after apply of which a
# statement that is known opens the bucket to everyone.
_public_part(r) if {
	some st in lib.partial_statements(r, "policy")
	lib.public(st, lib.public_keys)
}
