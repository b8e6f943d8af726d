# Rotation switched off on keys of different specs passed through the module's
# customer_master_key_spec variable (default null), plus two keys with an
# explicit rotation period.

module "signing" {
  source = "./modules/kms"

  description              = "Release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_3072"
  enable_key_rotation      = false
}

module "webhook_mac" {
  source = "./modules/kms"

  description              = "Webhook HMAC"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
  enable_key_rotation      = false
}

module "spec_left_null" {
  source = "./modules/kms"

  description         = "Queue encryption"
  enable_key_rotation = false
}

module "spec_symmetric_default" {
  source = "./modules/kms"

  description              = "Table encryption"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = false
}

resource "aws_kms_key" "biennial" {
  description             = "Rotates every two years"
  enable_key_rotation     = true
  rotation_period_in_days = 730
}

resource "aws_kms_key" "semiannual" {
  description             = "Rotates every 180 days"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}
