# Keys for imported (BYOK) key material through the module's create_external
# switch: one kept disabled with a short deletion window and a key policy
# that lets anyone decrypt, one with its key material and
# otherwise the module defaults.

data "aws_iam_policy_document" "open_decrypt" {
  statement {
    sid       = "AnyoneDecrypts"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

module "byok_staging" {
  source = "./modules/kms"

  create_external         = true
  description             = "BYOK staging"
  is_enabled              = false
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.open_decrypt.json
}

variable "prod_key_material" {
  description = "Wrapped key material for the prod key (a placeholder here)."
  type        = string
  sensitive   = true
  default     = "q0FvnJ0Yl6b8k3yS0m2bZc1xXJH4m9Qf7Vh3p5Tq2Lw="
}

module "byok_prod" {
  source = "./modules/kms"

  create_external     = true
  description         = "BYOK prod"
  key_material_base64 = var.prod_key_material
  is_enabled          = true
}
