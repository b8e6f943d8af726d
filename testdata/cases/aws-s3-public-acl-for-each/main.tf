# Canned ACL chosen per key.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

locals {
  acls = {
    assets = "public-read"
    backup = "private"
  }
}

resource "aws_s3_bucket" "web" {
  for_each = local.acls
  bucket   = "acme-web-${each.key}"
}

resource "aws_s3_bucket_ownership_controls" "web" {
  for_each = local.acls
  bucket   = aws_s3_bucket.web[each.key].id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "web" {
  for_each = local.acls
  bucket   = aws_s3_bucket.web[each.key].id
  acl      = each.value
}

resource "aws_s3_bucket_server_side_encryption_configuration" "web" {
  for_each = local.acls
  bucket   = aws_s3_bucket.web[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "web" {
  for_each                = local.acls
  bucket                  = aws_s3_bucket.web[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "web" {
  for_each = local.acls
  bucket   = aws_s3_bucket.web[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}
