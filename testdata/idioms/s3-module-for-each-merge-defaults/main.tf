# A module called with for_each over buckets whose settings are merge()d over
# shared defaults; the KMS key falls back with coalesce() to a default key.

resource "aws_kms_key" "default" {
  description         = "Default bucket key"
  enable_key_rotation = true
}

resource "aws_kms_key" "ledger" {
  description         = "Ledger bucket key"
  enable_key_rotation = true
}

locals {
  bucket_defaults = {
    versioning          = true
    sse_algorithm       = "aws:kms"
    kms_key_arn         = null
    block_public_policy = true
  }

  bucket_overrides = {
    media = {
      sse_algorithm = "AES256"
    }
    ledger = {
      kms_key_arn = aws_kms_key.ledger.arn
    }
    public-site = {
      versioning          = false
      block_public_policy = false
    }
  }

  buckets = { for name, cfg in local.bucket_overrides : name => merge(local.bucket_defaults, cfg) }
}

module "bucket" {
  source   = "./modules/s3-bucket"
  for_each = local.buckets

  bucket = "northwind-${each.key}"

  versioning = {
    enabled = each.value.versioning
  }

  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm     = each.value.sse_algorithm
        kms_master_key_id = each.value.sse_algorithm == "aws:kms" ? coalesce(each.value.kms_key_arn, aws_kms_key.default.arn) : null
      }
    }
  }

  block_public_policy = each.value.block_public_policy
}
