# account-level block applied through the log-archive account's provider,
# i.e. to a different account than the bucket below
resource "aws_s3_account_public_access_block" "log_archive" {
  provider                = aws.log_archive
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-public-reports"
}

resource "aws_s3_bucket_acl" "reports" {
  bucket = aws_s3_bucket.reports.id
  acl    = "public-read"
}
