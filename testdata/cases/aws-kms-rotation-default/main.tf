# Rotation left at its default versus a short explicit period.

resource "aws_kms_key" "forgotten" {
  description             = "acme forgotten key"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "quarterly" {
  description             = "acme quarterly key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  rotation_period_in_days = 90
}
