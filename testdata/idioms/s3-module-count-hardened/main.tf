# A hardened log bucket built through a count-based wrapper module: versioned,
# KMS-encrypted with a key of this stack, public access blocked, and a bucket
# policy that only denies plain-HTTP access.

variable "account_id" {
  type    = string
  default = "111122223333"
}

resource "aws_kms_key" "objects" {
  description             = "Audit log objects"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

module "audit_logs" {
  source = "./modules/s3-bucket"

  bucket                   = "northwind-audit-logs-${var.account_id}"
  control_object_ownership = true
  object_ownership         = "BucketOwnerEnforced"

  versioning = {
    enabled = true
  }

  server_side_encryption_configuration = {
    rule = {
      bucket_key_enabled = true
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.objects.arn
      }
    }
  }

  attach_deny_insecure_transport_policy = true
}

output "bucket_id" {
  value = module.audit_logs.s3_bucket_id
}
