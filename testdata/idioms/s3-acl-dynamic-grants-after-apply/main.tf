# The grant list of one ACL is produced by another stack and is known only
# after apply, so the dynamic "grant" block cannot be read at plan time.
# A second bucket keeps the canned private ACL.

variable "owner_canonical_id" {
  type    = string
  default = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
}

resource "terraform_data" "grant_catalog" {
  input = jsonencode([
    { type = "CanonicalUser", id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", permission = "FULL_CONTROL" },
  ])
}

resource "aws_s3_bucket" "exchange" {
  bucket = "northwind-exchange"
}

resource "aws_s3_bucket_ownership_controls" "exchange" {
  bucket = aws_s3_bucket.exchange.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "exchange" {
  bucket = aws_s3_bucket.exchange.id

  access_control_policy {
    dynamic "grant" {
      for_each = jsondecode(terraform_data.grant_catalog.output)

      content {
        permission = grant.value.permission

        grantee {
          type = grant.value.type
          id   = lookup(grant.value, "id", null)
          uri  = lookup(grant.value, "uri", null)
        }
      }
    }

    owner {
      id = var.owner_canonical_id
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.exchange]
}

resource "aws_s3_bucket" "private" {
  bucket = "northwind-private-exchange"
}

resource "aws_s3_bucket_acl" "private" {
  bucket = aws_s3_bucket.private.id
  acl    = "private"
}
