# A break-glass policy whose document is marked sensitive cannot be read by
# any rule: its results are unknown, never pass, and the unknown of a
# hard-mandatory rule fails the gate.

resource "aws_iam_role" "breakglass" {
  name = "breakglass-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "breakglass" {
  name = "everything"
  role = aws_iam_role.breakglass.id
  policy = sensitive(jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  }))
}
