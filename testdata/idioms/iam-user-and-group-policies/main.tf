# Inline policies on users and groups: a heredoc, a jsonencode, and a JSON
# file read with file("${path.module}/...").

resource "aws_iam_user" "build" {
  name = "build-agent"
}

resource "aws_iam_user_policy" "build" {
  name = "build-agent-access"
  user = aws_iam_user.build.name

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"}
      ]
    }
  POLICY
}

resource "aws_iam_group" "analysts" {
  name = "analysts"
}

resource "aws_iam_group_policy" "analysts" {
  name  = "analysts-data"
  group = aws_iam_group.analysts.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*"]
      Resource = ["arn:aws:s3:::northwind-analytics", "arn:aws:s3:::northwind-analytics/*"]
    }]
  })
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy" "ops" {
  name   = "ops-admin"
  group  = aws_iam_group.ops.name
  policy = file("${path.module}/policies/ops-admin.json")
}
