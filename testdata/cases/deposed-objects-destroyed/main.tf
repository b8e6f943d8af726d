locals {
  account = "111122223333"
}

resource "aws_kms_key" "k" {
  description             = "data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  is_enabled              = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "k" {
  name          = "alias/h6-data"
  target_key_id = aws_kms_key.k.key_id
}

resource "aws_s3_bucket" "b" {
  bucket = "h6-data"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}

resource "aws_cloudtrail" "t" {
  name                          = "h6-trail"
  s3_bucket_name                = aws_s3_bucket.b.id
  kms_key_id                    = aws_kms_key.k.arn
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  enable_logging                = true
  include_global_service_events = true
}

resource "aws_iam_role" "bg" {
  name                 = "breakglass-ops"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/secops" }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "bg" {
  name = "breakglass-ops"
  role = aws_iam_role.bg.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["s3:GetObject", "kms:Decrypt"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = "2026-12-02T18:30:00Z" } }
    }]
  })
}
