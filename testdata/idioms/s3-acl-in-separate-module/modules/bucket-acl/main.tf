# ACL for a bucket created elsewhere; the bucket id arrives as an input.

variable "bucket_id" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket_acl" "this" {
  bucket = var.bucket_id
  acl    = var.acl
}
