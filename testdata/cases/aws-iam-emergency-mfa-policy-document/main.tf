# assume_role_policy = data.aws_iam_policy_document.X.json

data "aws_iam_policy_document" "strict" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/acme-oncall"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "lenient" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/acme-oncall"]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "strict" {
  name               = "break-glass-strict"
  assume_role_policy = data.aws_iam_policy_document.strict.json
}

resource "aws_iam_role" "lenient" {
  name               = "break-glass-lenient"
  assume_role_policy = data.aws_iam_policy_document.lenient.json
}
