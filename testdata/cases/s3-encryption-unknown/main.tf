# Case: an encryption configuration that cannot be tied to any bucket.
#
# The bucket name for the encryption configuration comes from a terraform_data
# output, which is unknown until apply and is not a reference to an
# aws_s3_bucket. The bucket below uses bucket_prefix, so its name is unknown
# too. Nothing in the plan proves that the configuration encrypts the bucket,
# so the bucket must not be reported as encrypted.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "terraform_data" "bucket_name" {
  input = "acme-unknown"
}

resource "aws_kms_key" "this" {
  description         = "acme-unknown: bucket encryption"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "this" {
  bucket_prefix = "acme-unknown-"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "detached" {
  bucket = terraform_data.bucket_name.output

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
  }
}
