# Emergency-ness comes from the attachment, not the policy's name.

resource "aws_iam_role" "breakglass" {
  name = "breakglass-dba"
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

resource "aws_iam_role" "reporting" {
  name = "acme-reporting"
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

resource "aws_iam_policy" "dba" {
  name = "acme-db-restore"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["rds:RestoreDBInstanceFromDBSnapshot"], Resource = "*" }
    ]
  })
}

resource "aws_iam_policy" "reports" {
  name = "acme-db-reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["rds:DescribeDBInstances"], Resource = "*" }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "dba" {
  role       = aws_iam_role.breakglass.name
  policy_arn = aws_iam_policy.dba.arn
}

resource "aws_iam_role_policy_attachment" "reports" {
  role       = aws_iam_role.reporting.name
  policy_arn = aws_iam_policy.reports.arn
}
