# Emergency roles whose policies are given through managed_policy_arns and
# aws_iam_policy_attachment: a viewer with an AWS-managed job function, an
# operator with a time-bounded customer policy, and one with PowerUserAccess.

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:role/oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = true } }
    }]
  })
}

resource "aws_iam_role" "viewer" {
  name                = "emergency-viewer"
  assume_role_policy  = local.trust
  managed_policy_arns = ["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]
}

resource "aws_iam_policy" "operator" {
  name = "emergency-operator-access"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ec2:StopInstances", "ec2:StartInstances", "ec2:DescribeInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "3h") } }
    }]
  })
}

resource "aws_iam_role" "operator" {
  name               = "emergency-operator"
  assume_role_policy = local.trust
}

resource "aws_iam_policy_attachment" "operator" {
  name       = "emergency-operator"
  policy_arn = aws_iam_policy.operator.arn
  roles      = [aws_iam_role.operator.name]
}

resource "aws_iam_role" "power" {
  name               = "emergency-power"
  assume_role_policy = local.trust
}

resource "aws_iam_policy_attachment" "power" {
  name       = "emergency-power"
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
  roles      = [aws_iam_role.power.name]
}
