# An asymmetric key cannot rotate and passes.

resource "aws_kms_key" "signing" {
  description              = "acme signing key"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_2048"
  deletion_window_in_days  = 30
}
