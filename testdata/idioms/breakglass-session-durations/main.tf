# Per-team break-glass roles from the assumable-role module with for_each;
# teams pick their own maximum session length.

locals {
  bound = timeadd(plantimestamp(), "1h")

  teams = {
    payments = 3600
    search   = 14400
    data     = 28800
    mobile   = 43200
  }
}

data "aws_iam_policy_document" "team_access" {
  for_each = local.teams

  statement {
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = ["arn:aws:ecs:us-east-1:111122223333:service/${each.key}/*"]

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.bound]
    }
  }
}

module "breakglass" {
  source   = "./modules/iam-assumable-role"
  for_each = local.teams

  role_name            = "breakglass-${each.key}"
  max_session_duration = each.value
  trusted_role_arns    = ["arn:aws:iam::111122223333:role/${each.key}-oncall"]

  inline_policies = {
    "${each.key}-services" = data.aws_iam_policy_document.team_access[each.key].json
  }
}
