resource "aws_kms_key" "billing" {
  description         = "Billing data"
  enable_key_rotation = true
}

resource "aws_kms_key" "analytics" {
  description         = "Analytics data"
  enable_key_rotation = true
}

output "billing_key_id" {
  value = aws_kms_key.billing.key_id
}

output "analytics_key_id" {
  value = aws_kms_key.analytics.id
}
