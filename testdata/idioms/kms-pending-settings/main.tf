# Key settings read from a settings object another stack publishes (known only
# after apply), one setting per key so that each verdict has one cause.

resource "terraform_data" "settings" {
  input = {
    rotation = "on"
    window   = 30
    enabled  = true
    spec     = "SYMMETRIC_DEFAULT"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }]
    })
  }
}

resource "aws_kms_key" "rotation_pending" {
  description         = "rotation from settings"
  enable_key_rotation = terraform_data.settings.output.rotation == "on"
}

resource "aws_kms_key" "window_pending" {
  description             = "deletion window from settings"
  enable_key_rotation     = true
  deletion_window_in_days = terraform_data.settings.output.window
}

resource "aws_kms_key" "enabled_pending" {
  description         = "enabled from settings"
  enable_key_rotation = true
  is_enabled          = terraform_data.settings.output.enabled
}

resource "aws_kms_key" "policy_pending" {
  description         = "policy from settings"
  enable_key_rotation = true
  policy              = terraform_data.settings.output.policy
}

resource "aws_kms_key" "spec_pending" {
  description              = "spec from settings"
  customer_master_key_spec = terraform_data.settings.output.spec
  enable_key_rotation      = false
}
