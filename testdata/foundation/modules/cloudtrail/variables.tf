variable "name" {
  description = "Trail name."
  type        = string
}

variable "s3_bucket_name" {
  description = "Bucket that receives the log files. Its policy must allow cloudtrail.amazonaws.com to write."
  type        = string
}

variable "s3_key_prefix" {
  description = "Prefix for log objects inside the bucket."
  type        = string
  default     = null
}

variable "kms_key_id" {
  description = "ARN of the KMS key used to encrypt log files."
  type        = string
}

variable "is_multi_region_trail" {
  description = "Record events from every region, not just the home region."
  type        = bool
  default     = true
}

variable "enable_log_file_validation" {
  description = "Write signed digest files so tampering with logs can be detected."
  type        = bool
  default     = true
}

variable "enable_logging" {
  description = "Whether the trail is recording. Turning this off is an audit finding."
  type        = bool
  default     = true
}

variable "include_global_service_events" {
  description = "Record IAM, STS and other global service events."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags for the trail."
  type        = map(string)
  default     = {}
}
