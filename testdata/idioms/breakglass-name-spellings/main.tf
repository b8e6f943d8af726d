# Break-glass roles as different teams spell them. Each has one defect (or
# none), so each verdict has one cause.

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  bound = timeadd(plantimestamp(), "2h")

  restart_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ecs:UpdateService", "ecs:DescribeServices"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = local.bound } }
    }]
  })

  oncall = "arn:aws:iam::${var.account_id}:role/oncall"

  roles = {
    break_glass_ops = {
      max_session = 3600
      condition   = {}
    }
    BreakGlassRole = {
      max_session = 43200
      condition   = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }
    breakglass = {
      max_session = 7200
      condition   = { NumericLessThan = { "aws:MultiFactorAuthAge" = "3600" } }
    }
    incident-responder = {
      max_session = 3600
      condition   = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
    }
  }
}

resource "aws_iam_role" "responder" {
  for_each = local.roles

  name                 = each.key
  max_session_duration = each.value.max_session

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [merge(
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { AWS = local.oncall }
      },
      length(each.value.condition) > 0 ? { Condition = each.value.condition } : {}
    )]
  })
}

resource "aws_iam_role_policy" "restart" {
  for_each = aws_iam_role.responder

  name   = "restart-services"
  role   = each.value.id
  policy = local.restart_policy
}
