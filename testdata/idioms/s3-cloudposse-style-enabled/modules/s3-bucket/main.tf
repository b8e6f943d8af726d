# Bucket module in the label/context style: one enabled flag, resources with
# count = local.enabled ? 1 : 0, sub-resources addressed through join("", ...)
# and one(...) of the splat.

module "this" {
  source = "../label"

  enabled   = var.enabled
  namespace = var.namespace
  stage     = var.stage
  name      = var.name
}

locals {
  enabled     = module.this.enabled
  bucket_id   = join("", aws_s3_bucket.default[*].id)
  bucket_arn  = one(aws_s3_bucket.default[*].arn)
  sse_enabled = var.sse_algorithm != null
}

resource "aws_s3_bucket" "default" {
  count = local.enabled ? 1 : 0

  bucket        = module.this.id
  force_destroy = var.force_destroy
  tags          = module.this.tags
}

resource "aws_s3_bucket_versioning" "default" {
  count = local.enabled ? 1 : 0

  bucket = local.bucket_id

  versioning_configuration {
    status = var.versioning_enabled ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "default" {
  count = local.enabled ? 1 : 0

  bucket = local.bucket_id

  dynamic "rule" {
    for_each = local.sse_enabled ? [var.sse_algorithm] : []

    content {
      bucket_key_enabled = var.bucket_key_enabled

      apply_server_side_encryption_by_default {
        sse_algorithm     = rule.value
        kms_master_key_id = var.kms_master_key_arn
      }
    }
  }
}

resource "aws_s3_bucket_public_access_block" "default" {
  count = local.enabled ? 1 : 0

  bucket = local.bucket_id

  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}

resource "aws_s3_bucket_acl" "default" {
  count = local.enabled && var.acl != null ? 1 : 0

  bucket = local.bucket_id
  acl    = var.acl
}

data "aws_iam_policy_document" "bucket_policy" {
  count = local.enabled && var.allow_ssl_requests_only ? 1 : 0

  statement {
    sid       = "ForceSSLOnlyAccess"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]

    principals {
      identifiers = ["*"]
      type        = "*"
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "default" {
  count = local.enabled && var.allow_ssl_requests_only ? 1 : 0

  bucket = local.bucket_id
  policy = one(data.aws_iam_policy_document.bucket_policy[*].json)
}

output "bucket_id" {
  value = local.enabled ? local.bucket_id : ""
}
