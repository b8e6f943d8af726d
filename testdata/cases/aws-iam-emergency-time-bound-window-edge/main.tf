# Bounds at and just past the 4-hour window.

resource "aws_iam_policy" "edge" {
  name = "break-glass-edge"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:RebootInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T16:00:00Z" } } }
    ]
  })
}

resource "aws_iam_policy" "short" {
  name = "break-glass-short"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:RebootInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T13:30:00Z" } } }
    ]
  })
}

resource "aws_iam_policy" "over" {
  name = "break-glass-over"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:RebootInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T16:01:00Z" } } }
    ]
  })
}
