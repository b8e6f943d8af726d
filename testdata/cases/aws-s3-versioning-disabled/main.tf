# status = "Disabled" is accepted by the provider for new buckets.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "tmp" {
  bucket = "acme-tmp-exports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "tmp" {
  bucket = aws_s3_bucket.tmp.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "tmp" {
  bucket                  = aws_s3_bucket.tmp.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "tmp" {
  bucket = aws_s3_bucket.tmp.id
  versioning_configuration {
    status = "Disabled"
  }
}
