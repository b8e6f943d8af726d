# DSSE-KMS with and without a customer-managed key.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "sealed" {
  bucket = "acme-dsse-sealed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sealed" {
  bucket = aws_s3_bucket.sealed.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms:dsse"
      kms_master_key_id = aws_kms_key.main.key_id
    }
  }
}

resource "aws_s3_bucket_public_access_block" "sealed" {
  bucket                  = aws_s3_bucket.sealed.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "sealed" {
  bucket = aws_s3_bucket.sealed.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "managed" {
  bucket = "acme-dsse-managed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "managed" {
  bucket = aws_s3_bucket.managed.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "managed" {
  bucket                  = aws_s3_bucket.managed.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "managed" {
  bucket = aws_s3_bucket.managed.id
  versioning_configuration {
    status = "Enabled"
  }
}
