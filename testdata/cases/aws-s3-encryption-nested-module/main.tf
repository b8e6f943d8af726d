# platform -> logs (bucket) and platform -> guard (encryption of logs' output).

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

module "platform" {
  source  = "./modules/platform"
  key_arn = aws_kms_key.main.arn
}
