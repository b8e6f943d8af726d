variable "create_role" {
  type    = bool
  default = true
}

variable "role_name" {
  type    = string
  default = null
}

variable "role_name_prefix" {
  type    = string
  default = null
}

variable "role_path" {
  type    = string
  default = "/"
}

variable "role_description" {
  type    = string
  default = ""
}

variable "max_session_duration" {
  type    = number
  default = 3600
}

variable "role_permissions_boundary_arn" {
  type    = string
  default = null
}

variable "trusted_role_arns" {
  type    = list(string)
  default = []
}

variable "role_requires_mfa" {
  type    = bool
  default = true
}

variable "mfa_condition_test" {
  description = "Condition operator used for aws:MultiFactorAuthPresent."
  type        = string
  default     = "Bool"
}

variable "mfa_age" {
  type    = number
  default = null
}

variable "custom_trust_policy" {
  type    = string
  default = null
}

variable "managed_policy_arns" {
  description = "AWS-managed (or other literal) policy ARNs to attach."
  type        = list(string)
  default     = []
}

variable "custom_role_policy_arns" {
  description = "ARNs of policies created elsewhere, attached by position."
  type        = list(string)
  default     = []
}

variable "inline_policies" {
  description = "Map of inline policy name to JSON document."
  type        = map(string)
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
