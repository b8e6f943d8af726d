variable "bucket" {}
variable "policy" {}
resource "aws_s3_bucket_policy" "p" {
  bucket = var.bucket
  policy = var.policy
}
