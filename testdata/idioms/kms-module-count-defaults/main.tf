# Keys from a count-based kms wrapper module relying on its defaults:
# rotation on, deletion window and key spec left to AWS (null), a key policy
# built from the account root plus administrator and user statements.

variable "account_id" {
  type    = string
  default = "111122223333"
}

module "kms" {
  source = "./modules/kms"

  description = "Application secrets"
  account_id  = var.account_id
  aliases     = ["northwind/app-secrets"]

  key_administrators = ["arn:aws:iam::${var.account_id}:role/platform-admin"]
  key_users          = ["arn:aws:iam::${var.account_id}:role/app-runtime"]
}

module "kms_disabled" {
  source = "./modules/kms"

  create      = false
  description = "Not created in this account"
}

output "key_arn" {
  value = module.kms.key_arn
}
