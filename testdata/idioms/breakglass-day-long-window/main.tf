# Two break-glass roles side by side. BreakGlassRole gets a customer-managed
# policy whose grant runs for a day after the plan; "breakglass" gets an
# inline role policy limited to two hours.

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  mfa_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnCallWithMfa"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:role/oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role" "day_long" {
  name               = "BreakGlassRole"
  assume_role_policy = local.mfa_trust
}

resource "aws_iam_policy" "day_long" {
  name = "BreakGlassRestore"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "RestoreDatabases"
      Effect   = "Allow"
      Action   = ["rds:RestoreDBInstanceToPointInTime", "rds:DescribeDBInstances"]
      Resource = "*"
      Condition = {
        DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "24h") }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "day_long" {
  role       = aws_iam_role.day_long.name
  policy_arn = aws_iam_policy.day_long.arn
}

resource "aws_iam_role" "two_hours" {
  name               = "breakglass"
  assume_role_policy = local.mfa_trust
}

resource "aws_iam_role_policy" "two_hours" {
  name = "restore"
  role = aws_iam_role.two_hours.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "RestoreDatabases"
      Effect   = "Allow"
      Action   = ["rds:RestoreDBInstanceToPointInTime", "rds:DescribeDBInstances"]
      Resource = "*"
      Condition = {
        DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") }
      }
    }]
  })
}
