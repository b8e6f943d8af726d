variable "create_bucket" {
  description = "Whether to create the bucket and everything attached to it."
  type        = bool
  default     = true
}

variable "bucket" {
  type    = string
  default = null
}

variable "bucket_prefix" {
  type    = string
  default = null
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "control_object_ownership" {
  type    = bool
  default = false
}

variable "object_ownership" {
  type    = string
  default = "BucketOwnerEnforced"
}

variable "versioning" {
  description = "Map with enabled / status / mfa_delete."
  type        = map(string)
  default     = {}
}

variable "server_side_encryption_configuration" {
  description = "Map with a rule (or list of rules) as the bucket resource's block."
  type        = any
  default     = {}
}

variable "attach_public_access_block" {
  type    = bool
  default = true
}

variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

variable "acl" {
  description = "Canned ACL; null leaves the bucket without an ACL resource."
  type        = string
  default     = null
}

variable "grant" {
  description = "ACL grants (permission, type, id or uri)."
  type        = any
  default     = []
}

variable "owner_id" {
  type    = string
  default = null
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = false
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}
