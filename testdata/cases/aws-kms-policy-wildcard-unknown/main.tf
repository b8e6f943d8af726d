# A key policy set to a value known only after apply is unknown; an unset one is the default policy and passes.

resource "terraform_data" "policy" {
  input = "{}"
}

resource "aws_kms_key" "later" {
  description             = "acme later key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = terraform_data.policy.output
}
resource "aws_kms_key" "default" {
  description             = "acme default key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
