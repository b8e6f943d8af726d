variable "name" {
  type = string
}

variable "kms_key_arn" {
  description = "Customer key for the bucket; null means the AWS-managed aws/s3 key."
  type        = string
  default     = null
}

variable "enabled" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "this" {
  count  = var.enabled ? 1 : 0
  bucket = var.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.this[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.this[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

output "bucket_arn" {
  value = try(aws_s3_bucket.this[0].arn, "")
}
