# One bucket per condition variant, with the condition block taken from a map
# and the policy written with jsonencode().

locals {
  conditions = {
    vpce-fixed = {
      StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" }
    }
    vpce-wildcard = {
      StringLike = { "aws:SourceVpce" = "vpce-*" }
    }
    office-cidr = {
      IpAddress = { "aws:SourceIp" = ["203.0.113.0/24", "198.51.100.16/28"] }
    }
    any-ip = {
      IpAddress = { "aws:SourceIp" = "0.0.0.0/0" }
    }
    vpce-if-exists = {
      StringEqualsIfExists = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" }
    }
    vpc-not-equals = {
      StringNotEquals = { "aws:SourceVpc" = "vpc-0fedcba9876543210" }
    }
  }
}

resource "aws_s3_bucket" "share" {
  for_each = local.conditions
  bucket   = "northwind-share-${each.key}"
}

resource "aws_s3_bucket_policy" "share" {
  for_each = local.conditions

  bucket = aws_s3_bucket.share[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "RestrictedRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "arn:aws:s3:::northwind-share-${each.key}/*"
      Condition = each.value
    }]
  })
}
