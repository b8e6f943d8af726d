# RFC 3339 timestamps with non-Z offsets.

resource "aws_iam_policy" "berlin" {
  name = "incident-berlin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:DescribeInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T15:00:00+01:00" } } }
    ]
  })
}

resource "aws_iam_policy" "rio" {
  name = "incident-rio"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:DescribeInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T20:00:00-02:00" } } }
    ]
  })
}
