# Two keys from the label-style module: one keeps its 10-day deletion window
# default, the other sets 30 days but passes a heredoc policy whose Allow uses
# NotPrincipal.

module "ssm_key" {
  source = "./modules/kms-key"
  name   = "northwind-ssm"
}

module "partner_key" {
  source = "./modules/kms-key"

  name                    = "northwind-partner"
  description             = "Partner exchange"
  deletion_window_in_days = 30

  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Root",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "EveryoneExceptQuarantine",
          "Effect": "Allow",
          "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/quarantine"},
          "Action": ["kms:Decrypt", "kms:DescribeKey"],
          "Resource": "*"
        }
      ]
    }
  JSON
}

module "unused_key" {
  source  = "./modules/kms-key"
  enabled = false
  name    = "northwind-unused"
}
