variable "name" {
  type = string
}

variable "bucket" {
  type = string
}

variable "key_arn" {
  type = string
}

variable "logging" {
  type = bool
}

resource "aws_cloudtrail" "this" {
  name                       = var.name
  s3_bucket_name             = var.bucket
  enable_logging             = var.logging
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.key_arn
}
