# Documents as a heredoc, an aws_iam_policy_document, a role's inline_policy and an aws_iam_role_policy on an emergency role.

resource "aws_iam_policy" "heredoc" {
  name        = "incident-heredoc"
  description = "Incident response access"
  policy      = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": {
        "Effect": "Allow",
        "Action": "logs:GetLogEvents",
        "Resource": "*",
        "Condition": {"DateLessThan": {"aws:CurrentTime": "${timeadd(plantimestamp(), "1h")}"}}
      }
    }
  EOT
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["ec2:RebootInstances"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "document" {
  name   = "ops-docs"
  policy = data.aws_iam_policy_document.doc.json
  tags = {
    Purpose = "emergency"
  }
}

resource "aws_iam_role" "breakglass" {
  name = "breakglass-oncall"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
  inline_policy {
    name = "unbounded"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ec2:StopInstances"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role_policy" "extra" {
  name = "extra"
  role = aws_iam_role.breakglass.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ssm:StartSession"], Resource = "*" }]
  })
}
