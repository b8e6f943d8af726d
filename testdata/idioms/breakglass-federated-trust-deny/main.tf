# Break-glass roles that federated identities assume (an IdP through SAML,
# GitHub Actions through OIDC). The trust policies also deny
# sts:AssumeRole to everyone without MFA, in the shape of the IAM User
# Guide's example, but an explicit Deny matches only the actions it names:
# the SAML and web identity logins are not covered, so those roles are
# assumable without MFA. A Deny of sts:* covers them.

locals {
  deny_without_mfa = {
    Sid       = "DenyWithoutMFA"
    Effect    = "Deny"
    Action    = "sts:AssumeRole"
    Principal = { AWS = "*" }
    Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
  }
}

data "aws_iam_policy_document" "saml_trust" {
  statement {
    sid     = "Okta"
    actions = ["sts:AssumeRoleWithSAML"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:saml-provider/okta"]
    }
    condition {
      test     = "StringEquals"
      variable = "SAML:aud"
      values   = ["https://signin.aws.amazon.com/saml"]
    }
  }
  statement {
    sid     = "DenyWithoutMFA"
    effect  = "Deny"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_role" "saml" {
  name               = "breakglass-saml"
  assume_role_policy = data.aws_iam_policy_document.saml_trust.json
}

resource "aws_iam_role" "github" {
  name = "incident-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/infra:*" } }
      },
      local.deny_without_mfa,
    ]
  })
}

resource "aws_iam_role" "github_sts_denied" {
  name = "incident-deployer-mfa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/infra:*" } }
      },
      merge(local.deny_without_mfa, { Action = "sts:*" }),
    ]
  })
}
