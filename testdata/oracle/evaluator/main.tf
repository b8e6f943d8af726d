# The static evaluator's oracle: every output below is evaluated by
# tfgate and by terraform plan, and TestEvaluatorMatchesPlan requires the
# same values, and the same parts known only after apply. Each output
# exercises a piece of the language as public modules use it.

variable "settings" {
  type = object({
    name       = string
    versioning = optional(bool, true)
    tags       = optional(map(string), {})
    rules = optional(list(object({
      id      = string
      enabled = optional(bool, false)
      days    = optional(number)
    })), [])
  })
  default = {
    name  = "acme"
    rules = [{ id = "expire" }, { id = "archive", enabled = true, days = 30 }]
  }
}

variable "account_id" {
  type    = string
  default = "012345678901"
}

variable "count_of" {
  type    = number
  default = 2
}

variable "nullable_key" {
  type    = string
  default = null
}

variable "context" {
  type = any
  default = {
    enabled   = true
    namespace = "acme"
    tenant    = null
  }
}

variable "secret" {
  type      = string
  default   = "hunter2"
  sensitive = true
}

locals {
  enabled = lookup(var.context, "enabled", true)
  tenant  = lookup(var.context, "tenant", null)
  label   = join("-", compact([var.context.namespace, local.tenant, var.settings.name]))
  buckets = {
    logs = { versioning = true, kms = null }
    data = { versioning = false, kms = "alias/data" }
  }
  rules_by_id = { for r in var.settings.rules : r.id => r if r.enabled }
  flat        = flatten([for k, v in local.buckets : [for s in ["a", "b"] : "${k}-${s}"]])
  merged      = merge({ a = 1, b = 2 }, { b = 3, c = 4 })
}

resource "terraform_data" "later" {
  input = "x"
}

resource "aws_s3_bucket" "b" {
  for_each = local.buckets
  bucket   = "${local.label}-${each.key}"
  tags     = merge(var.settings.tags, { Name = each.key })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  for_each = { for k, v in local.buckets : k => v if v.kms != null }
  bucket   = aws_s3_bucket.b[each.key].id

  dynamic "rule" {
    for_each = [each.value]
    content {
      apply_server_side_encryption_by_default {
        sse_algorithm     = rule.value.kms == null ? "AES256" : "aws:kms"
        kms_master_key_id = rule.value.kms
      }
    }
  }
}

module "bucket" {
  source = "./modules/bucket"
  count  = var.count_of
  name   = "${local.label}-mod-${count.index}"
}

module "keyed" {
  source   = "./modules/bucket"
  for_each = toset(["x", "y"])
  name     = "${local.label}-${each.key}"
}

output "label" {
  value = local.label
}

output "tenant_is_null" {
  value = local.tenant == null
}

output "optional_defaults" {
  value = var.settings
}

output "rules_by_id" {
  value = local.rules_by_id
}

output "flat" {
  value = local.flat
}

output "merged" {
  value = local.merged
}

output "lookup_null_default" {
  value = lookup({ a = "x" }, "b", null) == null ? "absent" : "present"
}

output "coalesce" {
  value = coalesce("", var.nullable_key, "fallback")
}

output "try_missing" {
  value = try(var.settings.missing, "default")
}

output "can_index" {
  value = can(var.settings.rules[5])
}

output "bucket_names" {
  value = [for k in sort(keys(aws_s3_bucket.b)) : aws_s3_bucket.b[k].bucket]
}

output "bucket_arns" {
  value = { for k, b in aws_s3_bucket.b : k => b.arn }
}

output "sse_algorithms" {
  value = { for k, c in aws_s3_bucket_server_side_encryption_configuration.b : k => flatten([for r in c.rule : [for d in r.apply_server_side_encryption_by_default : d.sse_algorithm]]) }
}

output "module_names" {
  value = module.bucket[*].name
}

output "module_keyed" {
  value = { for k, m in module.keyed : k => m.name }
}

output "module_unknown" {
  value = module.bucket[0].id
}

output "later" {
  value = terraform_data.later.output
}

output "try_unknown" {
  value = try(terraform_data.later.output, "fallback")
}

output "arn" {
  value = "arn:aws:iam::${var.account_id}:root"
}

output "json" {
  value = jsonencode({ b = [1, 2], a = "x", c = null })
}

output "templated" {
  value = templatefile("${path.module}/template.tftpl", { name = local.label, items = ["one", "two"] })
}

output "file_json" {
  value = jsondecode(file("${path.module}/policy.json")).Statement[0].Effect
}

output "cidr" {
  value = [cidrsubnet("10.0.0.0/16", 8, 2), cidrhost("10.0.0.0/24", 5)]
}

output "strings" {
  value = [upper("a"), format("%03d", 7), replace("a-b-c", "-", "_"), substr("hello", 1, 3), title("acme corp"), trimprefix("aws:kms", "aws:")]
}

output "numbers" {
  value = [max(1, 5, 3), floor(2.7), parseint("ff", 16), sum([1, 2, 3]), length("héllo")]
}

output "secret_length" {
  value     = length(var.secret)
  sensitive = true
}

output "splat_tags" {
  value = values(aws_s3_bucket.b)[*].tags
}

output "conditional_count" {
  value = local.enabled ? length(module.bucket) : 0
}
