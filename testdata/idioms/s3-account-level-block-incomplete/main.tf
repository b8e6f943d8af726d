# An account-level block driven by a variable map in which one setting is
# off: it protects no bucket, so each bucket needs a full block of its own.

variable "account_public_access" {
  type = map(bool)
  default = {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = false
  }
}

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = var.account_public_access["block_public_acls"]
  block_public_policy     = var.account_public_access["block_public_policy"]
  ignore_public_acls      = var.account_public_access["ignore_public_acls"]
  restrict_public_buckets = var.account_public_access["restrict_public_buckets"]
}

resource "aws_s3_bucket" "this" {
  for_each = toset(["covered", "uncovered"])
  bucket   = "northwind-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = { for k, v in aws_s3_bucket.this : k => v if k == "covered" }

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
