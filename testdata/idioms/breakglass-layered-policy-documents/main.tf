# A break-glass permission policy assembled from layers with
# source_policy_documents and override_policy_documents, created as a
# customer-managed policy and attached by the role module through
# custom_role_policy_arns (count over the list). One layer forgets the bound.

locals {
  expires = timeadd(plantimestamp(), "2h")
}

data "aws_iam_policy_document" "read_layer" {
  statement {
    sid       = "Read"
    actions   = ["cloudwatch:GetMetricData", "logs:FilterLogEvents"]
    resources = ["*"]

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.expires]
    }
  }
}

data "aws_iam_policy_document" "restore_layer" {
  statement {
    sid       = "Restore"
    actions   = ["dynamodb:RestoreTableToPointInTime", "dynamodb:DescribeContinuousBackups"]
    resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/*"]
  }

  statement {
    sid       = "NoKeyDeletion"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "scale_layer" {
  statement {
    sid       = "Scale"
    actions   = ["autoscaling:SetDesiredCapacity"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "scale_bounded" {
  statement {
    sid       = "Scale"
    actions   = ["autoscaling:SetDesiredCapacity"]
    resources = ["*"]

    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = [local.expires]
    }
  }
}

data "aws_iam_policy_document" "unbounded_permissions" {
  source_policy_documents = [
    data.aws_iam_policy_document.read_layer.json,
    data.aws_iam_policy_document.restore_layer.json,
  ]
}

data "aws_iam_policy_document" "bounded_permissions" {
  source_policy_documents   = [data.aws_iam_policy_document.read_layer.json, data.aws_iam_policy_document.scale_layer.json]
  override_policy_documents = [data.aws_iam_policy_document.scale_bounded.json]
}

resource "aws_iam_policy" "restore" {
  name   = "break-glass-restore"
  policy = data.aws_iam_policy_document.unbounded_permissions.json
}

resource "aws_iam_policy" "scale" {
  name   = "break-glass-scale"
  policy = data.aws_iam_policy_document.bounded_permissions.json
}

module "restore_role" {
  source = "./modules/iam-assumable-role"

  role_name               = "break-glass-restore"
  trusted_role_arns       = ["arn:aws:iam::111122223333:role/oncall"]
  custom_role_policy_arns = [aws_iam_policy.restore.arn]
}

module "scale_role" {
  source = "./modules/iam-assumable-role"

  role_name               = "break-glass-scale"
  trusted_role_arns       = ["arn:aws:iam::111122223333:role/oncall"]
  custom_role_policy_arns = [aws_iam_policy.scale.arn]
}
