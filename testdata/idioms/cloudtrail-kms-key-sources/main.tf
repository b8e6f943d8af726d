# Where a trail's key comes from: a key of this stack through a module
# output, a literal alias ARN, and a key ARN another stack hands over after
# apply.

module "trail_key" {
  source      = "./modules/kms"
  description = "Trail logs"
}

resource "terraform_data" "security_account" {
  input = {
    trail_key_arn = "arn:aws:kms:us-east-1:999988887777:key/7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b"
  }
}

resource "aws_cloudtrail" "from_module" {
  name                       = "northwind-from-module"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = module.trail_key.key_arn
}

resource "aws_cloudtrail" "literal_alias" {
  name                       = "northwind-literal-alias"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:alias/northwind-trail"
}

resource "aws_cloudtrail" "handed_over" {
  name                       = "northwind-handed-over"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = terraform_data.security_account.output.trail_key_arn
}
