# Both documents are data sources, rendered at plan time.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "org" {
  bucket = "acme-org-shared"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "org" {
  bucket = aws_s3_bucket.org.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "org" {
  bucket                  = aws_s3_bucket.org.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "org" {
  bucket = aws_s3_bucket.org.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "open" {
  bucket = "acme-open-drop"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "open" {
  bucket = aws_s3_bucket.open.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "open" {
  bucket                  = aws_s3_bucket.open.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "open" {
  bucket = aws_s3_bucket.open.id
  versioning_configuration {
    status = "Enabled"
  }
}

data "aws_iam_policy_document" "org" {
  statement {
    sid       = "OrgRead"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-org-shared/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-acme1234ab"]
    }
  }
}

data "aws_iam_policy_document" "open" {
  statement {
    sid       = "AnyoneWrites"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-open-drop/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "org" {
  bucket = aws_s3_bucket.org.id
  policy = data.aws_iam_policy_document.org.json
}

resource "aws_s3_bucket_policy" "open" {
  bucket = aws_s3_bucket.open.id
  policy = data.aws_iam_policy_document.open.json
}
