# Per-index session lengths.

resource "aws_iam_role" "breakglass" {
  count                = 2
  name                 = "breakglass-tier-${count.index}"
  max_session_duration = count.index == 0 ? 3600 : 28800
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}
