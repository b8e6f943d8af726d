# Emergency roles declared as data and merged over safe defaults, created
# by the assumable-role module with for_each. Overrides switch MFA off for
# one role and lengthen the grant of another.

locals {
  role_defaults = {
    mfa          = true
    session      = 3600
    grant_window = "2h"
    actions      = ["ec2:DescribeInstances", "ec2:RebootInstances"]
  }

  role_overrides = {
    break-glass-admin = {}
    BreakGlassRole = {
      mfa = false
    }
    break_glass_ops = {
      grant_window = "12h"
    }
  }

  roles = { for name, o in local.role_overrides : name => merge(local.role_defaults, o) }
}

module "emergency" {
  source   = "./modules/iam-assumable-role"
  for_each = local.roles

  role_name            = each.key
  role_requires_mfa    = each.value.mfa
  max_session_duration = each.value.session
  trusted_role_arns    = ["arn:aws:iam::999988887777:role/responders"]

  inline_policies = {
    access = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Action    = each.value.actions
        Resource  = "*"
        Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), each.value.grant_window) } }
      }]
    })
  }
}
