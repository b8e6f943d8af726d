# METADATA
# title: Break-glass roles require MFA to assume
# description: |
#   Every Allow statement of a break-glass role's trust policy must require
#   multi-factor authentication: a Bool condition aws:MultiFactorAuthPresent
#   "true", a NumericLessThan limit on aws:MultiFactorAuthAge, or Null
#   aws:MultiFactorAuthAge "false" (the key is there only when MFA was
#   used), or the policy denies the Allow's actions to "*" when
#   BoolIfExists aws:MultiFactorAuthPresent is "false" (or
#   aws:MultiFactorAuthAge is null); a Deny of sts:AssumeRole does not
#   cover an Allow of sts:AssumeRoleWithSAML or
#   sts:AssumeRoleWithWebIdentity. BoolIfExists "true" on an Allow does
#   not count: a request without MFA information passes it. MFA proves a device, not who the caller is: a statement any
#   AWS principal may use (Principal "*" with no condition fixing the
#   caller's organization, account or ARN) fails too. Roles only AWS services assume are not break-glass: a service
#   cannot use MFA.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
#     description: IAM User Guide, configuring MFA-protected API access
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
#     description: IAM User Guide, aws:MultiFactorAuthPresent and why BoolIfExists is not enough
# custom:
#   id: aws-iam-emergency-mfa
#   severity: critical
#   enforcement: hard-mandatory
#   runbook: break-glass (MFA-gated)
#   remediation: |
#     Add `Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }`
#     to every Allow statement of the role's assume_role_policy.
#   verdicts:
#     fail:
#       - 'an Allow statement of a break-glass role''s trust policy that allows assuming it (sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, a pattern matching one, or NotAction) does not require aws:MultiFactorAuthPresent (Bool "true") or limit aws:MultiFactorAuthAge; BoolIfExists does not count; session actions alone (sts:TagSession) assume nothing'
#       - 'a Deny to everyone without MFA does not name every action of such an Allow (sts:AssumeRole does not cover sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity)'
#       - 'an Allow statement lets any AWS principal assume the role (Principal "*", a wildcard principal or NotPrincipal) and no condition fixes aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:userid, aws:SourceAccount or aws:SourceArn, MFA or not'
#       - 'the trust policy is not valid JSON'
#     unknown:
#       - 'the trust policy is known only after apply'
#       - 'the role may be break-glass (name known only after apply)'
#     pass:
#       - 'every trust statement requires MFA; roles only AWS services assume are not break-glass'
package tfgate.rules.aws_iam_emergency_mfa

import data.tfgate.lib

pass contains lib.result(role, "every trust statement requires MFA") if some role in lib.emergency_roles

deny contains lib.result(role, sprintf("trust statement %s lets %s assume the role without requiring MFA", [lib.statement_name(i, st), _who(st)])) if {
	some role in lib.emergency_roles
	some i, st in lib.document_statements(role, "assume_role_policy")
	st.effect == "Allow"
	_assumes(st)
	not lib.requires_mfa(st)
	not _denied_without_mfa(role, st)
}

# _assumes holds for a trust statement that allows assuming the role:
# an action that matches sts:AssumeRole, sts:AssumeRoleWithSAML or
# sts:AssumeRoleWithWebIdentity, or NotAction. A statement of session
# actions alone (sts:TagSession, sts:SetSourceIdentity) assumes nothing.
_assumes(st) if count(st.not_actions) > 0

_assumes(st) if {
	some action in st.actions
	some assume in ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]
	lib.action_covers(lower(action), assume)
}

_assumes(st) if count(st.actions) + count(st.not_actions) == 0

# _denied_without_mfa holds for an Allow statement of a role's trust
# policy that a Deny to everyone without MFA covers: a Deny to "*" whose
# only condition is BoolIfExists aws:MultiFactorAuthPresent "false"
# (which a request without MFA information matches too) or Null
# aws:MultiFactorAuthAge "true", and which names every action the Allow
# allows. An explicit Deny matches only its own actions: a Deny of
# sts:AssumeRole leaves an Allow of sts:AssumeRoleWithSAML or
# sts:AssumeRoleWithWebIdentity as it is.
_denied_without_mfa(role, allow) if {
	some st in lib.document_statements(role, "assume_role_policy")
	st.effect == "Deny"
	"*" in st.principals
	count(st.not_actions) == 0
	count(st.conditions) == 1
	_denies_without_mfa(st.conditions[0])
	count(allow.not_actions) == 0
	count(allow.actions) > 0
	every action in allow.actions {
		some denied in st.actions
		lib.action_covers(lower(denied), lower(action))
	}
}

_denies_without_mfa(c) if {
	c.operator == "BoolIfExists"
	c.key == "aws:multifactorauthpresent"
	count(c.values) > 0
	every v in c.values {
		lower(v) == "false"
	}
}

_denies_without_mfa(c) if {
	c.operator == "Null"
	c.key == "aws:multifactorauthage"
	count(c.values) > 0
	every v in c.values {
		lower(v) == "true"
	}
}

deny contains lib.result(role, "the trust policy is not a valid JSON policy document") if {
	some role in lib.emergency_roles
	is_string(role.values.assume_role_policy)
	not lib.is_unknown(role, "assume_role_policy")
	not lib.statements(role.values.assume_role_policy)
}

# MFA says the caller has a device, not who the caller is: a trust
# statement any AWS principal may use leaves the role to every account.
deny contains lib.result(role, sprintf("trust statement %s lets any AWS principal (%s) assume the role, MFA or not: name the accounts or roles, or pin aws:PrincipalOrgID or aws:PrincipalAccount", [lib.statement_name(i, st), _who(st)])) if {
	some role in lib.emergency_roles
	some i, st in lib.document_statements(role, "assume_role_policy")
	lib.public(st, lib.trust_public_keys)
}

unknown contains lib.result(role, "assume_role_policy is known only after apply") if {
	some role in lib.emergency_roles
	lib.is_unknown(role, "assume_role_policy")
	not lib.document_statements(role, "assume_role_policy")
}

unknown contains lib.result(role, lib.undecided_role_message) if some role in lib.undecided_roles

_who(st) := concat(", ", st.principals) if count(st.principals) > 0

_who(st) := sprintf("everyone but %s", [concat(", ", st.not_principals)]) if count(st.principals) == 0
