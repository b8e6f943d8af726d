# Condition values are ORed: the far-future value wins.

resource "aws_iam_policy" "listy" {
  name = "break-glass-listy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:StartInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = ["2026-11-28T13:00:00Z", "2026-12-05T13:00:00Z"] } } }
    ]
  })
}
