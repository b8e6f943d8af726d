# Trails from a map, settings read with lookup() over a defaults map merged
# in; the key is given per trail or left out.

variable "trail_key_arn" {
  type    = string
  default = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
}

locals {
  trail_defaults = {
    multi_region = true
    validation   = true
    logging      = true
  }

  trails = {
    management = { kms = true }
    security-lake = { kms = true, validation = false }
    data-events = { kms = false }
    eu-only = { kms = true, multi_region = false }
  }
}

resource "aws_cloudtrail" "this" {
  for_each = { for name, cfg in local.trails : name => merge(local.trail_defaults, cfg) }

  name                       = "northwind-${each.key}"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  s3_key_prefix              = each.key
  enable_logging             = lookup(each.value, "logging", true)
  is_multi_region_trail      = lookup(each.value, "multi_region", false)
  enable_log_file_validation = lookup(each.value, "validation", false)
  kms_key_id                 = each.value.kms ? var.trail_key_arn : null
}
