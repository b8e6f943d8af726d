# One KMS key (standard, external or replica) with its aliases and a key
# policy assembled from statements, in the style of the community kms module.

locals {
  create_standard = var.create && !var.create_external && !var.create_replica
  key_policy      = coalesce(var.policy, data.aws_iam_policy_document.this.json)
}

data "aws_iam_policy_document" "this" {
  source_policy_documents   = var.source_policy_documents
  override_policy_documents = var.override_policy_documents

  statement {
    sid       = "Default"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${var.partition}:iam::${var.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = length(var.key_administrators) > 0 ? [1] : []

    content {
      sid = "KeyAdministration"
      actions = [
        "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
        "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
        "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
      ]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = var.key_administrators
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.key_users) > 0 ? [1] : []

    content {
      sid       = "KeyUsage"
      actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = var.key_users
      }
    }
  }
}

resource "aws_kms_key" "this" {
  count = local.create_standard ? 1 : 0

  description              = var.description
  key_usage                = var.key_usage
  customer_master_key_spec = var.customer_master_key_spec
  is_enabled               = var.is_enabled
  enable_key_rotation      = var.enable_key_rotation
  rotation_period_in_days  = var.rotation_period_in_days
  deletion_window_in_days  = var.deletion_window_in_days
  multi_region             = var.multi_region
  policy                   = local.key_policy

  tags = var.tags
}

resource "aws_kms_external_key" "this" {
  count = var.create && var.create_external ? 1 : 0

  description             = var.description
  enabled                 = var.is_enabled
  deletion_window_in_days = var.deletion_window_in_days
  key_material_base64     = var.key_material_base64
  multi_region            = var.multi_region
  policy                  = local.key_policy
  valid_to                = var.valid_to

  tags = var.tags
}

resource "aws_kms_replica_key" "this" {
  count = var.create && var.create_replica ? 1 : 0

  description             = var.description
  primary_key_arn         = var.primary_key_arn
  enabled                 = var.is_enabled
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = local.key_policy

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  for_each = { for name in var.aliases : name => name if var.create }

  name          = "alias/${each.value}"
  target_key_id = try(aws_kms_key.this[0].key_id, aws_kms_external_key.this[0].id, aws_kms_replica_key.this[0].key_id)
}
