# Three managed policies built from data sources.

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "lockdown" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "sneaky" {
  statement {
    actions   = ["s3:GetObject", "*"]
    resources = ["arn:aws:s3:::acme-artifacts/*", "*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "acme-admin"
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_policy" "lockdown" {
  name   = "acme-lockdown"
  policy = data.aws_iam_policy_document.lockdown.json
}

resource "aws_iam_policy" "sneaky" {
  name   = "acme-artifacts-reader"
  policy = data.aws_iam_policy_document.sneaky.json
}
