# A policy built from a value known only after apply is unknown.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "later" {
  bucket = "acme-later"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "later" {
  bucket = aws_s3_bucket.later.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "later" {
  bucket                  = aws_s3_bucket.later.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "later" {
  bucket = aws_s3_bucket.later.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "terraform_data" "policy" {
  input = "{}"
}

resource "aws_s3_bucket_policy" "later" {
  bucket = aws_s3_bucket.later.id
  policy = terraform_data.policy.output
}
