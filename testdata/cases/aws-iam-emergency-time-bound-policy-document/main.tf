# Both documents come from data sources.

data "aws_iam_policy_document" "bounded" {
  statement {
    sid       = "Reboot"
    actions   = ["ec2:RebootInstances"]
    resources = ["*"]
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2026-11-28T15:00:00Z"]
    }
  }
}

data "aws_iam_policy_document" "unbounded" {
  statement {
    sid       = "Snapshot"
    actions   = ["rds:CreateDBSnapshot"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "break_glass" {
  name = "break-glass-operator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "bounded" {
  name   = "reboot"
  role   = aws_iam_role.break_glass.id
  policy = data.aws_iam_policy_document.bounded.json
}

resource "aws_iam_policy" "unbounded" {
  name   = "emergency-snapshot"
  policy = data.aws_iam_policy_document.unbounded.json
}
