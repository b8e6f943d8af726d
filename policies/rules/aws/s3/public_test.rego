package tfgate.rules.aws_s3_public_test

import data.tfgate.lib
import data.tfgate.rules.aws_s3_public_acl as acl
import data.tfgate.rules.aws_s3_public_policy as policy

test_public_acls if {
	rs := [
		{"address": "aws_s3_bucket.legacy", "type": "aws_s3_bucket", "values": {"acl": "public-read"}},
		{"address": "aws_s3_bucket.private", "type": "aws_s3_bucket", "values": {"acl": "private"}},
		{"address": "aws_s3_bucket_acl.canned", "type": "aws_s3_bucket_acl", "values": {"acl": "public-read-write"}},
		{"address": "aws_s3_bucket_acl.grants", "type": "aws_s3_bucket_acl", "values": {"access_control_policy": [{"grant": [
			{"permission": "READ", "grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}]},
			{"permission": "FULL_CONTROL", "grantee": [{"type": "CanonicalUser", "id": "abc"}]},
		]}]}},
		{"address": "aws_s3_bucket_acl.later", "type": "aws_s3_bucket_acl", "values": {}, "unknown": ["acl"]},
	]
	acl.deny == {
		lib.result(rs[0], "the canned ACL public-read makes the bucket public"),
		lib.result(rs[2], "the canned ACL public-read-write makes the bucket public"),
		lib.result(rs[3], "a grant gives READ access to http://acs.amazonaws.com/groups/global/AllUsers"),
	} with input as lib.mock_input(rs)
	acl.unknown == {lib.result(rs[4], "the ACL is known only after apply")} with input as lib.mock_input(rs)
}

test_grantee_uri_unknown if {
	grants := {"access_control_policy": [{"grant": [
		{"permission": "READ", "grantee": [{"type": "CanonicalUser", "id": "abc"}]},
		{"permission": "WRITE", "grantee": [{"type": "Group"}]},
	]}]}
	unknown_uris := ["access_control_policy[0].grant[0].grantee[0].uri", "access_control_policy[0].grant[1].grantee[0].uri"]
	rs := [{"address": "aws_s3_bucket_acl.logs", "type": "aws_s3_bucket_acl", "values": grants, "unknown": unknown_uris}]
	count(acl.deny) == 0 with input as lib.mock_input(rs)
	acl.unknown == {lib.result(rs[0], "a grant's grantee URI is known only after apply, so its WRITE permission may be public")} with input as lib.mock_input(rs)
}

_policy(name, statement) := {
	"address": sprintf("aws_s3_bucket_policy.%s", [name]),
	"type": "aws_s3_bucket_policy",
	"values": {"policy": json.marshal({"Version": "2012-10-17", "Statement": statement})},
}

test_public_policies if {
	rs := [
		_policy("open", {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}),
		_policy("open_aws", [{"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]),
		_policy("vpce", [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]),
		_policy("deny_all", [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]),
		_policy("named", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "*"}]),
		{"address": "aws_s3_bucket_policy.later", "type": "aws_s3_bucket_policy", "values": {}, "unknown": ["policy"]},
		{"address": "aws_s3_bucket_policy.broken", "type": "aws_s3_bucket_policy", "values": {"policy": "{not json"}},
	]
	policy.deny == {
		lib.result(rs[0], "statement #1 allows s3:GetObject to anyone (Principal \"*\") without a condition"),
		lib.result(rs[1], "statement Read allows s3:GetObject, s3:ListBucket to anyone (Principal \"*\") without a condition"),
		lib.result(rs[6], "the policy is not a valid JSON policy document"),
	} with input as lib.mock_input(rs)
	policy.unknown == {lib.result(rs[5], "the policy document is known only after apply")} with input as lib.mock_input(rs)
}

# A grantee whose type and URI are both known only after apply may be a
# public group.
test_grantee_type_unknown if {
	grants := {"access_control_policy": [{"grant": [{"permission": "READ", "grantee": [{}]}]}]}
	unknown := ["access_control_policy[0].grant[0].grantee[0].type", "access_control_policy[0].grant[0].grantee[0].uri"]
	rs := [{"address": "aws_s3_bucket_acl.later", "type": "aws_s3_bucket_acl", "values": grants, "unknown": unknown}]
	acl.unknown == {lib.result(rs[0], "a grant's grantee URI is known only after apply, so its READ permission may be public")} with input as lib.mock_input(rs)
}

# An existing bucket without a policy carries policy = "" in plans and
# states: nothing to judge, not an invalid document.
test_empty_inline_policy_is_no_policy if {
	rs := [{"address": "aws_s3_bucket.kept", "type": "aws_s3_bucket", "values": {"bucket": "kept", "policy": ""}}]
	count(policy.deny) == 0 with input as lib.mock_input(rs)
}
