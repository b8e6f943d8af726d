# Default encryption keyed by a map of bucket => key identifier, as a
# platform team hands them out: the AWS-managed key by short alias and by
# alias ARN, a customer alias by name and a customer key by ARN.

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  sse_keys = {
    short-aws-alias  = "alias/aws/s3"
    aws-alias-arn    = "arn:aws:kms:${var.region}:${var.account_id}:alias/aws/s3"
    customer-alias   = "alias/northwind-warehouse"
    customer-key-arn = "arn:aws:kms:${var.region}:${var.account_id}:key/8d1f2e3a-4b5c-4d6e-8f90-a1b2c3d4e5f6"
  }
}

resource "aws_s3_bucket" "warehouse" {
  for_each = local.sse_keys

  bucket = "northwind-warehouse-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "warehouse" {
  for_each = local.sse_keys

  bucket = aws_s3_bucket.warehouse[each.key].bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = each.value
    }
    bucket_key_enabled = true
  }
}
