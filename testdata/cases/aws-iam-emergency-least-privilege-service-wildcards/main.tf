# Wildcard per service versus named actions.

resource "aws_iam_policy" "s3_all" {
  name = "break-glass-s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } }
    ]
  })
}

resource "aws_iam_policy" "kms_all" {
  name = "break-glass-kms"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["kms:Decrypt", "kms:*"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } }
    ]
  })
}

resource "aws_iam_policy" "named" {
  name = "break-glass-named-actions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "kms:Decrypt"], Resource = ["arn:aws:s3:::acme-tf-state/*", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"], Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } }
    ]
  })
}
