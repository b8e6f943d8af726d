# The expiry is computed by another resource.

resource "terraform_data" "expiry" {
  input = "2026-11-28T14:00:00Z"
}

resource "aws_iam_policy" "later" {
  name = "break-glass-later"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ec2:StartInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = terraform_data.expiry.output } } }
    ]
  })
}
