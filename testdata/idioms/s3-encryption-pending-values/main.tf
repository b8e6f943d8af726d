# Values handed over from another stack after it applies (modelled with
# terraform_data): a key ARN, an algorithm, and the bucket name of an
# encryption configuration that is not tied to any bucket of this stack.

resource "terraform_data" "handover" {
  input = {
    key_arn   = "arn:aws:kms:us-east-1:111122223333:key/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
    algorithm = "aws:kms"
    bucket    = "northwind-orphan"
  }
}

resource "aws_s3_bucket" "staging" {
  bucket = "northwind-staging"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "staging" {
  bucket = aws_s3_bucket.staging.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = terraform_data.handover.output.key_arn
    }
  }
}

resource "aws_s3_bucket" "ingest" {
  bucket = "northwind-ingest"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ingest" {
  bucket = aws_s3_bucket.ingest.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = terraform_data.handover.output.algorithm
    }
  }
}

resource "aws_s3_bucket" "orphan" {
  bucket = "northwind-orphan"
}

# Attached by a name known only after apply; it may be the orphan bucket's.
resource "aws_s3_bucket_server_side_encryption_configuration" "handed_over" {
  bucket = terraform_data.handover.output.bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
