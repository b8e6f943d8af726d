package tfgate.rules.aws_iam_emergency_test

import data.tfgate.lib
import data.tfgate.rules.aws_iam_admin_wildcard as admin
import data.tfgate.rules.aws_iam_emergency_least_privilege as least
import data.tfgate.rules.aws_iam_emergency_mfa as mfa
import data.tfgate.rules.aws_iam_emergency_session as session
import data.tfgate.rules.aws_iam_emergency_time_bound as bound

# mock_params: now is 2026-11-28T12:00:00Z, the window 4h.

_doc(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

_until(t) := {"DateLessThan": {"aws:CurrentTime": t}}

_policy(name, statements) := {
	"address": sprintf("aws_iam_policy.%s", [name]),
	"type": "aws_iam_policy",
	"values": {"name": name, "policy": _doc(statements)},
}

_allow(actions, condition) := {"Effect": "Allow", "Action": actions, "Resource": "*", "Condition": condition}

test_time_bound if {
	rs := [
		_policy("break-glass-ok", [_allow(["ec2:StartInstances"], _until("2026-11-28T15:00:00Z"))]),
		_policy("break-glass-edge", [_allow("ec2:StartInstances", {"DateLessThanEquals": {"aws:CurrentTime": "2026-11-28T16:00:00Z"}})]),
		_policy("emergency-unbounded", [_allow("ec2:StartInstances", {})]),
		_policy("emergency-lower-only", [_allow("ec2:StartInstances", {"DateGreaterThan": {"aws:CurrentTime": "2026-11-28T11:00:00Z"}})]),
		_policy("emergency-long", [_allow("ec2:StartInstances", _until("2026-12-31T23:59:59Z"))]),
		_policy("emergency-expired", [_allow("ec2:StartInstances", _until("2026-11-27T00:00:00Z"))]),
		_policy("emergency-garbled", [_allow("ec2:StartInstances", _until("next tuesday"))]),
		_policy("ordinary", [_allow("ec2:StartInstances", {})]),
		{"address": "aws_iam_policy.incident_later", "type": "aws_iam_policy", "values": {"name": "incident-later"}, "unknown": ["policy"]},
	]
	bound.deny == {
		lib.result(rs[2], "policy statement #1 allows ec2:StartInstances without a DateLessThan aws:CurrentTime bound"),
		lib.result(rs[3], "policy statement #1 allows ec2:StartInstances without a DateLessThan aws:CurrentTime bound"),
		lib.result(rs[4], "policy statement #1 lasts until 2026-12-31T23:59:59Z, more than 4h after 2026-11-28T12:00:00Z"),
		lib.result(rs[5], "policy statement #1 expired at 2026-11-27T00:00:00Z: revoke the stale emergency grant"),
		lib.result(rs[6], "policy statement #1: the bound \"next tuesday\" is not an RFC 3339 time"),
	} with input as lib.mock_input(rs)
	bound.unknown == {lib.result(rs[8], "policy is known only after apply")} with input as lib.mock_input(rs)
	{r.resource | some r in bound.pass} == {"aws_iam_policy.break-glass-ok", "aws_iam_policy.break-glass-edge", "aws_iam_policy.emergency-unbounded", "aws_iam_policy.emergency-lower-only", "aws_iam_policy.emergency-long", "aws_iam_policy.emergency-expired", "aws_iam_policy.emergency-garbled", "aws_iam_policy.incident_later"} with input as lib.mock_input(rs)
}

test_emergency_by_attachment_and_role if {
	role := {"address": "aws_iam_role.oncall", "type": "aws_iam_role", "values": {"name": "oncall", "tags": {"Purpose": "break-glass"}}, "referenced_by": [
		{"address": "aws_iam_role_policy_attachment.a", "type": "aws_iam_role_policy_attachment", "attribute": "role", "via": "reference"},
		{"address": "aws_iam_role_policy.inline", "type": "aws_iam_role_policy", "attribute": "role", "via": "reference"},
	]}
	managed := object.union(_policy("plain-name", [_allow("ec2:StartInstances", {})]), {"referenced_by": [{"address": "aws_iam_role_policy_attachment.a", "type": "aws_iam_role_policy_attachment", "attribute": "policy_arn", "via": "reference"}]})
	attachment := {"address": "aws_iam_role_policy_attachment.a", "type": "aws_iam_role_policy_attachment", "values": {}, "references": [
		{"address": "aws_iam_role.oncall", "type": "aws_iam_role", "attribute": "role", "via": "reference"},
		{"address": "aws_iam_policy.plain-name", "type": "aws_iam_policy", "attribute": "policy_arn", "via": "reference"},
	]}
	inline := {"address": "aws_iam_role_policy.inline", "type": "aws_iam_role_policy", "values": {"name": "ops", "policy": _doc([_allow("ec2:StopInstances", {})])}, "references": [{"address": "aws_iam_role.oncall", "type": "aws_iam_role", "attribute": "role", "via": "reference"}]}
	rs := [role, managed, attachment, inline]
	bound.deny == {
		lib.result(managed, "policy statement #1 allows ec2:StartInstances without a DateLessThan aws:CurrentTime bound"),
		lib.result(inline, "policy statement #1 allows ec2:StopInstances without a DateLessThan aws:CurrentTime bound"),
		lib.result(role, "aws_iam_policy.plain-name policy statement #1 allows ec2:StartInstances without a DateLessThan aws:CurrentTime bound"),
		lib.result(role, "aws_iam_role_policy.inline policy statement #1 allows ec2:StopInstances without a DateLessThan aws:CurrentTime bound"),
	} with input as lib.mock_input(rs)
}

# The provider's default_tags reach a role only through tags_all.
test_emergency_by_default_tags if {
	tagged := {"address": "aws_iam_role.responder", "type": "aws_iam_role", "values": {"name": "responder", "tags": {}, "tags_all": {"AccessType": "BreakGlass"}}}
	plain := {"address": "aws_iam_role.app", "type": "aws_iam_role", "values": {"name": "app", "tags": {}, "tags_all": {"Team": "payments"}}}
	{r.address | some r in lib.emergency_roles} == {"aws_iam_role.responder"} with input as lib.mock_input([tagged, plain])
}

_role(name, trust, extra) := object.union({"address": sprintf("aws_iam_role.%s", [name]), "type": "aws_iam_role", "values": {"name": name, "assume_role_policy": _doc(trust)}}, extra)

_assume(condition) := {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::111122223333:role/oncall"}, "Condition": condition}

test_mfa if {
	rs := [
		_role("break-glass-mfa", [_assume({"Bool": {"aws:MultiFactorAuthPresent": "true"}})], {}),
		_role("break-glass-age", [_assume({"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}})], {}),
		_role("break-glass-ifexists", [_assume({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}})], {}),
		_role("break-glass-none", [_assume({})], {}),
		_role("break-glass-bool-false", [_assume({"Bool": {"aws:MultiFactorAuthPresent": false}})], {}),
		_role("deploy", [_assume({})], {}),
		{"address": "aws_iam_role.emergency_later", "type": "aws_iam_role", "values": {"name": "emergency-later"}, "unknown": ["assume_role_policy"]},
	]
	msg := "trust statement #1 lets arn:aws:iam::111122223333:role/oncall assume the role without requiring MFA"
	mfa.deny == {lib.result(rs[2], msg), lib.result(rs[3], msg), lib.result(rs[4], msg)} with input as lib.mock_input(rs)
	mfa.unknown == {lib.result(rs[6], "assume_role_policy is known only after apply")} with input as lib.mock_input(rs)
	not "aws_iam_role.deploy" in {r.resource | some r in mfa.pass} with input as lib.mock_input(rs)
}

test_mfa_by_deny if {
	deny := {"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}, "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
	narrow := object.union(deny, {"Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}, "StringEquals": {"aws:PrincipalAccount": "111122223333"}}})
	rs := [
		_role("break-glass-deny", [_assume({}), deny], {}),
		_role("break-glass-deny-bool", [_assume({}), json.patch(deny, [{"op": "replace", "path": "/Condition", "value": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}])], {}),
		_role("break-glass-deny-narrow", [_assume({}), narrow], {}),
		_role("break-glass-deny-null", [_assume({}), json.patch(deny, [{"op": "replace", "path": "/Condition", "value": {"Null": {"aws:MultiFactorAuthAge": "true"}}}])], {}),
	]
	{r.resource | some r in mfa.deny} == {"aws_iam_role.break-glass-deny-bool", "aws_iam_role.break-glass-deny-narrow"} with input as lib.mock_input(rs)
}

# A Deny matches only the actions it names: one of sts:AssumeRole leaves a
# SAML or web identity Allow without MFA; one of sts:* or sts:AssumeRole*
# covers them.
test_mfa_by_deny_covers_only_its_actions if {
	deny := {"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}, "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
	saml := {"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}}
	oidc := {"Effect": "Allow", "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}}
	rs := [
		_role("break-glass-saml", [saml, deny], {}),
		_role("break-glass-oidc", [oidc, deny], {}),
		_role("break-glass-saml-sts", [saml, object.union(deny, {"Action": "sts:*"})], {}),
		_role("break-glass-oidc-patterns", [oidc, object.union(deny, {"Action": ["sts:AssumeRole*", "STS:TagSession"]})], {}),
		_role("break-glass-oidc-half", [oidc, object.union(deny, {"Action": ["sts:AssumeRoleWithWebIdentity"]})], {}),
	]
	{r.resource | some r in mfa.deny} == {"aws_iam_role.break-glass-saml", "aws_iam_role.break-glass-oidc", "aws_iam_role.break-glass-oidc-half"} with input as lib.mock_input(rs)
}

test_mfa_null_age_and_anyone if {
	anyone := {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}
	rs := [
		_role("break-glass-null-age", [_assume({"Null": {"aws:MultiFactorAuthAge": "false"}})], {}),
		_role("break-glass-null-present", [_assume({"Null": {"aws:MultiFactorAuthPresent": "false"}})], {}),
		_role("break-glass-anyone", [anyone], {}),
		_role("break-glass-anyone-in-org", [object.union(anyone, {"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}, "StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})], {}),
		_role("break-glass-any-root", [object.union(anyone, {"Principal": {"AWS": "arn:aws:iam::*:root"}})], {}),
	]
	{r.resource | some r in mfa.deny} == {"aws_iam_role.break-glass-null-present", "aws_iam_role.break-glass-anyone", "aws_iam_role.break-glass-any-root"} with input as lib.mock_input(rs)
	lib.result(rs[2], "trust statement #1 lets any AWS principal (*) assume the role, MFA or not: name the accounts or roles, or pin aws:PrincipalOrgID or aws:PrincipalAccount") in mfa.deny with input as lib.mock_input(rs)
}

test_break_glass_users_grants if {
	user := {"address": "aws_iam_user.responder", "type": "aws_iam_user", "values": {"name": "breakglass-admin"}, "referenced_by": [
		{"address": "aws_iam_user_policy.ops", "type": "aws_iam_user_policy", "attribute": "user", "via": "reference"},
		{"address": "aws_iam_user_policy_attachment.a", "type": "aws_iam_user_policy_attachment", "attribute": "user", "via": "reference"},
	]}
	ops := {"address": "aws_iam_user_policy.ops", "type": "aws_iam_user_policy", "values": {"name": "ops", "policy": _doc([_allow("iam:*", {})])}, "references": [{"address": "aws_iam_user.responder", "type": "aws_iam_user", "attribute": "user", "via": "reference"}]}
	attachment := {"address": "aws_iam_user_policy_attachment.a", "type": "aws_iam_user_policy_attachment", "values": {}, "references": [
		{"address": "aws_iam_user.responder", "type": "aws_iam_user", "attribute": "user", "via": "reference"},
		{"address": "aws_iam_policy.plain", "type": "aws_iam_policy", "attribute": "policy_arn", "via": "reference"},
	]}
	managed := _policy("plain", [_allow("ec2:StartInstances", {})])
	rs := [user, ops, attachment, managed]
	{r.address | some r in lib.emergency_grants} == {"aws_iam_user_policy.ops", "aws_iam_policy.plain"} with input as lib.mock_input(rs)
	plain_user := json.patch(user, [{"op": "replace", "path": "/values/name", "value": "deployer"}])
	count(lib.emergency_grants) == 0 with input as lib.mock_input([plain_user, ops, attachment, managed])
}

test_break_glass_users_through_groups if {
	user := {"address": "aws_iam_user.bg", "type": "aws_iam_user", "values": {"name": "breakglass-ops"}, "referenced_by": [
		{"address": "aws_iam_user_group_membership.bg", "type": "aws_iam_user_group_membership", "attribute": "user", "via": "reference"},
	]}
	membership := {"address": "aws_iam_user_group_membership.bg", "type": "aws_iam_user_group_membership", "values": {}, "references": [
		{"address": "aws_iam_user.bg", "type": "aws_iam_user", "attribute": "user", "via": "reference"},
		{"address": "aws_iam_group.ops", "type": "aws_iam_group", "attribute": "groups", "via": "reference"},
	]}
	group := {"address": "aws_iam_group.ops", "type": "aws_iam_group", "values": {"name": "ops"}, "referenced_by": [
		{"address": "aws_iam_group_policy.ops", "type": "aws_iam_group_policy", "attribute": "group", "via": "reference"},
		{"address": "aws_iam_group_policy_attachment.full", "type": "aws_iam_group_policy_attachment", "attribute": "group", "via": "reference"},
		{"address": "aws_iam_user_group_membership.bg", "type": "aws_iam_user_group_membership", "attribute": "groups", "via": "reference"},
	]}
	inline := {"address": "aws_iam_group_policy.ops", "type": "aws_iam_group_policy", "values": {"name": "ops", "policy": _doc([_allow("ec2:*", {})])}, "references": [{"address": "aws_iam_group.ops", "type": "aws_iam_group", "attribute": "group", "via": "reference"}]}
	full := {"address": "aws_iam_group_policy_attachment.full", "type": "aws_iam_group_policy_attachment", "values": {"policy_arn": "arn:aws:iam::aws:policy/IAMFullAccess"}, "references": [{"address": "aws_iam_group.ops", "type": "aws_iam_group", "attribute": "group", "via": "reference"}]}
	rs := [user, membership, group, inline, full]
	least.deny == {
		lib.result(user, "aws_iam_group_policy.ops policy statement #1 allows ec2:*"),
		lib.result(user, "aws_iam_group_policy_attachment.full policy_arn attaches the AWS-managed IAMFullAccess, which allows every action of a service"),
	} with input as lib.mock_input(rs)
}

test_wildcard_patterns if {
	every a in ["*", "*:*", "**", "*:**", "?*:*", "*:?*"] {
		lib.wildcard_action({"actions": [a], "not_actions": []})
	}
	every a in ["iam:*", "IAM:*", "iam:**", "iam:?*", "iam:*?", "*"] {
		lib.service_wildcard(a)
	}
	every a in ["iam:Get*", "iam:?etRole", "s3:GetObject", "iam:"] {
		not lib.service_wildcard(a)
	}
	not lib.wildcard_action({"actions": ["iam:*"], "not_actions": []})
	every r in ["*", "**", "arn:*", "arn:aws:*", "arn:aws*:*", "arn:*:*", "arn:aws:*:*:*:*", "arn:aws-us-gov:*"] {
		lib.wildcard_resource({"resources": [r], "not_resources": []})
	}
	every r in ["arn:aws:s3:::*", "arn:aws:iam::111122223333:*", "arn:aws:kms:*:*:key/*", "s3-bucket"] {
		not lib.wildcard_resource({"resources": [r], "not_resources": []})
	}
}

test_session if {
	rs := [
		_role("break-glass-long", [], {"values": {"max_session_duration": 43200}}),
		_role("break-glass-short", [], {"values": {"max_session_duration": 3600}}),
		_role("deploy", [], {"values": {"max_session_duration": 43200}}),
	]
	session.deny == {lib.result(rs[0], "max_session_duration is 43200 seconds, more than the emergency window of 14400")} with input as lib.mock_input(rs)
}

test_least_privilege_and_admin if {
	rs := [
		_policy("emergency-star", [_allow("*", _until("2026-11-28T13:00:00Z"))]),
		_policy("emergency-iam", [_allow(["iam:*", "ec2:DescribeInstances"], _until("2026-11-28T13:00:00Z"))]),
		_policy("emergency-not", [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]),
		_policy("emergency-ok", [_allow(["ec2:StartInstances", "ec2:Describe*"], _until("2026-11-28T13:00:00Z"))]),
		_policy("admin", [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]),
		_policy("scoped-star", [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b"}]),
	]
	least.deny == {
		lib.result(rs[0], "policy statement #1 allows *"),
		lib.result(rs[1], "policy statement #1 allows iam:*"),
		lib.result(rs[2], "policy statement #1 allows every action except iam:* (NotAction)"),
	} with input as lib.mock_input(rs)
	admin.deny == {
		lib.result(rs[0], "policy statement #1 allows every action on every resource"),
		lib.result(rs[2], "policy statement #1 allows every action except iam:* (NotAction) on every resource"),
		lib.result(rs[4], "policy statement #1 allows every action on every resource"),
	} with input as lib.mock_input(rs)
}

# A role is judged by everything that grants it permissions: AWS-managed
# policies attached by ARN, customer-managed policies in the input, and
# what is not in the input.
test_roles_and_attached_policies if {
	trust := [_assume({"Bool": {"aws:MultiFactorAuthPresent": "true"}})]
	role := _role("BreakGlassRole", trust, {"referenced_by": [
		_by("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.admin", "role"),
		_by("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.own", "role"),
		_by("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.elsewhere", "role"),
	]})
	own := object.union(_policy("ops", [_allow(["KMS:*"], _until("2026-11-28T13:00:00Z"))]), {"referenced_by": [_by("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.own", "policy_arn")]})
	to_role := _by("aws_iam_role", "aws_iam_role.BreakGlassRole", "role")
	rs := [
		role, own,
		_attach("admin", "arn:aws:iam::aws:policy/AdministratorAccess", [to_role]),
		_attach("own", null, [to_role, _by("aws_iam_policy", "aws_iam_policy.ops", "policy_arn")]),
		_attach("elsewhere", "arn:aws:iam::111122223333:policy/ops", [to_role]),
	]
	admin.deny == {lib.result(role, "aws_iam_role_policy_attachment.admin policy_arn attaches the AWS-managed AdministratorAccess, which allows every action on every resource")} with input as lib.mock_input(rs)
	bound.deny == {lib.result(role, "aws_iam_role_policy_attachment.admin policy_arn attaches the AWS-managed AdministratorAccess, which cannot carry a time bound")} with input as lib.mock_input(rs)
	bound.unknown == {lib.result(role, "aws_iam_role_policy_attachment.elsewhere policy_arn attaches arn:aws:iam::111122223333:policy/ops, a policy not in this input, whose time bounds cannot be checked")} with input as lib.mock_input(rs)
	least.deny == {
		lib.result(own, "policy statement #1 allows KMS:*"),
		lib.result(role, "aws_iam_policy.ops policy statement #1 allows KMS:*"),
		lib.result(role, "aws_iam_role_policy_attachment.admin policy_arn attaches the AWS-managed AdministratorAccess, which allows every action of a service"),
	} with input as lib.mock_input(rs)
	{r.resource | some r in mfa.pass} == {"aws_iam_role.BreakGlassRole"} with input as lib.mock_input(rs)
}

_by(type, address, attribute) := {"address": address, "type": type, "attribute": attribute, "via": "reference"}

_attach(name, arn, refs) := {"address": sprintf("aws_iam_role_policy_attachment.%s", [name]), "type": "aws_iam_role_policy_attachment", "values": {"policy_arn": arn}, "references": refs}

# Roles only AWS services assume are not break-glass access, whatever
# their name; a role whose name is known only after apply may be.
test_which_roles_are_break_glass if {
	service := _role("incident-manager", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ssm-incidents.amazonaws.com"}}], {})
	underscored := _role("break_glass_ops", [_assume({})], {})
	later := {"address": "aws_iam_role.later", "type": "aws_iam_role", "values": {"assume_role_policy": _doc([_assume({})])}, "unknown": ["name"], "configured": ["assume_role_policy", "name"]}
	computed := {"address": "aws_iam_role.generated", "type": "aws_iam_role", "values": {"assume_role_policy": _doc([_assume({})])}, "unknown": ["name"], "configured": ["assume_role_policy"]}
	rs := [service, underscored, later, computed]
	mfa.deny == {lib.result(underscored, "trust statement #1 lets arn:aws:iam::111122223333:role/oncall assume the role without requiring MFA")} with input as lib.mock_input(rs) with input.index.computed as {"aws_iam_role": {"name"}}
	mfa.unknown == {lib.result(later, lib.undecided_role_message)} with input as lib.mock_input(rs) with input.index.computed as {"aws_iam_role": {"name"}}
	session.unknown == {lib.result(later, lib.undecided_role_message)} with input as lib.mock_input(rs) with input.index.computed as {"aws_iam_role": {"name"}}
}

test_admin_wildcard_forms if {
	rs := [
		_policy("arn-star", [{"Effect": "Allow", "Action": "*", "Resource": "arn:*"}]),
		_policy("not-resource", [{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::keep"}]),
		_policy("star-star", [{"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:*:*:*:*"}]),
		_policy("s3-only", [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::*"}]),
		_policy("denied", [{"Effect": "Deny", "Action": "*", "Resource": "*"}]),
		{"address": "aws_iam_user_policy_attachment.u", "type": "aws_iam_user_policy_attachment", "values": {"policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess"}},
		{"address": "aws_iam_group_policy_attachment.g", "type": "aws_iam_group_policy_attachment", "values": {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
	]
	admin.deny == {
		lib.result(rs[0], "policy statement #1 allows every action on every resource"),
		lib.result(rs[1], "policy statement #1 allows every action on every resource"),
		lib.result(rs[2], "policy statement #1 allows every action on every resource"),
		lib.result(rs[5], "attaches the AWS-managed PowerUserAccess, which allows every action on every resource"),
	} with input as lib.mock_input(rs)
}

test_user_and_group_attachments_are_judged if {
	rs := [
		{"address": "aws_iam_user_policy_attachments_exclusive.alice", "type": "aws_iam_user_policy_attachments_exclusive", "values": {"user_name": "alice", "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]}},
		{"address": "aws_iam_group_policy_attachments_exclusive.ops", "type": "aws_iam_group_policy_attachments_exclusive", "values": {"group_name": "ops", "policy_arns": ["arn:aws:iam::aws:policy/PowerUserAccess"]}},
		{"address": "aws_iam_group_policy_attachments_exclusive.ro", "type": "aws_iam_group_policy_attachments_exclusive", "values": {"group_name": "ro", "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}},
		{"address": "aws_iam_user_policy_attachment.later", "type": "aws_iam_user_policy_attachment", "values": {"user": "bob"}, "unknown": ["policy_arn"], "configured": ["policy_arn", "user"]},
		{"address": "aws_iam_policy_attachment.team", "type": "aws_iam_policy_attachment", "values": {"groups": ["ops"], "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}},
	]
	admin.deny == {
		lib.result(rs[0], "attaches the AWS-managed AdministratorAccess, which allows every action on every resource"),
		lib.result(rs[1], "attaches the AWS-managed PowerUserAccess, which allows every action on every resource"),
		lib.result(rs[4], "attaches the AWS-managed AdministratorAccess, which allows every action on every resource"),
	} with input as lib.mock_input(rs)
	admin.unknown == {lib.result(rs[3], "attaches a policy whose ARN (policy_arn) is known only after apply")} with input as lib.mock_input(rs)
}

test_inline_role_policies_are_read if {
	role := _role("app", [], {"values": {"inline_policy": [{"name": "all", "policy": _doc({"Effect": "Allow", "Action": "*", "Resource": "*"})}]}, "configured": ["inline_policy"]})
	admin.deny == {lib.result(role, "inline_policy[0].policy statement #1 allows every action on every resource")} with input as lib.mock_input([role])
	computed := _role("plain", [], {"unknown": ["inline_policy"], "configured": ["name"]})
	count(admin.unknown) == 0 with input as lib.mock_input([computed]) with input.index.computed as {"aws_iam_role": {"inline_policy"}}
}

# A policy looked up with data "aws_iam_policy" grants what it names: the
# AWS-managed policy of its ARN or name, else the document a plan read,
# else (a directory check reads nothing from AWS) something known only
# after apply.
test_policies_looked_up_by_data_sources if {
	by_name := {"address": "data.aws_iam_policy.admin", "type": "aws_iam_policy", "mode": "data", "values": {"name": "AdministratorAccess"}}
	custom := {"address": "data.aws_iam_policy.custom", "type": "aws_iam_policy", "mode": "data", "values": {"arn": "arn:aws:iam::111122223333:policy/all", "name": "all", "policy": _doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}])}}
	unread := {"address": "data.aws_iam_policy.unread", "type": "aws_iam_policy", "mode": "data", "values": {"path_prefix": "/"}}
	rs := [
		by_name, custom, unread,
		{"address": "aws_iam_group_policy_attachment.by_name", "type": "aws_iam_group_policy_attachment", "values": {"group": "ops"}, "unknown": ["policy_arn"], "configured": ["policy_arn", "group"], "references": [_by("aws_iam_policy", by_name.address, "policy_arn")]},
		{"address": "aws_iam_user_policy_attachment.custom", "type": "aws_iam_user_policy_attachment", "values": {"user": "bob", "policy_arn": custom.values.arn}, "references": [_by("aws_iam_policy", custom.address, "policy_arn")]},
		{"address": "aws_iam_user_policy_attachment.unread", "type": "aws_iam_user_policy_attachment", "values": {"user": "eve"}, "unknown": ["policy_arn"], "configured": ["policy_arn", "user"], "references": [_by("aws_iam_policy", unread.address, "policy_arn")]},
	]
	admin.deny == {
		lib.result(rs[3], "attaches the AWS-managed AdministratorAccess, which allows every action on every resource"),
		lib.result(rs[4], "attaches data.aws_iam_policy.custom, whose statement #1 allows every action on every resource"),
	} with input as lib.mock_input(rs)
	admin.unknown == {lib.result(rs[5], "attaches a policy whose ARN (policy_arn) is known only after apply")} with input as lib.mock_input(rs)
}

# A Deny of everything an Allow allows after a time ends the Allow then,
# as a bound of its own would: the grant ends at the earlier of the two.
test_time_bound_by_expiry_deny if {
	read := _allow(["ec2:DescribeInstances", "ec2:StartInstances"], {})
	rs := [
		_policy("break-glass-expiring", [read, _expire("2026-11-28T14:00:00Z")]),
		_policy("break-glass-ec2-expiring", [read, object.union(_expire("2026-11-28T14:00:00Z"), {"Action": "EC2:*"})]),
		_policy("break-glass-s3-expiring", [read, object.union(_expire("2026-11-28T14:00:00Z"), {"Action": "s3:*"})]),
		_policy("break-glass-late-expiry", [read, _expire("2026-12-28T14:00:00Z")]),
		_policy("break-glass-far-bound", [_allow("ec2:StartInstances", _until("2026-12-31T00:00:00Z")), _expire("2026-11-28T13:00:00Z")]),
		_policy("break-glass-narrow-deny", [read, object.union(_expire("2026-11-28T14:00:00Z"), {"Resource": "arn:aws:ec2:*:*:instance/i-1"})]),
		_policy("break-glass-two-conditions", [read, object.union(_expire("2026-11-28T14:00:00Z"), {"Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-11-28T14:00:00Z"}, "Bool": {"aws:SecureTransport": "true"}}})]),
	]
	{r.resource | some r in bound.deny} == {"aws_iam_policy.break-glass-s3-expiring", "aws_iam_policy.break-glass-late-expiry", "aws_iam_policy.break-glass-narrow-deny", "aws_iam_policy.break-glass-two-conditions"} with input as lib.mock_input(rs)
	lib.result(rs[3], "policy statement #1 lasts until 2026-12-28T14:00:00Z, more than 4h after 2026-11-28T12:00:00Z") in bound.deny with input as lib.mock_input(rs)
}

_expire(t) := {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": t}}}

# Only statements that allow assuming the role need MFA: session actions
# alone (sts:TagSession, sts:SetSourceIdentity) assume nothing.
test_mfa_judges_assume_actions_only if {
	session := {"Effect": "Allow", "Action": ["sts:TagSession", "sts:SetSourceIdentity"], "Principal": {"AWS": "arn:aws:iam::111122223333:role/oncall"}}
	rs := [
		_role("break-glass-session", [_assume({"Bool": {"aws:MultiFactorAuthPresent": "true"}}), session], {}),
		_role("break-glass-pattern", [object.union(session, {"Action": "sts:Assume*"})], {}),
		_role("break-glass-star", [object.union(session, {"Action": "sts:*"})], {}),
	]
	{r.resource | some r in mfa.deny} == {"aws_iam_role.break-glass-pattern", "aws_iam_role.break-glass-star"} with input as lib.mock_input(rs)
}

# An attachment to a role the input does not hold (an SSO role) is judged
# itself: no role result carries it.
test_attachments_to_roles_not_in_the_input if {
	role := {"address": "aws_iam_role.ci", "type": "aws_iam_role", "values": {"name": "ci"}, "referenced_by": [{"address": "aws_iam_role_policy_attachment.linked", "type": "aws_iam_role_policy_attachment", "attribute": "role", "via": "reference"}]}
	rs := [
		role,
		{"address": "aws_iam_role_policy_attachment.linked", "type": "aws_iam_role_policy_attachment", "values": {"role": "ci", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, "references": [_by("aws_iam_role", role.address, "role")]},
		{"address": "aws_iam_role_policy_attachment.sso", "type": "aws_iam_role_policy_attachment", "values": {"role": "AWSReservedSSO_Admin", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}},
		{"address": "aws_iam_policy_attachment.legacy", "type": "aws_iam_policy_attachment", "values": {"roles": ["elsewhere"], "policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess"}},
	]
	{r.resource | some r in admin.deny} == {"aws_iam_role.ci", "aws_iam_role_policy_attachment.sso", "aws_iam_policy_attachment.legacy"} with input as lib.mock_input(rs)
}

# A break-glass IAM group is judged by what is put on or attached to it,
# which every member gets.
test_break_glass_groups if {
	group := {"address": "aws_iam_group.bg", "type": "aws_iam_group", "values": {"name": "breakglass-responders"}, "referenced_by": [
		{"address": "aws_iam_group_policy.ops", "type": "aws_iam_group_policy", "attribute": "group", "via": "reference"},
		{"address": "aws_iam_group_policy_attachment.admin", "type": "aws_iam_group_policy_attachment", "attribute": "group", "via": "reference"},
	]}
	ops := {"address": "aws_iam_group_policy.ops", "type": "aws_iam_group_policy", "values": {"policy": _doc([_allow("iam:*", {})])}, "references": [{"address": group.address, "type": "aws_iam_group", "attribute": "group", "via": "reference"}]}
	admin := {"address": "aws_iam_group_policy_attachment.admin", "type": "aws_iam_group_policy_attachment", "values": {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, "references": [{"address": group.address, "type": "aws_iam_group", "attribute": "group", "via": "reference"}]}
	plain := {"address": "aws_iam_group.devs", "type": "aws_iam_group", "values": {"name": "developers"}}
	rs := [group, ops, admin, plain]
	{r.resource | some r in bound.deny} == {"aws_iam_group.bg", "aws_iam_group_policy.ops"} with input as lib.mock_input(rs)
	{r.resource | some r in least.deny} == {"aws_iam_group.bg", "aws_iam_group_policy.ops"} with input as lib.mock_input(rs)
}

# A policy named as emergency access but used only as a permissions
# boundary grants nothing: it is not an emergency grant.
test_boundaries_grant_nothing if {
	boundary := object.union(_policy("breakglass-boundary", [_allow("*", {})]), {"referenced_by": [{"address": "aws_iam_role.svc", "type": "aws_iam_role", "attribute": "permissions_boundary", "via": "reference"}]})
	attached := object.union(_policy("breakglass-ops", [_allow("*", {})]), {"referenced_by": [
		{"address": "aws_iam_role.svc", "type": "aws_iam_role", "attribute": "permissions_boundary", "via": "reference"},
		{"address": "aws_iam_role_policy_attachment.a", "type": "aws_iam_role_policy_attachment", "attribute": "policy_arn", "via": "reference"},
	]})
	{r.address | some r in lib.emergency_grants} == {"aws_iam_policy.breakglass-ops"} with input as lib.mock_input([boundary, attached])
}
