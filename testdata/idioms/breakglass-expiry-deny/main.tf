# Break-glass grants that end by an explicit Deny: after a time within the
# emergency window, a Deny of everything on every resource overrides the
# Allow, the way runbooks often write an expiry. A Deny that covers only
# some of the Allow's actions leaves the others open for good.

locals {
  expires_at = timeadd(plantimestamp(), "2h")
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/oncall"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "breakglass" {
  name               = "breakglass-ec2"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "ec2" {
  name = "ec2-recovery"
  role = aws_iam_role.breakglass.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Recover", Effect = "Allow", Action = ["ec2:StartInstances", "ec2:RebootInstances"], Resource = "*" },
      { Sid = "Expire", Effect = "Deny", Action = "*", Resource = "*", Condition = { DateGreaterThan = { "aws:CurrentTime" = local.expires_at } } },
    ]
  })
}

resource "aws_iam_role" "incident" {
  name               = "incident-s3"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "s3_and_logs" {
  name = "s3-and-logs"
  role = aws_iam_role.incident.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["s3:GetObject", "logs:GetLogEvents"], Resource = "*" },
      { Sid = "Expire", Effect = "Deny", Action = "s3:*", Resource = "*", Condition = { DateGreaterThan = { "aws:CurrentTime" = local.expires_at } } },
    ]
  })
}
