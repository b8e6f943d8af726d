# A fleet of buckets from the wrapper module with for_each, each merged over
# hardened defaults: versioning, KMS (or DSSE-KMS) with stack keys, full
# public access block, a TLS-only deny policy, and a read grant for one
# partner account in the policy.

resource "aws_kms_key" "fleet" {
  for_each = toset(["general", "regulated"])

  description         = "bucket fleet ${each.key}"
  enable_key_rotation = true
}

locals {
  defaults = {
    sse_algorithm = "aws:kms"
    key           = "general"
    partner_read  = false
  }

  fleet = {
    invoices = { key = "regulated", sse_algorithm = "aws:kms:dsse" }
    catalog  = { partner_read = true }
    backups  = {}
  }

  buckets = { for name, cfg in local.fleet : name => merge(local.defaults, cfg) }
}

data "aws_iam_policy_document" "partner_read" {
  statement {
    sid       = "PartnerRead"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::northwind-fleet-catalog/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:role/catalog-sync"]
    }
  }
}

module "fleet" {
  source   = "./modules/s3-bucket"
  for_each = local.buckets

  bucket                   = "northwind-fleet-${each.key}"
  control_object_ownership = true

  versioning = { enabled = true }

  server_side_encryption_configuration = {
    rule = {
      bucket_key_enabled = each.value.sse_algorithm == "aws:kms"
      apply_server_side_encryption_by_default = {
        sse_algorithm     = each.value.sse_algorithm
        kms_master_key_id = aws_kms_key.fleet[each.value.key].arn
      }
    }
  }

  attach_deny_insecure_transport_policy = true
  attach_policy                         = each.value.partner_read
  policy                                = each.value.partner_read ? data.aws_iam_policy_document.partner_read.json : null
}
