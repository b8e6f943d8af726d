locals {
  until = timeadd(plantimestamp(), "1h")
}

# 1. break-glass IAM *user* (common pattern: sealed credentials in a safe)
resource "aws_iam_user" "breakglass" {
  name = "breakglass-admin"
  tags = { Purpose = "break-glass" }
}

resource "aws_iam_user_policy" "ops" {
  name = "ops"
  user = aws_iam_user.breakglass.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:*", "kms:*"], Resource = "*" }]
  })
}

# 2. break-glass role: MFA enforced with the documented Deny + BoolIfExists "false" pattern
resource "aws_iam_role" "deny_pattern" {
  name = "emergency-deny-pattern"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { AWS = "arn:aws:iam::111122223333:role/secops" }
      },
      {
        Effect    = "Deny"
        Action    = "sts:AssumeRole"
        Principal = { AWS = "*" }
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      }
    ]
  })
}

resource "aws_iam_role_policy" "deny_pattern" {
  name = "grant"
  role = aws_iam_role.deny_pattern.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ec2:StopInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = local.until } }
    }]
  })
}

# 3. break-glass role: bound expressed on aws:EpochTime (valid IAM), far future
resource "aws_iam_role" "epoch" {
  name = "incident-epoch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "epoch" {
  name = "grant"
  role = aws_iam_role.epoch.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:StopInstances"]
      Resource = "*"
      Condition = {
        DateLessThan = { "aws:CurrentTime" = local.until }
      }
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:TerminateInstances"]
        Resource = "*"
        Condition = {
          DateLessThan = { "aws:CurrentTime" = local.until, "aws:EpochTime" = "4102444800" }
        }
    }]
  })
}

# 4. break-glass role trusted only by a service that users can drive (PassRole)
resource "aws_iam_role" "lambda_bg" {
  name = "breakglass-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "lambda_bg" {
  name = "grant"
  role = aws_iam_role.lambda_bg.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:*"], Resource = "*" }]
  })
}
