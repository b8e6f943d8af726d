# count.index picks the matching bucket instance for every sub-resource.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "edge" {
  count  = 2
  bucket = "acme-edge-${count.index}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "edge" {
  count  = 2
  bucket = aws_s3_bucket.edge[count.index].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "edge" {
  count                   = 2
  bucket                  = aws_s3_bucket.edge[count.index].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "edge" {
  count  = 2
  bucket = aws_s3_bucket.edge[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}
