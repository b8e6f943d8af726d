# A multi-Region primary, its replica, and an external (BYOK) key, all
# through the kms module with compliant settings; the primary's policy is
# replaced by a separate aws_kms_key_policy limited to this account.

variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "byok_material" {
  type      = string
  sensitive = true
  default   = "Zm9yLWZpeHR1cmUtdXNlLW9ubHktbm90LWEta2V5IQ=="
}

module "primary" {
  source = "./modules/kms"

  description             = "Orders (primary)"
  multi_region            = true
  deletion_window_in_days = 30
  rotation_period_in_days = 365
  account_id              = var.account_id
}

module "replica" {
  source = "./modules/kms"

  create_replica  = true
  description     = "Orders (replica)"
  primary_key_arn = module.primary.key_arn
  is_enabled      = true
  account_id      = var.account_id
}

module "byok" {
  source = "./modules/kms"

  create_external     = true
  description         = "Card vault (imported material)"
  key_material_base64 = var.byok_material
  is_enabled          = true
  account_id          = var.account_id
}

resource "aws_kms_key_policy" "primary" {
  key_id = module.primary.key_id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Root"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AccountServices"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = var.account_id
            "kms:ViaService"    = "dynamodb.us-east-1.amazonaws.com"
          }
        }
      },
    ]
  })
}
