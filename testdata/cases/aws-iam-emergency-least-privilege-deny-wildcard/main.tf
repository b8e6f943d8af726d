# Guard rail with a wildcard Deny.

resource "aws_iam_policy" "guarded" {
  name = "incident-guarded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Instances", Effect = "Allow", Action = ["ec2:StopInstances", "ec2:StartInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } },
      { Sid = "NoIdentityChanges", Effect = "Deny", Action = ["iam:*", "organizations:*"], Resource = "*" }
    ]
  })
}
