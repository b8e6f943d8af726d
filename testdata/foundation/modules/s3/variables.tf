variable "bucket_name" {
  description = "Globally unique bucket name."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed KMS key used for default bucket encryption."
  type        = string
  default     = null
}

variable "encryption_enabled" {
  description = "Create the default server-side encryption configuration. Only turn this off for buckets whose encryption is managed elsewhere."
  type        = bool
  default     = true
}

variable "versioning_enabled" {
  description = "Keep every object version (Enabled) instead of suspending versioning."
  type        = bool
  default     = true
}

variable "attach_policy" {
  description = "Attach var.policy as the bucket policy. A separate flag so the count is known at plan time even when the policy JSON is not."
  type        = bool
  default     = false
}

variable "policy" {
  description = "Bucket policy JSON, used when attach_policy is true."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a bucket that still holds objects. Never true in prod."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags for the bucket."
  type        = map(string)
  default     = {}
}
