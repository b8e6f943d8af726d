# aws:kms without kms_master_key_id uses the AWS-managed aws/s3 key.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "managed" {
  bucket = "acme-managed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "managed" {
  bucket = aws_s3_bucket.managed.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
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
