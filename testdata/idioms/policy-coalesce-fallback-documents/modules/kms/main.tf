# Mimics terraform-aws-modules/kms: the caller may pass a full policy, else the module's default document is used.
variable "policy" {
  type    = string
  default = null
}
variable "account_id" { type = string }
variable "description" { type = string }

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "Default"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = coalesce(var.policy, data.aws_iam_policy_document.this.json)
}

output "key_arn" { value = aws_kms_key.this.arn }
