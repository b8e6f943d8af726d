# Key policies in the shape of the popular kms module: the administrators'
# statement names a role the same change makes (its ARN is known only
# after apply), and another statement is fully known. A known statement
# that gives the key to everyone decides the verdict whatever the
# administrators turn out to be.
resource "aws_iam_role" "key_admin" {
  name = "kms-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } }]
  })
}

locals {
  keys = {
    open = {
      users = ["*"]
    }
    scoped = {
      users = ["arn:aws:iam::111122223333:role/app"]
    }
  }
}

data "aws_iam_policy_document" "key" {
  for_each = local.keys

  statement {
    sid       = "KeyAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.key_admin.arn]
    }
  }

  statement {
    sid       = "KeyUsage"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = each.value.users
    }
  }
}

resource "aws_kms_key" "this" {
  for_each            = local.keys
  description         = "${each.key} key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key[each.key].json
}
