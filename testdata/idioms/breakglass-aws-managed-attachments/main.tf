# Break-glass roles given AWS-managed policies, which can carry no time bound:
# AdministratorAccess, IAMFullAccess and ReadOnlyAccess.

variable "account_id" {
  type    = string
  default = "111122223333"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:role/oncall"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

locals {
  break_glass_roles = {
    break-glass-admin    = ["arn:aws:iam::aws:policy/AdministratorAccess"]
    break-glass-iam      = ["arn:aws:iam::aws:policy/IAMFullAccess"]
    break-glass-readonly = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  }

  attachments = merge([
    for role, arns in local.break_glass_roles : {
      for arn in arns : "${role}/${basename(arn)}" => { role = role, arn = arn }
    }
  ]...)
}

resource "aws_iam_role" "this" {
  for_each = local.break_glass_roles

  name               = each.key
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = local.attachments

  role       = aws_iam_role.this[each.value.role].name
  policy_arn = each.value.arn
}
