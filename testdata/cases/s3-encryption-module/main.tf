# Case: bucket and encryption configuration joined across a module boundary.
#
#   aws_s3_bucket.b  --(bucket_id input)-->  module.enc: encryption config
#   module.store: bucket  --(bucket_id output)-->  root encryption config
#
# Both buckets are encrypted.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "aws_kms_key" "this" {
  description         = "acme-module-enc: bucket encryption"
  enable_key_rotation = true
}

# Bucket in the root, encrypted by a child module.
resource "aws_s3_bucket" "b" {
  bucket = "acme-module-enc-root"
}

module "enc" {
  source = "./modules/enc"

  bucket_id   = aws_s3_bucket.b.id
  kms_key_arn = aws_kms_key.this.arn
}

# Bucket in a child module, encrypted in the root.
module "store" {
  source = "./modules/store"

  bucket_name = "acme-module-enc-store"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "store" {
  bucket = module.store.bucket_id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
  }
}
