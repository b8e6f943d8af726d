# A small encrypted-bucket module whose kms_key_arn input defaults to null,
# meaning "use the AWS-managed aws/s3 key". One caller relies on the default,
# one passes a key of this stack, and one passes a key ARN from a variable
# whose default is also null.

variable "shared_key_arn" {
  description = "Key shared by the platform account, if any."
  type        = string
  default     = null
}

resource "aws_kms_key" "reports" {
  description         = "Reports bucket"
  enable_key_rotation = true
}

module "uploads" {
  source = "./modules/encrypted-bucket"
  name   = "northwind-uploads"
}

module "reports" {
  source      = "./modules/encrypted-bucket"
  name        = "northwind-reports-archive"
  kms_key_arn = aws_kms_key.reports.arn
}

module "shared" {
  source      = "./modules/encrypted-bucket"
  name        = "northwind-shared-exchange"
  kms_key_arn = var.shared_key_arn
}
