# A static-site origin and a shared artifact bucket whose policies are
# assembled from feature documents: CloudFront origin access pinned to one
# distribution, organization-wide read pinned to the org id, TLS-only deny.
# The account-level public access block is on.

variable "distribution_arn" {
  type    = string
  default = "arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL"
}

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_kms_key" "artifacts" {
  description         = "Shared artifacts"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "this" {
  for_each = toset(["origin", "artifacts"])
  bucket   = "northwind-${each.key}-bucket"
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.artifacts.arn
    }
    bucket_key_enabled = true
  }
}

data "aws_iam_policy_document" "tls_only" {
  for_each = aws_s3_bucket.this

  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "origin_access" {
  statement {
    sid       = "CloudFrontRead"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.this["origin"].arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [var.distribution_arn]
    }
  }
}

data "aws_iam_policy_document" "org_read" {
  statement {
    sid       = "OrgRead"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.this["artifacts"].arn, "${aws_s3_bucket.this["artifacts"].arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

locals {
  feature_documents = {
    origin    = data.aws_iam_policy_document.origin_access.json
    artifacts = data.aws_iam_policy_document.org_read.json
  }
}

data "aws_iam_policy_document" "bucket" {
  for_each = aws_s3_bucket.this

  source_policy_documents = [
    data.aws_iam_policy_document.tls_only[each.key].json,
    local.feature_documents[each.key],
  ]
}

resource "aws_s3_bucket_policy" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  policy = data.aws_iam_policy_document.bucket[each.key].json
}
