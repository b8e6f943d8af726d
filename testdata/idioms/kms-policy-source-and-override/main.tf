# The kms module merges caller documents into its key policy:
# source_policy_documents adds statements, override_policy_documents replaces
# statements with the same Sid.

variable "account_id" {
  type    = string
  default = "111122223333"
}

data "aws_iam_policy_document" "cloudtrail_use" {
  statement {
    sid       = "AllowCloudTrailEncrypt"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = ["arn:aws:cloudtrail:us-east-1:${var.account_id}:trail/org-trail"]
    }
  }
}

data "aws_iam_policy_document" "account_users" {
  statement {
    sid       = "KeyUsage"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [var.account_id]
    }
  }
}

data "aws_iam_policy_document" "everyone_users" {
  statement {
    sid       = "KeyUsage"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

module "trail_key" {
  source = "./modules/kms"

  description             = "CloudTrail logs"
  account_id              = var.account_id
  key_users               = ["arn:aws:iam::${var.account_id}:role/log-reader"]
  source_policy_documents = [data.aws_iam_policy_document.cloudtrail_use.json]
}

module "shared_key" {
  source = "./modules/kms"

  description               = "Shared within the account"
  account_id                = var.account_id
  key_users                 = ["arn:aws:iam::${var.account_id}:role/app"]
  override_policy_documents = [data.aws_iam_policy_document.account_users.json]
}

module "leaky_key" {
  source = "./modules/kms"

  description               = "Override gone wrong"
  account_id                = var.account_id
  key_users                 = ["arn:aws:iam::${var.account_id}:role/app"]
  override_policy_documents = [data.aws_iam_policy_document.everyone_users.json]
}
