locals {
  # bound 2h after the plan's clock: inside the 4h window
  until = timeadd(plantimestamp(), "2h")
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
  actions = {
    doublestar = ["iam:**"]      # every IAM action (IAM: * matches zero or more chars)
    qstar      = ["iam:?*"]      # every IAM action (at least one char)
    upper      = ["IAM:*"]       # sanity: caught
    named      = ["iam:ListRoles", "iam:GetRole"]
  }
}

resource "aws_iam_role" "bg" {
  for_each           = local.actions
  name               = "breakglass-${each.key}"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy" "bg" {
  for_each = local.actions
  name     = "grant"
  role     = aws_iam_role.bg[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = each.value
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = local.until } }
    }]
  })
}

# ordinary (not break-glass) role with a name_prefix
resource "aws_iam_role" "app" {
  name_prefix        = "app-"
  assume_role_policy = local.trust
}
