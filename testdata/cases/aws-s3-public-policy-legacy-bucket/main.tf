# Bucket policy written inline on aws_s3_bucket.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "press" {
  bucket = "acme-press-kit"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-press-kit/*"
    }]
  })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "press" {
  bucket = aws_s3_bucket.press.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "press" {
  bucket                  = aws_s3_bucket.press.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "press" {
  bucket = aws_s3_bucket.press.id
  versioning_configuration {
    status = "Enabled"
  }
}
