# A stack whose backend was copied from an old example: encryption is off and
# nothing locks the state. (Judged from the sources; the fixture script plans
# with a local backend.)

terraform {
  backend "s3" {
    bucket               = "northwind-terraform-state-111122223333"
    key                  = "apps/storefront/terraform.tfstate"
    workspace_key_prefix = "envs"
    region               = "us-east-1"
    encrypt              = false
    use_lockfile         = false
  }
}

resource "aws_kms_key" "storefront" {
  description         = "Storefront"
  enable_key_rotation = true
}
