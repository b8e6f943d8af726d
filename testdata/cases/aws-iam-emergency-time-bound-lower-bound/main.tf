# Start-only versus start-and-end windows.

resource "aws_iam_policy" "start_only" {
  name = "breakglass-start-only"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "ssm:StartSession", Resource = "*", Condition = { DateGreaterThan = { "aws:CurrentTime" = "2026-11-28T11:30:00Z" } } }
    ]
  })
}

resource "aws_iam_policy" "window" {
  name = "breakglass-window"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "ssm:StartSession", Resource = "*", Condition = { DateGreaterThan = { "aws:CurrentTime" = "2026-11-28T11:30:00Z" }, DateLessThan = { "aws:CurrentTime" = "2026-11-28T15:00:00Z" } } }
    ]
  })
}
