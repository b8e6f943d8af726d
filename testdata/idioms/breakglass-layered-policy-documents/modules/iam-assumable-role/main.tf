# An IAM role assumed by people from trusted accounts, optionally behind MFA,
# with managed and customer policies attached: the shape of the community
# "assumable role" modules.

data "aws_iam_policy_document" "assume_role" {
  count = var.create_role ? 1 : 0

  statement {
    sid     = "TrustedPrincipals"
    effect  = "Allow"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "AWS"
      identifiers = var.trusted_role_arns
    }

    dynamic "condition" {
      for_each = var.role_requires_mfa ? [1] : []

      content {
        test     = var.mfa_condition_test
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_mfa && var.mfa_age != null ? [1] : []

      content {
        test     = "NumericLessThan"
        variable = "aws:MultiFactorAuthAge"
        values   = [tostring(var.mfa_age)]
      }
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create_role ? 1 : 0

  name                 = var.role_name
  name_prefix          = var.role_name_prefix
  path                 = var.role_path
  description          = var.role_description
  max_session_duration = var.max_session_duration
  permissions_boundary = var.role_permissions_boundary_arn

  assume_role_policy = coalesce(var.custom_trust_policy, data.aws_iam_policy_document.assume_role[0].json)

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "managed" {
  for_each = toset([for arn in var.managed_policy_arns : arn if var.create_role])

  role       = aws_iam_role.this[0].name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachment" "custom" {
  count = var.create_role ? length(var.custom_role_policy_arns) : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.custom_role_policy_arns[count.index]
}

resource "aws_iam_role_policy" "inline" {
  for_each = var.create_role ? var.inline_policies : {}

  name   = each.key
  role   = aws_iam_role.this[0].id
  policy = each.value
}
