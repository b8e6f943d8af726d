variable "trail" {
  type = object({
    name           = string
    enable_logging = optional(bool, true)
    multi_region   = optional(bool, true)
  })
  default = { name = "org-audit" }
}

resource "aws_kms_key" "trail" {
  description         = "cloudtrail"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "this" {
  name                          = var.trail.name
  s3_bucket_name                = "acme-audit-logs"
  kms_key_id                    = aws_kms_key.trail.arn
  enable_logging                = var.trail.enable_logging
  is_multi_region_trail         = var.trail.multi_region
  enable_log_file_validation    = true
  include_global_service_events = true
}
