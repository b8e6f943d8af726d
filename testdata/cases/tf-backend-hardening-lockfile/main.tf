# An encrypted S3 backend with S3-native locking passes.

resource "aws_kms_key" "main" {
  description             = "acme main key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
