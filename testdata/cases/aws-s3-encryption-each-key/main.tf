# for_each over a set with aws_s3_bucket.b[each.key] links instance to instance.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
locals {
  names = toset(["build", "release"])
}

resource "aws_s3_bucket" "artifacts" {
  for_each = local.names
  bucket   = "acme-artifacts-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  for_each = local.names
  bucket   = aws_s3_bucket.artifacts[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
