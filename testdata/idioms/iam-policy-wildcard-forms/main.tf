# Customer-managed policies in the forms that do or do not amount to full
# administrator access, each written as teams write them (jsonencode, heredoc,
# policy document).

resource "aws_iam_policy" "all_but_iam" {
  name        = "all-but-iam"
  description = "Everything except identity management"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*", "organizations:*", "account:*"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_policy" "arn_star" {
  name   = "arn-star"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "arn:*"
        }
      ]
    }
  EOF
}

resource "aws_iam_policy" "kms_everything" {
  name = "kms-everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "KMS:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "deny_everything" {
  name = "deny-everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "all_but_secrets" {
  statement {
    actions       = ["*"]
    not_resources = ["arn:aws:secretsmanager:*:*:secret:prod/*"]
  }
}

resource "aws_iam_policy" "all_but_secrets" {
  name   = "all-but-secrets"
  policy = data.aws_iam_policy_document.all_but_secrets.json
}

resource "aws_iam_policy" "one_bucket_everything" {
  name = "one-bucket-everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = ["arn:aws:s3:::northwind-scratch", "arn:aws:s3:::northwind-scratch/*"] }]
  })
}
