# A minimal naming/context module: enabled flag and a joined id.

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

variable "attributes" {
  type    = list(string)
  default = []
}

locals {
  id = lower(join("-", compact(concat([var.namespace, var.stage, var.name], var.attributes))))
}

output "enabled" {
  value = var.enabled
}

output "id" {
  value = var.enabled ? local.id : ""
}

output "tags" {
  value = var.enabled ? { Namespace = var.namespace, Stage = var.stage, Name = local.id } : {}
}
