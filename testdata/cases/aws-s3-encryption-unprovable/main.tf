# An encryption configuration whose bucket comes from terraform_data is known only after apply: unknown, not pass.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "terraform_data" "name" {
  input = "acme-mystery"
}

resource "aws_s3_bucket" "mystery" {
  bucket = "acme-mystery"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "detached" {
  bucket = terraform_data.name.output
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
