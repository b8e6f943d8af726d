# The account-level public access block is managed in the same stack with all
# four settings on. Bucket-level blocks are then optional: one bucket has
# none, one has a relaxed block of its own, one has a full one.

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

module "no_block" {
  source = "./modules/s3-bucket"

  bucket                     = "northwind-no-block"
  attach_public_access_block = false
}

module "relaxed_block" {
  source = "./modules/s3-bucket"

  bucket              = "northwind-relaxed-block"
  block_public_policy = false
  ignore_public_acls  = false
}

module "full_block" {
  source = "./modules/s3-bucket"
  bucket = "northwind-full-block"
}
