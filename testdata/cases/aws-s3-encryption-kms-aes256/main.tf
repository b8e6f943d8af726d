# SSE-S3 (AES256) encrypts but is not a customer-managed key.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "plain" {
  bucket = aws_s3_bucket.plain.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "plain" {
  bucket                  = aws_s3_bucket.plain.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "plain" {
  bucket = aws_s3_bucket.plain.id
  versioning_configuration {
    status = "Enabled"
  }
}
