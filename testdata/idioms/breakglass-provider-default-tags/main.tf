resource "aws_iam_role" "oncall_admin" {
  provider             = aws.breakglass
  name                 = "oncall-admin"
  max_session_duration = 43200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
    }]
  })
}

resource "aws_iam_role_policy" "oncall_admin" {
  provider = aws.breakglass
  name     = "oncall"
  role     = aws_iam_role.oncall_admin.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:*", "ec2:*"], Resource = "*" }]
  })
}
