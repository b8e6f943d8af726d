# Data-source document versus inline block.

data "aws_iam_policy_document" "everything" {
  statement {
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2026-11-28T14:00:00Z"]
    }
  }
}

resource "aws_iam_role" "breakglass" {
  name = "breakglass-sre"
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
    name = "session-manager"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["ssm:StartSession", "ssm:TerminateSession"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T14:00:00Z" } } }]
    })
  }
}

resource "aws_iam_role_policy" "everything" {
  name   = "everything"
  role   = aws_iam_role.breakglass.id
  policy = data.aws_iam_policy_document.everything.json
}
