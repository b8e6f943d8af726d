# Buckets and their settings both built from "acme-shard-${count.index}".

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "shard" {
  count  = 2
  bucket = "acme-shard-${count.index}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shard" {
  count  = 2
  bucket = "acme-shard-${count.index}"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "shard" {
  count                   = 2
  bucket                  = "acme-shard-${count.index}"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "shard" {
  count  = 2
  bucket = "acme-shard-${count.index}"
  versioning_configuration {
    status = "Enabled"
  }
}
