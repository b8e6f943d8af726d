# A key ARN from terraform_data is known only after apply and links to no aws_kms_key.

resource "terraform_data" "key" {
  input = "arn:aws:kms:us-east-1:111122223333:key/0000"
}

resource "aws_s3_bucket" "vault" {
  bucket = "acme-vault"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "vault" {
  bucket = aws_s3_bucket.vault.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = terraform_data.key.output
    }
  }
}

resource "aws_s3_bucket_public_access_block" "vault" {
  bucket                  = aws_s3_bucket.vault.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "vault" {
  bucket = aws_s3_bucket.vault.id
  versioning_configuration {
    status = "Enabled"
  }
}
