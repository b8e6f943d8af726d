# A change to an existing foundation (prior.tfstate): the old KMS key and the
# lock table are removed from the configuration, a bucket is renamed (a
# replace), and a bucket loses its versioning resource. The kept bucket is
# untouched.

resource "aws_s3_bucket" "renamed" {
  bucket = "acme-new-name"
}

resource "aws_s3_bucket" "kept" {
  bucket = "acme-kept"
}
