# An encryption configuration naming the bucket by a literal string links by value.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "exports" {
  bucket = "acme-literal-exports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
  bucket = "acme-literal-exports"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket                  = "acme-literal-exports"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "exports" {
  bucket = "acme-literal-exports"
  versioning_configuration {
    status = "Enabled"
  }
}
