# Roles for people from the identity account, with AWS-managed job-function
# policies attached by aws_iam_role_policy_attachment.

variable "identity_account_id" {
  type    = string
  default = "222233334444"
}

data "aws_iam_policy_document" "trust_identity_account" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.identity_account_id}:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "platform_admin" {
  name               = "platform-admin"
  assume_role_policy = data.aws_iam_policy_document.trust_identity_account.json
}

resource "aws_iam_role_policy_attachment" "platform_admin" {
  role       = aws_iam_role.platform_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "developer" {
  name               = "developer"
  assume_role_policy = data.aws_iam_policy_document.trust_identity_account.json
}

resource "aws_iam_role_policy_attachment" "developer" {
  role       = aws_iam_role.developer.id
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_role" "auditor" {
  name               = "auditor"
  assume_role_policy = data.aws_iam_policy_document.trust_identity_account.json
}

resource "aws_iam_role_policy_attachment" "auditor" {
  for_each = toset([
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/SecurityAudit",
  ])

  role       = aws_iam_role.auditor.name
  policy_arn = each.value
}
