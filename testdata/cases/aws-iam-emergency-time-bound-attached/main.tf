# A plainly named policy attached to a break-glass role is an emergency grant; its document known after apply is unknown.

resource "aws_iam_role" "emergency" {
  name = "emergency-access"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } }]
  })
}

resource "terraform_data" "doc" {
  input = "{}"
}

resource "aws_iam_policy" "plain" {
  name   = "ops-access"
  policy = terraform_data.doc.output
}

resource "aws_iam_role_policy_attachment" "plain" {
  role       = aws_iam_role.emergency.name
  policy_arn = aws_iam_policy.plain.arn
}
