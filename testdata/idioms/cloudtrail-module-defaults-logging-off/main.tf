# Trails that keep the module's defaults (single-Region, no KMS key): a
# sandbox trail switched off by a variable and a regional audit trail.

variable "sandbox_trail_logging" {
  type    = bool
  default = false
}

module "sandbox_trail" {
  source = "./modules/cloudtrail"

  name           = "northwind-sandbox"
  s3_bucket_name = "northwind-sandbox-trail"
  enable_logging = var.sandbox_trail_logging
}

module "regional_trail" {
  source = "./modules/cloudtrail"

  name                       = "northwind-eu-regional"
  s3_bucket_name             = "northwind-eu-trail"
  enable_log_file_validation = false
}
