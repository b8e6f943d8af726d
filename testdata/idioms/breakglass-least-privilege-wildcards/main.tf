# A database break-glass role with several role policies, some using
# service-wide wildcards in different spellings, and a narrowly scoped
# network break-glass role.

locals {
  bound = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } }

  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/dba-oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })

  db_policies = {
    rds-all = {
      Effect = "Allow", Action = "rds:*", Resource = "*", Condition = local.bound
    }
    s3-upper = {
      Effect = "Allow", Action = ["S3:*"], Resource = "arn:aws:s3:::northwind-db-dumps/*", Condition = local.bound
    }
    describe-prefix = {
      Effect = "Allow", Action = ["rds:Describe*", "ec2:Describe*"], Resource = "*", Condition = local.bound
    }
    everything-but-iam = {
      Effect = "Allow", NotAction = ["iam:*"], Resource = "*", Condition = local.bound
    }
  }
}

resource "aws_iam_role" "db" {
  name               = "break-glass-db"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy" "db" {
  for_each = local.db_policies

  name = each.key
  role = aws_iam_role.db.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [each.value]
  })
}

resource "aws_iam_role" "network" {
  name               = "break-glass-network"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy" "network" {
  name = "routes"
  role = aws_iam_role.network.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ec2:ReplaceRoute", "ec2:Describe*"]
      Resource  = "*"
      Condition = local.bound
    }]
  })
}
