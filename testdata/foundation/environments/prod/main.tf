# Secure foundation for the acme prod account: KMS keys, state storage, audit
# logging, shared buckets and break-glass access.

locals {
  name_prefix = "acme-${var.environment}"

  trail_name = "${local.name_prefix}-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:${var.region}:${var.account_id}:trail/${local.trail_name}"

  # One customer-managed key per purpose. The keys of this map must match the
  # keys of local.buckets: each bucket is encrypted with the key of the same
  # name (module.kms[each.key]).
  kms_keys = {
    state = {
      description             = "Terraform state bucket and lock table"
      enable_key_rotation     = true
      rotation_period_in_days = null # AWS default, 365 days
    }
    logs = {
      description             = "CloudTrail and access log archives"
      enable_key_rotation     = true
      rotation_period_in_days = 365
    }
    data = {
      description             = "Application data lake"
      enable_key_rotation     = true
      rotation_period_in_days = 180
    }
  }

  buckets = {
    state = {
      name               = "${local.name_prefix}-terraform-state"
      encryption_enabled = true
    }
    logs = {
      name               = "${local.name_prefix}-cloudtrail-logs"
      encryption_enabled = true
    }
    data = {
      name               = "${local.name_prefix}-data-lake"
      encryption_enabled = true
    }
  }
}

# ---------------------------------------------------------------------------
# KMS
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "EnableRootAccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }

  statement {
    sid       = "AllowCloudTrailToEncryptLogs"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:${var.account_id}:trail/*"]
    }
  }

  statement {
    sid       = "AllowCloudTrailToDescribeKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

module "kms" {
  source   = "../../modules/kms"
  for_each = local.kms_keys

  account_id              = var.account_id
  alias                   = "${local.name_prefix}-${each.key}"
  description             = "${local.name_prefix}: ${each.value.description}"
  enable_key_rotation     = each.value.enable_key_rotation
  rotation_period_in_days = each.value.rotation_period_in_days

  # Only the logs key needs extra grants (CloudTrail); the others keep the
  # default key policy.
  policy = each.key == "logs" ? data.aws_iam_policy_document.logs_key.json : null
}

# ---------------------------------------------------------------------------
# Terraform state: bucket (module.buckets["state"]) and lock table
# ---------------------------------------------------------------------------

resource "aws_dynamodb_table" "terraform_locks" {
  name                        = "${local.name_prefix}-terraform-locks"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "LockID"
  deletion_protection_enabled = true

  attribute {
    name = "LockID"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = module.kms["state"].key_arn
  }

  point_in_time_recovery {
    enabled = true
  }
}

# ---------------------------------------------------------------------------
# Shared buckets (state, CloudTrail logs, data lake)
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "cloudtrail_bucket" {
  statement {
    sid       = "AWSCloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:aws:s3:::${local.buckets.logs.name}"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "AWSCloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${local.buckets.logs.name}/cloudtrail/AWSLogs/${var.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:aws:s3:::${local.buckets.logs.name}",
      "arn:aws:s3:::${local.buckets.logs.name}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

module "buckets" {
  source   = "../../modules/s3"
  for_each = local.buckets

  bucket_name        = each.value.name
  kms_key_arn        = module.kms[each.key].key_arn
  encryption_enabled = each.value.encryption_enabled

  attach_policy = each.key == "logs"
  policy        = each.key == "logs" ? data.aws_iam_policy_document.cloudtrail_bucket.json : null
}

# ---------------------------------------------------------------------------
# Audit trail
# ---------------------------------------------------------------------------

module "cloudtrail" {
  source = "../../modules/cloudtrail"

  name           = local.trail_name
  s3_bucket_name = module.buckets["logs"].bucket_id
  s3_key_prefix  = "cloudtrail"
  kms_key_id     = module.kms["logs"].key_arn
  enable_logging = var.cloudtrail_enable_logging

  # CloudTrail checks the bucket policy when the trail is created.
  depends_on = [module.buckets]
}

# ---------------------------------------------------------------------------
# Access-log archives (web and api edges). The log shipper (Firehose) writes
# here, one bucket per edge.
# ---------------------------------------------------------------------------

resource "aws_s3_bucket" "access_logs" {
  count = 2

  bucket = "${local.name_prefix}-access-logs-${["web", "api"][count.index]}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  count = 2

  bucket = aws_s3_bucket.access_logs[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.kms["logs"].key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "access_logs" {
  count = length(aws_s3_bucket.access_logs)

  bucket = aws_s3_bucket.access_logs[count.index].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  count = length(aws_s3_bucket.access_logs)

  bucket = aws_s3_bucket.access_logs[count.index].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ---------------------------------------------------------------------------
# CI/CD artifact buckets
# ---------------------------------------------------------------------------

resource "aws_s3_bucket" "artifacts" {
  for_each = toset(["build", "release"])

  bucket = "${local.name_prefix}-${each.key}-artifacts"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  for_each = aws_s3_bucket.artifacts

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.kms["data"].key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "artifacts" {
  for_each = aws_s3_bucket.artifacts

  bucket = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  for_each = aws_s3_bucket.artifacts

  bucket = each.value.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ---------------------------------------------------------------------------
# Audit exports for the external auditors
# ---------------------------------------------------------------------------

resource "aws_s3_bucket" "audit_exports" {
  bucket = "acme-prod-audit-exports"
}

# This configuration was imported from a console-created setup and still names
# the bucket literally instead of referencing aws_s3_bucket.audit_exports.
resource "aws_s3_bucket_server_side_encryption_configuration" "audit_exports" {
  bucket = "acme-prod-audit-exports"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.kms["logs"].key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "audit_exports" {
  bucket = aws_s3_bucket.audit_exports.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "audit_exports" {
  bucket = aws_s3_bucket.audit_exports.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ---------------------------------------------------------------------------
# Break-glass access
# ---------------------------------------------------------------------------

module "break_glass" {
  source = "../../modules/break-glass"

  trusted_principal_arns = var.break_glass_trusted_principal_arns
  access_hours           = var.break_glass_access_hours
}
