# Buckets written the pre-4.0 way, with acl, grant, policy, versioning and
# encryption inline in aws_s3_bucket (still accepted, deprecated).

variable "owner_canonical_id" {
  type    = string
  default = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
}

resource "aws_kms_key" "vault" {
  description         = "Vault bucket"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "legacy_site" {
  bucket = "northwind-legacy-site"
  acl    = "public-read"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicReadGetObject"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::northwind-legacy-site/*"
    }]
  })

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket" "legacy_vault" {
  bucket = "northwind-legacy-vault"

  grant {
    id          = var.owner_canonical_id
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
    permissions = ["READ_ACP", "WRITE"]
  }

  versioning {
    enabled = false
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.vault.arn
      }
    }
  }
}
