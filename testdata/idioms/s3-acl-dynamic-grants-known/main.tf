# Bucket ACL grants built by the module's dynamic "grant" block from lists
# known at plan time, for three buckets of a module for_each.

variable "owner_canonical_id" {
  type    = string
  default = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
}

variable "partner_canonical_id" {
  type    = string
  default = "be4d1f2a0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b"
}

locals {
  owner_grant = {
    type       = "CanonicalUser"
    id         = var.owner_canonical_id
    permission = "FULL_CONTROL"
  }

  grants = {
    partner-drop = [
      local.owner_grant,
      { type = "Group", uri = "http://acs.amazonaws.com/groups/global/AllUsers", permission = "READ" },
    ]
    shared = [
      local.owner_grant,
      { type = "CanonicalUser", id = var.partner_canonical_id, permission = "READ" },
    ]
    any-aws-account = [
      local.owner_grant,
      { type = "Group", uri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", permission = "READ_ACP" },
    ]
  }
}

module "bucket" {
  source   = "./modules/s3-bucket"
  for_each = local.grants

  bucket                   = "northwind-${each.key}"
  control_object_ownership = true
  object_ownership         = "BucketOwnerPreferred"
  owner_id                 = var.owner_canonical_id
  grant                    = each.value
}
