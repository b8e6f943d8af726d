# Encryption settings handed to the wrapper module as maps. One caller only
# asks for S3 Bucket Keys: the rule it produces has no default encryption at
# all. The others use DSSE-KMS with a stack key and aws:kms with an alias of
# a stack key.

resource "aws_kms_key" "data" {
  description         = "Data lake objects"
  enable_key_rotation = true
}

resource "aws_kms_alias" "data" {
  name          = "alias/northwind-data"
  target_key_id = aws_kms_key.data.key_id
}

locals {
  encryption = {
    bucket-keys-only = {
      rule = {
        bucket_key_enabled = true
      }
    }
    dsse = {
      rule = {
        apply_server_side_encryption_by_default = {
          sse_algorithm     = "aws:kms:dsse"
          kms_master_key_id = aws_kms_key.data.arn
        }
      }
    }
    via-alias = {
      rule = [{
        bucket_key_enabled = true
        apply_server_side_encryption_by_default = {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = aws_kms_alias.data.arn
        }
      }]
    }
  }
}

module "lake" {
  source   = "./modules/s3-bucket"
  for_each = local.encryption

  bucket                               = "northwind-lake-${each.key}"
  server_side_encryption_configuration = each.value
  versioning                           = { enabled = true }
}
