# Keys from a map with per-key settings read with lookup() and coalesce().

variable "keys" {
  type = any
  default = {
    orders = {
      deletion_window_in_days = 30
    }
    sessions = {
      deletion_window_in_days = 7
    }
    exports = {}
    retired = {
      enabled = false
      window  = 14
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = var.keys

  description             = "northwind ${each.key}"
  enable_key_rotation     = lookup(each.value, "rotate", true)
  is_enabled              = lookup(each.value, "enabled", true)
  deletion_window_in_days = coalesce(lookup(each.value, "deletion_window_in_days", null), try(each.value.window, null), 30)
}

resource "aws_kms_alias" "this" {
  for_each = aws_kms_key.this

  name          = "alias/northwind-${each.key}"
  target_key_id = each.value.key_id
}
