# An organization trail through count-based wrapper modules: a key from the
# kms module, multi-Region, log validation, global service events.

variable "account_id" {
  type    = string
  default = "111122223333"
}

module "trail_key" {
  source = "./modules/kms"

  description = "Organization trail"
  account_id  = var.account_id
  aliases     = ["northwind/cloudtrail"]
}

module "cloudtrail" {
  source = "./modules/cloudtrail"

  name                          = "northwind-org"
  s3_bucket_name                = "northwind-cloudtrail-${var.account_id}"
  is_multi_region_trail         = true
  include_global_service_events = true
  is_organization_trail         = true
  kms_key_arn                   = module.trail_key.key_arn
}
