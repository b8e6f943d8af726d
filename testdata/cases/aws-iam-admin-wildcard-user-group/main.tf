# aws_iam_user_policy and aws_iam_group_policy.

resource "aws_iam_user" "legacy" {
  name = "acme-legacy-automation"
}

resource "aws_iam_group" "auditors" {
  name = "acme-auditors"
}

resource "aws_iam_user_policy" "legacy" {
  name = "everything"
  user = aws_iam_user.legacy.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_group_policy" "auditors" {
  name  = "read-trail"
  group = aws_iam_group.auditors.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["cloudtrail:LookupEvents", "cloudtrail:GetTrailStatus"], Resource = "*" }]
  })
}
