# A role whose name is assembled from a value another stack publishes: it may
# or may not turn out to be a break-glass role, and as one it would fail every
# rule. Next to it, a literal break-glass role that passes.

resource "terraform_data" "naming" {
  input = "break-glass"
}

resource "aws_iam_role" "generated" {
  name                 = "${terraform_data.naming.output}-ops"
  max_session_duration = 43200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/oncall" }
    }]
  })

  inline_policy {
    name = "ops"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "ec2:*", Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "literal" {
  name = "break-glass-admin"
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
    name = "ops"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ec2:RebootInstances"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } } }]
    })
  }
}
