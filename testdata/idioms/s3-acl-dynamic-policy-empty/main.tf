# Log buckets with a canned ACL through the module (the access_control_policy
# block expands to nothing), and one whose grants give AllUsers READ.
module "logs" {
  source = "./modules/bucket"
  name   = "acme-idiom-acl-logs"
  acl    = "log-delivery-write"
}

module "private" {
  source = "./modules/bucket"
  name   = "acme-idiom-acl-private"
  acl    = "private"
}

module "shared" {
  source = "./modules/bucket"
  name   = "acme-idiom-acl-shared"
  grant = [
    { type = "CanonicalUser", permission = "FULL_CONTROL", id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
    { type = "Group", permission = "READ", uri = "http://acs.amazonaws.com/groups/global/AllUsers" },
  ]
}
