# Permission sets as data: each becomes an aws_iam_policy whose document is
# built with dynamic "statement" over its statement list and merged with a
# shared guardrail document through source_policy_documents.

locals {
  permission_sets = {
    read-only = [
      { sid = "Describe", actions = ["ec2:Describe*", "rds:Describe*"], resources = ["*"] },
      { sid = "Logs", actions = ["logs:GetLogEvents", "logs:FilterLogEvents"], resources = ["*"] },
    ]
    operations = [
      { sid = "Describe", actions = ["ec2:Describe*"], resources = ["*"] },
      { sid = "Break", actions = ["*"], resources = ["*"] },
    ]
  }
}

data "aws_iam_policy_document" "guardrails" {
  statement {
    sid       = "DenyLeavingOrg"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "permission_set" {
  for_each = local.permission_sets

  source_policy_documents = [data.aws_iam_policy_document.guardrails.json]

  dynamic "statement" {
    for_each = each.value

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_policy" "permission_set" {
  for_each = local.permission_sets

  name   = "ps-${each.key}"
  policy = data.aws_iam_policy_document.permission_set[each.key].json
}
