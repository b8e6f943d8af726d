# Customer-managed KMS key with a friendly alias. Every encrypted resource in
# the foundation (state, logs, data) gets its own key so access can be scoped
# per purpose through key policies.

# Without an explicit policy the key gets the account-root policy below,
# written out so that reviewers (and tfgate) can read it in the plan.
data "aws_iam_policy_document" "default" {
  statement {
    sid       = "EnableRootAccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = var.enable_key_rotation
  rotation_period_in_days = var.rotation_period_in_days
  deletion_window_in_days = var.deletion_window_in_days
  is_enabled              = var.is_enabled
  policy                  = coalesce(var.policy, data.aws_iam_policy_document.default.json)

  tags = merge(var.tags, {
    Name = var.alias
  })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.alias}"
  target_key_id = aws_kms_key.this.key_id
}
