# Rotation set from a value known only after apply is unknown.

resource "terraform_data" "rotate" {
  input = true
}

resource "aws_kms_key" "later" {
  description             = "acme later key"
  enable_key_rotation     = terraform_data.rotate.output
  deletion_window_in_days = 30
}
