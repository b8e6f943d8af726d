# Heredoc documents on role policies.

resource "aws_iam_role" "deploy" {
  name = "acme-deploy"
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

resource "aws_iam_role_policy" "admin" {
  name   = "admin"
  role   = aws_iam_role.deploy.id
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}
    }
  JSON
}

resource "aws_iam_role_policy" "storage" {
  name   = "storage"
  role   = aws_iam_role.deploy.id
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
    }
  JSON
}
