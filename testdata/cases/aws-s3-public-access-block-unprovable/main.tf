# A public access block whose bucket is unknown may be this bucket's: unknown.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "terraform_data" "name" {
  input = "acme-pab"
}

resource "aws_s3_bucket" "pab" {
  bucket = "acme-pab"
}

resource "aws_s3_bucket_public_access_block" "loose" {
  bucket                  = terraform_data.name.output
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
