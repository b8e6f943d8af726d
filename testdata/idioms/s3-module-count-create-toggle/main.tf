# The same wrapper module called three times: one instance switched off with
# create_bucket = false, one bare scratch bucket, one with AES256 and
# versioning given as a lower-case status string.

module "archive" {
  source = "./modules/s3-bucket"

  create_bucket = false
  bucket        = "northwind-archive"

  versioning = { enabled = true }
}

module "scratch" {
  source = "./modules/s3-bucket"

  bucket                     = "northwind-scratch"
  force_destroy              = true
  attach_public_access_block = false
}

module "reports" {
  source = "./modules/s3-bucket"

  bucket = "northwind-reports"

  versioning = {
    status = "suspended"
  }

  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "AES256"
      }
    }
  }
}

output "archive_bucket" {
  value = module.archive.s3_bucket_id
}
