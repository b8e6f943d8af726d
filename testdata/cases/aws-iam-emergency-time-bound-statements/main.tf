# Statement-level checks.

resource "aws_iam_policy" "half" {
  name = "emergency-half-bounded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Logs", Effect = "Allow", Action = ["logs:GetLogEvents"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } },
      { Sid = "Stop", Effect = "Allow", Action = ["ec2:StopInstances"], Resource = "*" }
    ]
  })
}

resource "aws_iam_policy" "guarded" {
  name = "emergency-guarded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Logs", Effect = "Allow", Action = ["logs:GetLogEvents"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } },
      { Sid = "NoIam", Effect = "Deny", Action = "iam:*", Resource = "*" }
    ]
  })
}
