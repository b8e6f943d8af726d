# Key module in the label/context style: count from an enabled flag, the
# policy either given or the module's default document, aliases through
# join("", ...) of the splat. Its deletion window default is 10 days.

variable "enabled" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "description" {
  type    = string
  default = "Parameter Store KMS master key"
}

variable "deletion_window_in_days" {
  type    = number
  default = 10
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

variable "policy" {
  type    = string
  default = ""
}

variable "account_id" {
  type    = string
  default = "111122223333"
}

data "aws_iam_policy_document" "default" {
  count = var.enabled ? 1 : 0

  statement {
    sid       = "Enable IAM User Permissions"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "default" {
  count = var.enabled ? 1 : 0

  description             = var.description
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = var.enable_key_rotation
  policy                  = length(var.policy) > 0 ? var.policy : join("", data.aws_iam_policy_document.default[*].json)
}

resource "aws_kms_alias" "default" {
  count = var.enabled ? 1 : 0

  name          = "alias/${var.name}"
  target_key_id = join("", aws_kms_key.default[*].id)
}

output "key_arn" {
  value = join("", aws_kms_key.default[*].arn)
}
