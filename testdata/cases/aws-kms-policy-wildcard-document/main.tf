# Principal "*" rendered by the data source in both spellings.

data "aws_iam_policy_document" "open" {
  statement {
    sid       = "AnyoneAnything"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "account" {
  statement {
    sid       = "AccountUse"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = ["111122223333"]
    }
  }
}

resource "aws_kms_key" "open" {
  description             = "acme open key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.open.json
}

resource "aws_kms_key" "account" {
  description             = "acme account key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.account.json
}
