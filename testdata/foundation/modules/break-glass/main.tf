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

data "aws_iam_policy_document" "emergency_access" {
  statement {
    sid       = "TimeBoxedEmergencyAccess"
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]

    # The grant dies by itself at the expiry; renewing it requires a reviewed
    # change to access_expires_at.
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [var.access_expires_at]
    }
  }
}

resource "aws_iam_policy" "emergency_access" {
  name        = var.policy_name
  description = "Time-boxed administrative access for the break-glass role (expires ${var.access_expires_at})."
  policy      = data.aws_iam_policy_document.emergency_access.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "emergency_access" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.emergency_access.arn
}
