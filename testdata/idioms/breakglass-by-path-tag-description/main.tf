# Roles with plain names that are break-glass by their path, a tag value, a
# tag key or their description.

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  oncall = "arn:aws:iam::${var.account_id}:role/oncall"

  trust_mfa = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = local.oncall }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })

  trust_plain = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = local.oncall }
    }]
  })
}

resource "aws_iam_role" "by_path" {
  name               = "ops-admin"
  path               = "/break-glass/"
  assume_role_policy = local.trust_plain
}

resource "aws_iam_role" "by_tag_value" {
  name                 = "ops-restore"
  assume_role_policy   = local.trust_mfa
  max_session_duration = 43200

  tags = {
    Purpose = "emergency-access"
  }
}

resource "aws_iam_role" "by_description" {
  name               = "ops-diagnostics"
  description        = "Incident response access for the on-call engineer"
  assume_role_policy = local.trust_mfa
}

resource "aws_iam_role_policy" "by_description" {
  name = "diagnostics"
  role = aws_iam_role.by_description.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["logs:StartQuery", "logs:GetQueryResults"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } }
    }]
  })
}

resource "aws_iam_role" "by_tag_key" {
  name               = "ops-network"
  assume_role_policy = local.trust_mfa

  tags = {
    BreakGlass = "true"
  }
}

resource "aws_iam_role_policy" "by_tag_key" {
  name = "network"
  role = aws_iam_role.by_tag_key.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ec2:ReplaceRoute", "ec2:DescribeRouteTables"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "24h") } }
    }]
  })
}
