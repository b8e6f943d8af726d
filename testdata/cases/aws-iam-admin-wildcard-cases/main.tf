# Action * on Resource * fails in any policy, as a list or a single statement; scoped wildcards pass; unknown documents are unknown.

resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Access"
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
resource "aws_iam_policy" "single" {
  name = "single-statement"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = ["*"], Resource = ["*"] }
  })
}

resource "aws_iam_policy" "scoped" {
  name = "scoped"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::acme-scoped/*" }]
  })
}

resource "terraform_data" "doc" {
  input = "{}"
}

resource "aws_iam_policy" "later" {
  name   = "later"
  policy = terraform_data.doc.output
}
