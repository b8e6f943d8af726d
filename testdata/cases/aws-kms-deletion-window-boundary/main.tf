# Windows at and around the limit.

resource "aws_kms_key" "short" {
  description             = "acme short window key"
  enable_key_rotation     = true
  deletion_window_in_days = 29
}

resource "aws_kms_key" "exact" {
  description             = "acme exact window key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_key" "implicit" {
  description         = "acme implicit window key"
  enable_key_rotation = true
}
