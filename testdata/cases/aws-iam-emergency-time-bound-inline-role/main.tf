# Grants written as inline_policy blocks on the roles.

resource "aws_iam_role" "bounded" {
  name = "break-glass-network"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
  inline_policy {
    name = "network"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ec2:ReplaceRoute"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } }]
    })
  }
}

resource "aws_iam_role" "mixed" {
  name = "incident-responder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/acme-oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
  inline_policy {
    name = "logs"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["logs:GetLogEvents"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } }]
    })
  }
  inline_policy {
    name = "forever"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ec2:StopInstances"], Resource = "*" }]
    })
  }
}
