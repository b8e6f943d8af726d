# Bounds on emergency grants computed from the plan time: one already past,
# one with only a start time, one with a start and an end inside the window,
# one with DateLessThanEquals just under four hours.

locals {
  now = plantimestamp()

  statements = {
    expired = {
      DateLessThan = { "aws:CurrentTime" = timeadd(local.now, "-1h") }
    }
    start-only = {
      DateGreaterThan = { "aws:CurrentTime" = local.now }
    }
    start-and-end = {
      DateGreaterThan = { "aws:CurrentTime" = local.now }
      DateLessThan    = { "aws:CurrentTime" = timeadd(local.now, "3h") }
    }
    just-under-four-hours = {
      DateLessThanEquals = { "aws:CurrentTime" = timeadd(local.now, "3h59m") }
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.statements

  name = "emergency-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "this" {
  for_each = local.statements

  name = "grant"
  role = aws_iam_role.this[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["rds:RebootDBInstance"]
      Resource  = "*"
      Condition = each.value
    }]
  })
}
