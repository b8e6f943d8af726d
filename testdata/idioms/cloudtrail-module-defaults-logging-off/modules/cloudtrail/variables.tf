variable "enabled" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "s3_bucket_name" {
  type = string
}

variable "s3_key_prefix" {
  type    = string
  default = null
}

variable "enable_logging" {
  type    = bool
  default = true
}

variable "enable_log_file_validation" {
  type    = bool
  default = true
}

variable "is_multi_region_trail" {
  type    = bool
  default = false
}

variable "include_global_service_events" {
  type    = bool
  default = false
}

variable "is_organization_trail" {
  type    = bool
  default = false
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "cloud_watch_logs_group_arn" {
  type    = string
  default = null
}

variable "cloud_watch_logs_role_arn" {
  type    = string
  default = null
}

variable "event_selector" {
  description = "Event selectors as maps (include_management_events, read_write_type, data_resource list)."
  type        = any
  default     = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
