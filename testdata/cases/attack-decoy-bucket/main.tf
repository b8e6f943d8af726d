# A decoy: configurations whose bucket is known only after apply and names
# no bucket of the plan. Each can configure one bucket at most, so with
# three buckets lacking versioning and encryption and one decoy of each,
# at least two buckets surely lack them: none is excused, every one fails.

resource "aws_s3_bucket" "a" {
  bucket = "acme-decoy-a"
}

resource "aws_s3_bucket" "b" {
  bucket = "acme-decoy-b"
}

resource "aws_s3_bucket" "c" {
  bucket = "acme-decoy-c"
}

resource "aws_s3_bucket_versioning" "decoy" {
  bucket = "x${substr(timestamp(), 0, 0)}"
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "decoy" {
  bucket = "x${substr(timestamp(), 0, 0)}"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "a" {
  bucket                  = aws_s3_bucket.a.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# One decoy block and one bucket without a block: the decoy may be its
# block, so the bucket is unknown.
resource "aws_s3_bucket_public_access_block" "decoy" {
  bucket                  = "x${substr(timestamp(), 0, 0)}"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
