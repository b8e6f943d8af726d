# A bucket policy allowing Principal * without a condition fails; one limited to a VPC endpoint passes.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "open" {
  bucket = "acme-open"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "open" {
  bucket = aws_s3_bucket.open.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "open" {
  bucket                  = aws_s3_bucket.open.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "open" {
  bucket = aws_s3_bucket.open.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket" "vpce" {
  bucket = "acme-vpce"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "vpce" {
  bucket = aws_s3_bucket.vpce.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "vpce" {
  bucket                  = aws_s3_bucket.vpce.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "vpce" {
  bucket = aws_s3_bucket.vpce.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "open" {
  bucket = aws_s3_bucket.open.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-open/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "vpce" {
  bucket = aws_s3_bucket.vpce.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["s3:GetObject"]
      Resource  = "arn:aws:s3:::acme-vpce/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d" } }
    }
  })
}
