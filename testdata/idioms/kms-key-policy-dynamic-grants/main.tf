# Keys from a map, their policies set with aws_kms_key_policy from documents
# whose usage statements are produced by dynamic "statement" over each key's
# grant list.

variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "keys" {
  type = map(list(object({
    sid        = string
    principals = list(string)
    caller     = optional(string)
  })))
  default = {
    ingest = [
      { sid = "Pipeline", principals = ["arn:aws:iam::111122223333:role/ingest-pipeline"] },
      { sid = "AccountServices", principals = ["*"], caller = "111122223333" },
    ]
    exports = [
      { sid = "Exporter", principals = ["arn:aws:iam::111122223333:role/exporter"] },
      { sid = "Consumers", principals = ["*"] },
    ]
  }
}

resource "aws_kms_key" "this" {
  for_each = var.keys

  description         = "northwind ${each.key}"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "this" {
  for_each = var.keys

  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = each.value

    content {
      sid       = statement.value.sid
      actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = statement.value.principals
      }

      dynamic "condition" {
        for_each = statement.value.caller != null ? [statement.value.caller] : []

        content {
          test     = "StringEquals"
          variable = "kms:CallerAccount"
          values   = [condition.value]
        }
      }
    }
  }
}

resource "aws_kms_key_policy" "this" {
  for_each = var.keys

  key_id = aws_kms_key.this[each.key].key_id
  policy = data.aws_iam_policy_document.this[each.key].json
}
