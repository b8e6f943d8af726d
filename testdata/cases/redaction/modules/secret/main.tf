# A module whose outputs are sensitive. Terraform keeps the mark on a value
# that flows into a resource, but not on a map key built from one.

variable "token" {
  type      = string
  sensitive = true
}

output "label" {
  value     = "label-TOPSECRET-9"
  sensitive = true
}

output "token" {
  value     = var.token
  sensitive = true
}
