# Keys without an inline policy; their policies come from another module that
# receives the key id through a module output.

variable "account_id" {
  type    = string
  default = "111122223333"
}

module "keys" {
  source = "./modules/keys"
}

module "billing_key_policy" {
  source = "./modules/key-policy"

  key_id             = module.keys.billing_key_id
  account_id         = var.account_id
  consumer_principal = "arn:aws:iam::${var.account_id}:role/billing-app"
}

module "analytics_key_policy" {
  source = "./modules/key-policy"

  key_id             = module.keys.analytics_key_id
  account_id         = var.account_id
  consumer_principal = "*"
}
