# Buckets from the wrapper module (count-based, ids through try() outputs);
# their policies from a second module that reads a static JSON file with
# file("${path.module}/...").

module "cdn_origin" {
  source = "./modules/s3-bucket"
  bucket = "northwind-cdn-origin"
}

module "cdn_origin_policy" {
  source      = "./modules/static-policy"
  bucket_id   = module.cdn_origin.s3_bucket_id
  policy_file = "cloudfront-oac.json"
}

module "downloads" {
  source = "./modules/s3-bucket"
  bucket = "northwind-downloads"

  block_public_policy     = false
  restrict_public_buckets = false
}

module "downloads_policy" {
  source      = "./modules/static-policy"
  bucket_id   = module.downloads.s3_bucket_id
  policy_file = "public-downloads.json"
}
