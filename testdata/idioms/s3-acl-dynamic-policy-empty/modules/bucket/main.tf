# A bucket module in the shape of the popular s3-bucket module: the ACL
# resource writes the canned ACL and an access_control_policy block that
# a dynamic block expands only when grants are given.
variable "name" {
  type = string
}

variable "acl" {
  type    = string
  default = null
}

variable "grant" {
  type    = any
  default = []
}

variable "owner" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "this" {
  count  = var.acl != null || length(var.grant) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this.id
  acl    = var.acl == "null" ? null : var.acl

  dynamic "access_control_policy" {
    for_each = length(var.grant) > 0 ? [true] : []
    content {
      dynamic "grant" {
        for_each = var.grant
        content {
          permission = grant.value.permission
          grantee {
            type = grant.value.type
            id   = try(grant.value.id, null)
            uri  = try(grant.value.uri, null)
          }
        }
      }
      owner {
        id           = try(var.owner["id"], "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")
        display_name = try(var.owner["display_name"], null)
      }
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.this]
}
