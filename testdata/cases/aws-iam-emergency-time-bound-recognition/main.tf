# None of these names says break-glass; path, description and a tag do.

resource "aws_iam_policy" "by_path" {
  name = "ops-console"
  path = "/break-glass/"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:StopInstances"], Resource = "*" }
    ]
  })
}

resource "aws_iam_policy" "by_description" {
  name        = "ops-logs"
  description = "Incident response: read application logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["logs:GetLogEvents"], Resource = "*" }
    ]
  })
}

resource "aws_iam_policy" "by_tag" {
  name = "ops-rds"
  tags = {
    Access = "breakglass"
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["rds:RebootDBInstance"], Resource = "*" }
    ]
  })
}

resource "aws_iam_policy" "ordinary" {
  name = "ops-readonly"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:DescribeInstances"], Resource = "*" }
    ]
  })
}
