variable "region" {
  description = "Home region of the foundation stack."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Environment name, used in resource names (acme-<environment>-...)."
  type        = string
}

variable "account_id" {
  description = "AWS account ID of this environment. Passed in rather than looked up so key and bucket policies can be rendered at plan time."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12 digit AWS account ID."
  }
}

variable "cloudtrail_enable_logging" {
  description = "Whether the audit trail records events."
  type        = bool
  default     = true
}

variable "break_glass_trusted_principal_arns" {
  description = "Principals allowed to assume the break-glass role (MFA still required)."
  type        = list(string)
}

variable "security_contact" {
  description = "Pager address of the on-call security engineer, tagged on the break-glass role. Treated as a secret: it must not show up in CLI output or reports."
  type        = string
  sensitive   = true
}

variable "break_glass_access_hours" {
  description = "Hours the break-glass policy grants access after the plan."
  type        = number
  default     = 3
}
