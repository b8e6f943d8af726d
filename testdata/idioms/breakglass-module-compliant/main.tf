# A break-glass role from the assumable-role module: trusted by the security
# account's responders behind MFA, one-hour sessions, and an inline policy
# that expires two hours after this plan was made.

variable "security_account_id" {
  type    = string
  default = "999988887777"
}

locals {
  access_expires_at = timeadd(plantimestamp(), "2h")
}

data "aws_iam_policy_document" "break_glass_ops" {
  statement {
    sid = "RestoreService"
    actions = [
      "ec2:StartInstances",
      "ec2:RebootInstances",
      "ecs:UpdateService",
      "autoscaling:SetDesiredCapacity",
    ]
    resources = ["*"]

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.access_expires_at]
    }
  }

  statement {
    sid       = "ReadDiagnostics"
    actions   = ["logs:GetLogEvents", "logs:FilterLogEvents", "cloudwatch:GetMetricData"]
    resources = ["*"]

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.access_expires_at]
    }
  }
}

module "break_glass" {
  source = "./modules/iam-assumable-role"

  role_name            = "break-glass-admin"
  role_path            = "/"
  role_description     = "Responder access during a declared outage"
  max_session_duration = 3600

  trusted_role_arns = [
    "arn:aws:iam::${var.security_account_id}:role/responders",
  ]
  role_requires_mfa = true
  mfa_age           = 900

  inline_policies = {
    break-glass-ops = data.aws_iam_policy_document.break_glass_ops.json
  }
}
