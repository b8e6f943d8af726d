# A complete break-glass setup: the role from the assumable-role module with
# MFA and 4-hour sessions, a customer-managed policy attached through
# custom_role_policy_arns, a role policy, both bounded 3 hours after the plan;
# next to it the incident automation role for SSM Incident Manager, which is a
# service role and not break-glass.

variable "security_account_id" {
  type    = string
  default = "999988887777"
}

locals {
  window_end = timeadd(plantimestamp(), "3h")
}

data "aws_iam_policy_document" "diagnose" {
  statement {
    sid       = "Diagnose"
    actions   = ["logs:StartQuery", "logs:GetQueryResults", "xray:GetTraceSummaries"]
    resources = ["*"]

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.window_end]
    }
  }

  statement {
    sid       = "NeverTouchTrail"
    effect    = "Deny"
    actions   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "remediate" {
  statement {
    sid       = "Remediate"
    actions   = ["ecs:UpdateService", "lambda:PutFunctionConcurrency"]
    resources = ["*"]

    condition {
      test     = "DateLessThanEquals"
      variable = "aws:CurrentTime"
      values   = [local.window_end]
    }

    condition {
      test     = "DateGreaterThan"
      variable = "aws:CurrentTime"
      values   = [plantimestamp()]
    }
  }
}

resource "aws_iam_policy" "diagnose" {
  name   = "break-glass-diagnose"
  policy = data.aws_iam_policy_document.diagnose.json
}

module "break_glass" {
  source = "./modules/iam-assumable-role"

  role_name               = "break-glass-admin"
  max_session_duration    = 14400
  trusted_role_arns       = ["arn:aws:iam::${var.security_account_id}:role/responders"]
  custom_role_policy_arns = [aws_iam_policy.diagnose.arn]

  inline_policies = {
    remediate = data.aws_iam_policy_document.remediate.json
  }
}

data "aws_iam_policy_document" "incident_manager_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ssm-incidents.amazonaws.com"]
    }
  }
}

module "incident_automation" {
  source = "./modules/iam-assumable-role"

  role_name           = "incident-automation"
  role_requires_mfa   = false
  custom_trust_policy = data.aws_iam_policy_document.incident_manager_trust.json

  inline_policies = {
    run-response-plans = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ssm:StartAutomationExecution"], Resource = "*" }]
    })
  }
}
