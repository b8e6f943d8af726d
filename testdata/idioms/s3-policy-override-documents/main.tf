# A shared "public read" statement is reused two ways: override_policy_documents
# replaces it (same Sid) with a version limited to the office network, while
# source_policy_documents merely adds a statement next to it.

resource "aws_s3_bucket" "assets" {
  for_each = toset(["office-assets", "partner-assets"])
  bucket   = "northwind-${each.key}"
}

data "aws_iam_policy_document" "public_read" {
  for_each = aws_s3_bucket.assets

  statement {
    sid       = "PublicRead"
    actions   = ["s3:GetObject"]
    resources = ["${each.value.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "office_only" {
  statement {
    sid       = "PublicRead"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.assets["office-assets"].arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["198.51.100.0/24"]
    }
  }
}

data "aws_iam_policy_document" "partner_list" {
  statement {
    sid       = "PartnerList"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.assets["partner-assets"].arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

data "aws_iam_policy_document" "office_assets" {
  source_policy_documents   = [data.aws_iam_policy_document.public_read["office-assets"].json]
  override_policy_documents = [data.aws_iam_policy_document.office_only.json]
}

data "aws_iam_policy_document" "partner_assets" {
  source_policy_documents = [
    data.aws_iam_policy_document.public_read["partner-assets"].json,
    data.aws_iam_policy_document.partner_list.json,
  ]
}

resource "aws_s3_bucket_policy" "office_assets" {
  bucket = aws_s3_bucket.assets["office-assets"].id
  policy = data.aws_iam_policy_document.office_assets.json
}

resource "aws_s3_bucket_policy" "partner_assets" {
  bucket = aws_s3_bucket.assets["partner-assets"].id
  policy = data.aws_iam_policy_document.partner_assets.json
}
