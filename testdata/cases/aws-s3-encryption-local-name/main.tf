# Bucket and configuration share a local; the plan does not describe locals, so they link by value.

locals {
  archive = "acme-local-archive"
}

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "archive" {
  bucket = local.archive
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = local.archive
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "archive" {
  bucket                  = local.archive
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "archive" {
  bucket = local.archive
  versioning_configuration {
    status = "Enabled"
  }
}
