# A bare bucket; the caller decides how it is encrypted.

variable "bucket_name" {
  description = "Bucket name."
  type        = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}

output "bucket_id" {
  description = "Bucket name (id)."
  value       = aws_s3_bucket.this.id
}
