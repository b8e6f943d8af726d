# Key policies written with jsonencode() in which a statement lets "*" use the
# key, each restricted differently (the AWS documentation's "allow access
# through a service for all principals in the account" pattern among them).

variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  root_statement = {
    Sid       = "EnableIAMUserPermissions"
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
    Action    = "kms:*"
    Resource  = "*"
  }

  everyone_statements = {
    ebs-in-account = {
      Sid       = "AllowEBSForAccount"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"]
      Resource  = "*"
      Condition = {
        StringEquals = {
          "kms:CallerAccount" = var.account_id
          "kms:ViaService"    = "ec2.us-east-1.amazonaws.com"
        }
      }
    }
    open-decrypt = {
      Sid       = "AllowDecrypt"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }
    via-service-only = {
      Sid       = "AllowThroughS3"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" }
      }
    }
    organization = {
      Sid       = "AllowOrganization"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
      }
    }
    deny-outside-org = {
      Sid       = "DenyOutsideOrganization"
      Effect    = "Deny"
      Principal = "*"
      Action    = "kms:*"
      Resource  = "*"
      Condition = {
        StringNotEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = local.everyone_statements

  description         = "northwind ${each.key}"
  enable_key_rotation = true

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local.root_statement, each.value]
  })
}
