# A baseline module per account (module for_each) with the trail module
# nested inside; one account turns its trail off entirely.

resource "aws_kms_key" "trails" {
  description         = "Baseline trails"
  enable_key_rotation = true
}

module "baseline" {
  source   = "./modules/account-baseline"
  for_each = {
    prod    = { trail = true, kms = true }
    staging = { trail = true, kms = false }
    sandbox = { trail = false, kms = false }
  }

  account_name      = each.key
  trail_enabled     = each.value.trail
  trail_kms_key_arn = each.value.kms ? aws_kms_key.trails.arn : null
}
