# A deletion window known only after apply is unknown.

resource "terraform_data" "days" {
  input = 30
}

resource "aws_kms_key" "later" {
  description             = "acme later key"
  enable_key_rotation     = true
  deletion_window_in_days = terraform_data.days.output
}
