variable "key_settings" {
  type    = map(string)
  default = { enabled = "false", window = "7" }
}
resource "aws_kms_key" "app" {
  description             = "app"
  enable_key_rotation     = true
  is_enabled              = var.key_settings.enabled
  deletion_window_in_days = var.key_settings.window
}
