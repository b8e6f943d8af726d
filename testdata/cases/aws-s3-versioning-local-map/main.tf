# Names come from a local map; no resource references between them.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

locals {
  state_buckets = {
    primary = "acme-state-primary"
    mirror  = "acme-state-mirror"
  }
  status = {
    primary = "Enabled"
    mirror  = "Suspended"
  }
}

resource "aws_s3_bucket" "state" {
  for_each = local.state_buckets
  bucket   = each.value
}

resource "aws_s3_bucket_versioning" "state" {
  for_each = local.state_buckets
  bucket   = each.value
  versioning_configuration {
    status = local.status[each.key]
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  for_each = local.state_buckets
  bucket   = each.value
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  for_each                = local.state_buckets
  bucket                  = each.value
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
