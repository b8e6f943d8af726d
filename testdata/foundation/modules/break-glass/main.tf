# Break-glass access: a role that can only be assumed with MFA and a policy that
# expires on its own. Using the role pages the security team (alerting lives in
# the monitoring stack, not here).

resource "aws_iam_role" "this" {
  name                 = var.role_name
  description          = "Emergency administrative access. Every assumption is reviewed."
  max_session_duration = var.max_session_duration

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowAssumeWithMFA"
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          AWS = var.trusted_principal_arns
        }
        Condition = {
          Bool = {
            "aws:MultiFactorAuthPresent" = "true"
          }
        }
      }
    ]
  })

  tags = var.tags
}

locals {
  # The grant dies by itself access_hours after the plan that created it;
  # renewing it takes a new, reviewed plan.
  access_expires_at = timeadd(plantimestamp(), "${var.access_hours}h")
}

data "aws_iam_policy_document" "emergency_access" {
  statement {
    sid       = "TimeBoxedEmergencyAccess"
    effect    = "Allow"
    actions   = var.actions
    resources = var.resources

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.access_expires_at]
    }
  }
}

resource "aws_iam_policy" "emergency_access" {
  name        = var.policy_name
  description = "Time-boxed incident access for the break-glass role (expires ${local.access_expires_at})."
  policy      = data.aws_iam_policy_document.emergency_access.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "emergency_access" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.emergency_access.arn
}
