# The bucket comes out of a module as an output and is encrypted in the root.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
module "bucket" {
  source = "./modules/bucket"
  name   = "acme-output-bucket"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "outer" {
  bucket = module.bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
