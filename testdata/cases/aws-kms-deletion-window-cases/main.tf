# A 7-day deletion window fails; 30 days passes.

resource "aws_kms_key" "hasty" {
  description             = "acme hasty key"
  enable_key_rotation     = true
  deletion_window_in_days = 7
}

resource "aws_kms_key" "careful" {
  description             = "acme careful key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
