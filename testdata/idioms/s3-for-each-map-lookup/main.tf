# Buckets from one map variable, with per-bucket settings read with lookup()
# and try(): versioning only where the map asks for it, KMS with the bucket's
# own key when one is given (otherwise the AWS-managed aws/s3 key).

variable "buckets" {
  type = any
  default = {
    invoices = {
      versioning = "Enabled"
      kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/3f0c2a8e-5d4b-4b8e-9d7a-1c2e3f4a5b6c"
    }
    thumbnails = {
      versioning = "Suspended"
    }
    exports = {}
  }
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets

  bucket = "northwind-${each.key}"
  tags   = { Name = each.key }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = { for name, cfg in var.buckets : name => cfg if lookup(cfg, "versioning", null) != null }

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = each.value.versioning
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = try(var.buckets[each.key].kms_key_id, null)
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
