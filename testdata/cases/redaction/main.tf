# A sensitive variable reaches a description, tags and a parameter value;
# a sensitive module output becomes a tag key; the provider marks a
# database password and a parameter value sensitive although they are
# written as literals; the backend holds literal credentials. No report may
# print any of them, whatever a rule puts in its messages.

terraform {
  backend "s3" {
    bucket     = "acme-state"
    key        = "pager/terraform.tfstate"
    region     = "us-east-1"
    encrypt    = true
    access_key = "AKIA-TOPSECRET-BACKEND"
    secret_key = "backend-TOPSECRET-key"
  }
}

variable "pager_secret" {
  type      = string
  sensitive = true
}

module "secret" {
  source = "./modules/secret"
  token  = "module-TOPSECRET-input"
}

resource "aws_kms_key" "pager" {
  description             = "pager integration key ${var.pager_secret}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags = {
    Pager                 = var.pager_secret
    (module.secret.label) = "routing"
  }
}

resource "aws_ssm_parameter" "pager" {
  name  = "/acme/pager/token"
  type  = "SecureString"
  value = var.pager_secret
}

resource "aws_ssm_parameter" "literal" {
  name  = "/acme/pager/literal"
  type  = "SecureString"
  value = "ssm-TOPSECRET-literal"
}

resource "aws_db_instance" "pager" {
  identifier        = "pager"
  instance_class    = "db.t3.micro"
  engine            = "postgres"
  allocated_storage = 20
  storage_encrypted = true
  username          = "pager"
  password          = "db-TOPSECRET-password"
}
