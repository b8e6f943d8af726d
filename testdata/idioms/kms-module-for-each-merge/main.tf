# The kms module called with for_each over keys whose settings are merged
# over team defaults.

locals {
  key_defaults = {
    key_usage               = "ENCRYPT_DECRYPT"
    spec                    = null
    rotate                  = true
    enabled                 = true
    deletion_window_in_days = 30
  }

  key_requests = {
    logs = {}
    payments-signing = {
      key_usage = "SIGN_VERIFY"
      spec      = "ECC_NIST_P256"
      rotate    = false
    }
    session-tokens = {
      key_usage = "GENERATE_VERIFY_MAC"
      spec      = "HMAC_512"
      rotate    = false
    }
    legacy-batch = {
      rotate                  = false
      enabled                 = false
      deletion_window_in_days = 7
    }
  }

  keys = { for name, req in local.key_requests : name => merge(local.key_defaults, req) }
}

module "kms" {
  source   = "./modules/kms"
  for_each = local.keys

  description              = "northwind ${each.key}"
  key_usage                = each.value.key_usage
  customer_master_key_spec = each.value.spec
  enable_key_rotation      = each.value.rotate
  is_enabled               = each.value.enabled
  deletion_window_in_days  = each.value.deletion_window_in_days
  aliases                  = ["northwind/${each.key}"]
}
