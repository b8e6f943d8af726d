# METADATA
# title: S3 bucket policies do not open buckets to everyone
# description: |
#   A bucket policy must not allow Principal "*" (or {"AWS": "*"}) without a
#   condition that restricts who can use the grant, such as aws:SourceVpce,
#   aws:PrincipalOrgID or aws:SourceArn.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#     description: Amazon S3 User Guide, the meaning of "public" for bucket policies
# custom:
#   id: aws-s3-public-policy
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_s3_bucket_policy]
#   runbook: P1 alert (S3 public access enabled)
#   remediation: |
#     Name the principals the statement is for, or add a condition that
#     restricts it (for example aws:SourceVpce or aws:PrincipalOrgID).
package tfgate.rules.aws_s3_public_policy

import data.tfgate.lib

deny contains lib.result(r, sprintf("statement %s allows %s to anyone (Principal \"*\") without a condition", [lib.statement_name(i, st), concat(", ", st.actions)])) if {
	some r in _judged
	some i, st in lib.statements(r.values.policy)
	lib.allows_anyone(st)
	lib.unconditional(st)
}

deny contains lib.result(r, "the policy is not a valid JSON policy document") if {
	some r in _judged
	is_string(r.values.policy)
	not lib.statements(r.values.policy)
}

unknown contains lib.result(r, "the policy document is known only after apply") if {
	some r in _judged
	lib.is_unknown(r, "policy")
}

_judged := array.concat(lib.resources("aws_s3_bucket_policy"), [b | some b in lib.resources("aws_s3_bucket"); is_string(b.values.policy)])
