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

variable "access_hours" {
  description = "How many hours after the plan the emergency policy keeps granting anything (aws:CurrentTime). The baseline allows at most 4."
  type        = number
  default     = 3
}

variable "actions" {
  description = "Actions the incident runbook needs. Name them: no service-wide wildcards."
  type        = list(string)
  default = [
    "ec2:DescribeInstances",
    "ec2:StartInstances",
    "ec2:StopInstances",
    "ec2:RebootInstances",
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "cloudwatch:GetMetricData",
    "ssm:StartSession",
  ]
}

variable "resources" {
  description = "Resources the emergency actions apply to."
  type        = list(string)
  default     = ["*"]
}

variable "tags" {
  description = "Extra tags for the role and the policy."
  type        = map(string)
  default     = {}
}
