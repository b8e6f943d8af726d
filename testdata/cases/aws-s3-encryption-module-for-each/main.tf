# A module called with for_each holds each bucket and its encryption; the key comes through a module input.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
module "store" {
  source   = "./modules/store"
  for_each = toset(["red", "blue"])
  name     = "acme-store-${each.key}"
  key_arn  = aws_kms_key.main.arn
}
