# aws_iam_policy_attachment (the exclusive attachment) used to hand a
# customer policy and an AWS-managed policy to roles, users and groups.

resource "aws_iam_role" "ops" {
  name = "ops-automation"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::222233334444:role/ops-runner" }
    }]
  })
}

resource "aws_iam_role" "legacy_ops" {
  name = "legacy-ops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::222233334444:role/legacy-runner" }
    }]
  })
}

resource "aws_iam_role" "reader" {
  name = "bucket-reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_user" "oncall_bot" {
  name = "oncall-bot"
}

resource "aws_iam_policy" "ops_everything" {
  name = "ops-everything"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Everything"
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "s3_reader" {
  name = "s3-reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::northwind-reports", "arn:aws:s3:::northwind-reports/*"]
    }]
  })
}

resource "aws_iam_policy_attachment" "ops_everything" {
  name       = "ops-everything"
  policy_arn = aws_iam_policy.ops_everything.arn
  roles      = [aws_iam_role.ops.name]
  users      = [aws_iam_user.oncall_bot.name]
  groups     = [aws_iam_group.operators.name]
}

resource "aws_iam_policy_attachment" "legacy_admin" {
  name       = "legacy-admin"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  roles      = [aws_iam_role.legacy_ops.name]
}

resource "aws_iam_policy_attachment" "s3_reader" {
  name       = "s3-reader"
  policy_arn = aws_iam_policy.s3_reader.arn
  roles      = [aws_iam_role.reader.name]
}
