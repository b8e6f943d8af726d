# Names alone would not reveal these roles.

resource "aws_iam_role" "tagged" {
  name = "ops-oncall-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
    }]
  })
  tags = {
    Purpose = "break-glass"
  }
}

resource "aws_iam_role" "pathed" {
  name = "ops-db-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
  path = "/emergency/"
}

resource "aws_iam_role" "ci" {
  name = "acme-ci-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
    }]
  })
}
