# A local holds aws_s3_bucket.feed.id (known only after apply).

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

locals {
  feed_id = aws_s3_bucket.feed.id
}

resource "aws_s3_bucket" "feed" {
  bucket = "acme-partner-feed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "feed" {
  bucket = local.feed_id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
