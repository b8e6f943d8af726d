# The encryption key is named through a customer alias of a key created here.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "main" {
  name          = "alias/acme-billing"
  target_key_id = aws_kms_key.main.key_id
}

resource "aws_s3_bucket" "billing" {
  bucket = "acme-billing-exports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "billing" {
  bucket = aws_s3_bucket.billing.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_alias.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "billing" {
  bucket                  = aws_s3_bucket.billing.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "billing" {
  bucket = aws_s3_bucket.billing.id
  versioning_configuration {
    status = "Enabled"
  }
}
