# Policies with not_principals and Deny-to-everyone guards, built with
# aws_iam_policy_document. A Deny to * never makes a bucket public; an Allow
# with NotPrincipal allows everyone except the listed principal.

variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "vpce_id" {
  type    = string
  default = "vpce-0a1b2c3d4e5f60718"
}

resource "aws_s3_bucket" "restricted" {
  bucket = "northwind-restricted"
}

resource "aws_s3_bucket" "leaky" {
  bucket = "northwind-leaky"
}

resource "aws_s3_bucket" "endpoint_only" {
  bucket = "northwind-endpoint-only"
}

data "aws_iam_policy_document" "restricted" {
  statement {
    sid       = "DenyEveryoneButAdmins"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.restricted.arn, "${aws_s3_bucket.restricted.arn}/*"]

    not_principals {
      type = "AWS"
      identifiers = [
        "arn:aws:iam::${var.account_id}:role/data-admin",
        "arn:aws:iam::${var.account_id}:root",
      ]
    }
  }

  statement {
    sid       = "AdminsRead"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.restricted.arn, "${aws_s3_bucket.restricted.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:role/data-admin"]
    }
  }
}

data "aws_iam_policy_document" "leaky" {
  statement {
    sid       = "EveryoneButQuarantine"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.leaky.arn}/*"]

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:role/quarantine"]
    }
  }
}

data "aws_iam_policy_document" "endpoint_only" {
  statement {
    sid       = "DenyOutsideEndpoint"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.endpoint_only.arn, "${aws_s3_bucket.endpoint_only.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = [var.vpce_id]
    }
  }
}

resource "aws_s3_bucket_policy" "restricted" {
  bucket = aws_s3_bucket.restricted.id
  policy = data.aws_iam_policy_document.restricted.json
}

resource "aws_s3_bucket_policy" "leaky" {
  bucket = aws_s3_bucket.leaky.id
  policy = data.aws_iam_policy_document.leaky.json
}

resource "aws_s3_bucket_policy" "endpoint_only" {
  bucket = aws_s3_bucket.endpoint_only.id
  policy = data.aws_iam_policy_document.endpoint_only.json
}
