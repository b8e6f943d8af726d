# Break-glass trust policies: Bool MultiFactorAuthPresent and MultiFactorAuthAge pass; BoolIfExists and none fail.

resource "aws_iam_role" "break_glass_bool" {
  name = "break-glass-bool"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::111122223333:role/oncall"] }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}
resource "aws_iam_role" "break_glass_age" {
  name = "break-glass-age"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::111122223333:role/oncall"] }
      Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = "3600" } }
    }]
  })
}
resource "aws_iam_role" "break_glass_ifexists" {
  name = "break-glass-ifexists"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::111122223333:role/oncall"] }
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}
resource "aws_iam_role" "break_glass_none" {
  name = "break-glass-none"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::111122223333:role/oncall"] }
    }]
  })
}
resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::111122223333:role/oncall"] }
    }]
  })
}
