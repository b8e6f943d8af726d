variable "create" {
  type    = bool
  default = true
}

variable "create_external" {
  type    = bool
  default = false
}

variable "create_replica" {
  type    = bool
  default = false
}

variable "description" {
  type    = string
  default = null
}

variable "key_usage" {
  type    = string
  default = null
}

variable "customer_master_key_spec" {
  description = "Key spec; null means SYMMETRIC_DEFAULT."
  type        = string
  default     = null
}

variable "is_enabled" {
  type    = bool
  default = null
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

variable "rotation_period_in_days" {
  type    = number
  default = null
}

variable "deletion_window_in_days" {
  type    = number
  default = null
}

variable "multi_region" {
  type    = bool
  default = false
}

variable "key_material_base64" {
  type      = string
  default   = null
  sensitive = true
}

variable "valid_to" {
  type    = string
  default = null
}

variable "primary_key_arn" {
  type    = string
  default = null
}

variable "policy" {
  description = "A complete key policy; when null the module builds one."
  type        = string
  default     = null
}

variable "source_policy_documents" {
  type    = list(string)
  default = []
}

variable "override_policy_documents" {
  type    = list(string)
  default = []
}

variable "key_administrators" {
  type    = list(string)
  default = []
}

variable "key_users" {
  type    = list(string)
  default = []
}

variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "partition" {
  type    = string
  default = "aws"
}

variable "aliases" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
