# Attaches one of the JSON policy files shipped with this module.

variable "bucket_id" {
  type = string
}

variable "policy_file" {
  type = string
}

resource "aws_s3_bucket_policy" "this" {
  bucket = var.bucket_id
  policy = file("${path.module}/${var.policy_file}")
}
