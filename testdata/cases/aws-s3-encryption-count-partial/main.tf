# Encryption written for index 0 only leaves index 1 unencrypted.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "edge" {
  count  = 2
  bucket = "acme-partial-${count.index}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "edge" {
  bucket = aws_s3_bucket.edge[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
