# ignore_public_acls and restrict_public_buckets left unset on one bucket.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "partial" {
  bucket = "acme-partial-block"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "partial" {
  bucket = aws_s3_bucket.partial.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket              = aws_s3_bucket.partial.id
  block_public_acls   = true
  block_public_policy = true
}

resource "aws_s3_bucket_versioning" "partial" {
  bucket = aws_s3_bucket.partial.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "full" {
  bucket = "acme-full-block"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "full" {
  bucket = aws_s3_bucket.full.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "full" {
  bucket                  = aws_s3_bucket.full.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "full" {
  bucket = aws_s3_bucket.full.id
  versioning_configuration {
    status = "Enabled"
  }
}
