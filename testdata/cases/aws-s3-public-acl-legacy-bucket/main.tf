# Canned ACLs set inline on the bucket (pre-4.0 style).

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "brochure" {
  acl    = "public-read"
  bucket = "acme-brochure"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "brochure" {
  bucket = aws_s3_bucket.brochure.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "brochure" {
  bucket                  = aws_s3_bucket.brochure.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "brochure" {
  bucket = aws_s3_bucket.brochure.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "contracts" {
  acl    = "private"
  bucket = "acme-contracts"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "contracts" {
  bucket = aws_s3_bucket.contracts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "contracts" {
  bucket                  = aws_s3_bucket.contracts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "contracts" {
  bucket = aws_s3_bucket.contracts.id
  versioning_configuration {
    status = "Enabled"
  }
}
