# Buckets come from the wrapper module; their ACLs are set by a second module
# that only receives the bucket id through the first module's output.

module "site" {
  source = "./modules/s3-bucket"

  bucket                   = "northwind-marketing-site"
  control_object_ownership = true
  object_ownership         = "BucketOwnerPreferred"

  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

module "site_acl" {
  source = "./modules/bucket-acl"

  bucket_id = module.site.s3_bucket_id
  acl       = "public-read"
}

module "access_logs" {
  source = "./modules/s3-bucket"

  bucket                   = "northwind-access-logs"
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
}

module "access_logs_acl" {
  source = "./modules/bucket-acl"

  bucket_id = module.access_logs.s3_bucket_id
  acl       = "log-delivery-write"
}
