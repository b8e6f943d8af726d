# A bucket adopted from an older stack whose encryption rule is left alone
# (ignore_changes): the plan carries the algorithm recorded in the state,
# "aws:kms:aes", which is not an S3 algorithm. The provider rejects such a
# value in configuration, so it can only reach a plan this way. A second,
# new bucket uses AES256.

resource "aws_s3_bucket" "legacy" {
  bucket = "northwind-legacy-uploads"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }

  lifecycle {
    ignore_changes = [rule]
  }
}

resource "aws_s3_bucket" "fresh" {
  bucket = "northwind-fresh-uploads"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fresh" {
  bucket = aws_s3_bucket.fresh.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
