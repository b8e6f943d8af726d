variable "enabled" {
  type    = bool
  default = true
}

variable "namespace" {
  type    = string
  default = null
}

variable "stage" {
  type    = string
  default = null
}

variable "name" {
  type    = string
  default = null
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "versioning_enabled" {
  type    = bool
  default = true
}

variable "sse_algorithm" {
  type    = string
  default = "AES256"
}

variable "kms_master_key_arn" {
  description = "Key for aws:kms; an empty string means the AWS-managed key."
  type        = string
  default     = ""
}

variable "bucket_key_enabled" {
  type    = bool
  default = false
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
  type    = string
  default = null
}

variable "allow_ssl_requests_only" {
  type    = bool
  default = false
}
