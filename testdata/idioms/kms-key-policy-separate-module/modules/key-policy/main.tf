# Sets the policy of a key created elsewhere (aws_kms_key_policy), with the
# statements given as a heredoc template.

variable "key_id" {
  type = string
}

variable "account_id" {
  type = string
}

variable "consumer_principal" {
  type = string
}

resource "aws_kms_key_policy" "this" {
  key_id = var.key_id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Id": "key-consumers",
      "Statement": [
        {
          "Sid": "Root",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::${var.account_id}:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "Consumers",
          "Effect": "Allow",
          "Principal": {"AWS": ${jsonencode(var.consumer_principal)}},
          "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
          "Resource": "*"
        }
      ]
    }
  EOT
}
