# Statement lists versus a single statement object.

resource "aws_iam_role" "two_doors" {
  name = "break-glass-two-doors"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Oncall"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
      },
      {
        Sid       = "Automation"
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { AWS = ["arn:aws:iam::111122223333:role/acme-runbook-bot"] }
      }
    ]
  })
}

resource "aws_iam_role" "fresh_mfa" {
  name               = "break-glass-fresh-mfa"
  assume_role_policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"AWS": ["arn:aws:iam::111122223333:role/acme-oncall", "arn:aws:iam::111122223333:role/acme-sre"]},
        "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "900"}}
      }
    }
  JSON
}
