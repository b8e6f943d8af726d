# Policies given on the role itself: managed_policy_arns (exclusive list)
# and inline_policy blocks.

locals {
  trust_ci = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:northwind/*" }
      }
    }]
  })
}

resource "aws_iam_policy" "deploy" {
  name = "deploy-static-site"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:DeleteObject", "cloudfront:CreateInvalidation"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "gha_admin" {
  name                = "gha-admin"
  assume_role_policy  = local.trust_ci
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_role" "gha_site" {
  name                = "gha-site"
  assume_role_policy  = local.trust_ci
  managed_policy_arns = [aws_iam_policy.deploy.arn]
}

resource "aws_iam_role" "gha_power" {
  name                = "gha-power"
  assume_role_policy  = local.trust_ci
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}

resource "aws_iam_role" "gha_inline" {
  name               = "gha-inline"
  assume_role_policy = local.trust_ci

  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["*"], Resource = ["*"] }]
    })
  }

  inline_policy {
    name = "logs"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "*" }]
    })
  }
}
