# A sensitive variable reaches a description, tags and a parameter value.
# No report may print it, whatever a rule puts in its messages.

variable "pager_secret" {
  type      = string
  sensitive = true
}

resource "aws_kms_key" "pager" {
  description             = "pager integration key ${var.pager_secret}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags = {
    Pager = var.pager_secret
  }
}

resource "aws_ssm_parameter" "pager" {
  name  = "/acme/pager/token"
  type  = "SecureString"
  value = var.pager_secret
}
