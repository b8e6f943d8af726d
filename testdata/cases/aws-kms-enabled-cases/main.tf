# A disabled key fails; an enabled one passes; one set after apply is unknown.

resource "aws_kms_key" "on" {
  description             = "acme on key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
resource "aws_kms_key" "off" {
  description             = "acme off key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  is_enabled              = false
}

resource "terraform_data" "enabled" {
  input = true
}

resource "aws_kms_key" "later" {
  description             = "acme later key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  is_enabled              = terraform_data.enabled.output
}
