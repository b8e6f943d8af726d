# The last replica has versioning suspended.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "replica" {
  count  = 3
  bucket = "acme-replica-${count.index}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "replica" {
  count  = 3
  bucket = aws_s3_bucket.replica[count.index].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "replica" {
  count                   = 3
  bucket                  = aws_s3_bucket.replica[count.index].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "replica" {
  count  = 3
  bucket = aws_s3_bucket.replica[count.index].id
  versioning_configuration {
    status = count.index == 2 ? "Suspended" : "Enabled"
  }
}
