variable "role_name" {
  description = "Name of the emergency role."
  type        = string
  default     = "break-glass-emergency"
}

variable "policy_name" {
  description = "Name of the managed policy granting emergency access."
  type        = string
  default     = "emergency-access"
}

variable "trusted_principal_arns" {
  description = "IAM principals (users or roles) allowed to assume the emergency role."
  type        = list(string)

  validation {
    condition     = length(var.trusted_principal_arns) > 0
    error_message = "At least one trusted principal is required."
  }
}

variable "max_session_duration" {
  description = "Maximum session length in seconds. Keep break-glass sessions short."
  type        = number
  default     = 3600
}

variable "access_expires_at" {
  description = "RFC 3339 timestamp after which the emergency policy stops granting anything (aws:CurrentTime)."
  type        = string

  validation {
    condition     = can(formatdate("YYYY-MM-DD", var.access_expires_at))
    error_message = "access_expires_at must be an RFC 3339 timestamp such as 2026-12-31T23:59:59Z."
  }
}

variable "tags" {
  description = "Extra tags for the role and the policy."
  type        = map(string)
  default     = {}
}
