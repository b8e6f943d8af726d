# restrict_public_buckets comes from the map value.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

locals {
  sites = {
    internal = true
    partner  = false
  }
}

resource "aws_s3_bucket" "site" {
  for_each = local.sites
  bucket   = "acme-site-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "site" {
  for_each                = local.sites
  bucket                  = aws_s3_bucket.site[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = each.value
}

resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  for_each = local.sites
  bucket   = aws_s3_bucket.site[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "site" {
  for_each = local.sites
  bucket   = aws_s3_bucket.site[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}
