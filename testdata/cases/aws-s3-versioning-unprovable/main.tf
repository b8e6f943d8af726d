# Versioning whose bucket comes from terraform_data.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "terraform_data" "bucket_name" {
  input = "acme-tf-state-eu"
}

resource "aws_s3_bucket" "state" {
  bucket = "acme-tf-state-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = terraform_data.bucket_name.output
  versioning_configuration {
    status = "Enabled"
  }
}
