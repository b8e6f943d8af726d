# Three buckets from a context-style module: prod with a stack KMS key and
# SSL-only policy, dev with aws:kms and the module's empty-string key
# default, and a disabled instance that creates nothing.

resource "aws_kms_key" "prod" {
  description         = "prod data"
  enable_key_rotation = true
}

module "prod_data" {
  source = "./modules/s3-bucket"

  namespace = "nw"
  stage     = "prod"
  name      = "data"

  sse_algorithm           = "aws:kms"
  kms_master_key_arn      = aws_kms_key.prod.arn
  bucket_key_enabled      = true
  allow_ssl_requests_only = true
  acl                     = "private"
}

module "dev_data" {
  source = "./modules/s3-bucket"

  namespace = "nw"
  stage     = "dev"
  name      = "data"

  sse_algorithm        = "aws:kms"
  versioning_enabled   = false
  ignore_public_acls   = false
  acl                  = "authenticated-read"
}

module "sandbox_data" {
  source = "./modules/s3-bucket"

  enabled   = false
  namespace = "nw"
  stage     = "sandbox"
  name      = "data"
  acl       = "public-read-write"
}
