# Rotation on passes; off, or a period over 365 days, fails.

resource "aws_kms_key" "on" {
  description             = "acme on key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_kms_key" "off" {
  description             = "acme off key"
  enable_key_rotation     = false
  deletion_window_in_days = 30
}
resource "aws_kms_key" "slow" {
  description             = "acme slow key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  rotation_period_in_days = 400
}
resource "aws_kms_key" "yearly" {
  description             = "acme yearly key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  rotation_period_in_days = 365
}
