# The root iterates over the module instances to encrypt each bucket.

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

module "vault" {
  source   = "./modules/vault"
  for_each = toset(["alpha", "beta"])
  name     = "acme-vault-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "vault" {
  for_each = module.vault
  bucket   = each.value.bucket_id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
