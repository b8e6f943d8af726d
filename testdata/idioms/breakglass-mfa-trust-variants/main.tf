# Trust policies of break-glass roles built with aws_iam_policy_document,
# with the MFA requirement written in different ways.

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  oncall = "arn:aws:iam::${var.account_id}:role/oncall"
}

data "aws_iam_policy_document" "mfa_bool" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [local.oncall]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "mfa_age" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [local.oncall]
    }
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["900"]
    }
  }
}

data "aws_iam_policy_document" "mfa_if_exists" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [local.oncall]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "sso_without_mfa" {
  source_policy_documents = [data.aws_iam_policy_document.mfa_bool.json]

  statement {
    sid     = "FederatedResponders"
    actions = ["sts:AssumeRoleWithSAML"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${var.account_id}:saml-provider/northwind-idp"]
    }
    condition {
      test     = "StringEquals"
      variable = "SAML:aud"
      values   = ["https://signin.aws.amazon.com/saml"]
    }
  }
}

locals {
  trusts = {
    break-glass-mfa-bool        = data.aws_iam_policy_document.mfa_bool.json
    break-glass-mfa-age         = data.aws_iam_policy_document.mfa_age.json
    break-glass-mfa-if-exists   = data.aws_iam_policy_document.mfa_if_exists.json
    break-glass-sso-without-mfa = data.aws_iam_policy_document.sso_without_mfa.json
  }
}

resource "aws_iam_role" "this" {
  for_each = local.trusts

  name               = each.key
  assume_role_policy = each.value
}
