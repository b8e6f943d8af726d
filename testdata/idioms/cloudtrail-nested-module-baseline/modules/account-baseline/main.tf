# Account baseline that wraps the trail module; each account passes its own
# switches.

variable "account_name" {
  type = string
}

variable "trail_enabled" {
  type    = bool
  default = true
}

variable "trail_kms_key_arn" {
  type    = string
  default = null
}

variable "multi_region" {
  type    = bool
  default = true
}

module "trail" {
  source = "../cloudtrail"

  enabled                       = var.trail_enabled
  name                          = "${var.account_name}-baseline"
  s3_bucket_name                = "northwind-baseline-trails"
  s3_key_prefix                 = var.account_name
  is_multi_region_trail         = var.multi_region
  include_global_service_events = var.multi_region
  kms_key_arn                   = var.trail_kms_key_arn
}
