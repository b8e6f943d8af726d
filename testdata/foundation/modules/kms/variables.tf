variable "alias" {
  description = "Alias name without the alias/ prefix, e.g. acme-prod-state."
  type        = string

  validation {
    condition     = !startswith(var.alias, "alias/")
    error_message = "Pass the alias without the alias/ prefix; the module adds it."
  }
}

variable "description" {
  description = "Human readable description stored on the key."
  type        = string
}

variable "enable_key_rotation" {
  description = "Turn on automatic rotation of the key material. Leave this on: the security baseline requires it."
  type        = bool
  default     = true
}

variable "rotation_period_in_days" {
  description = "Days between automatic rotations (90-2560). Null keeps the AWS default of 365."
  type        = number
  default     = null
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled key deletion completes (7-30)."
  type        = number
  default     = 30
}

variable "is_enabled" {
  description = "Whether the key can be used for cryptographic operations."
  type        = bool
  default     = true
}

variable "policy" {
  description = "Key policy JSON. Null lets AWS apply the default policy (account root has full access)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags for the key."
  type        = map(string)
  default     = {}
}

variable "account_id" {
  description = "AWS account that owns the key (its root gets the default key policy)."
  type        = string
}
