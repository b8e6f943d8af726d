# Only the first regional key stays enabled.

resource "aws_kms_key" "regional" {
  count                   = 2
  description             = "acme regional key ${count.index}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  is_enabled              = count.index == 0
}
