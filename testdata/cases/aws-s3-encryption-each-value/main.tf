# for_each = aws_s3_bucket.b with each.value.id links each instance to its bucket.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_s3_bucket" "media" {
  for_each = toset(["images", "video"])
  bucket   = "acme-media-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "media" {
  for_each = aws_s3_bucket.media
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
