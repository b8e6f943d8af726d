# Heredoc with Action "*"; jsonencode with lists and a single statement object.

resource "aws_kms_key" "heredoc" {
  description             = "acme heredoc key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}
      ]
    }
  JSON
}

resource "aws_kms_key" "listed" {
  description             = "acme listed key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111122223333:root", "*"] }
      Action    = ["kms:Encrypt", "kms:*"]
      Resource  = "*"
    }
  })
}
