# Remote state lives in the bucket and lock table this stack creates itself.
# Bootstrap: the first apply ran with a local backend, then `terraform init
# -migrate-state` moved the state here.
terraform {
  backend "s3" {
    bucket         = "acme-prod-terraform-state"
    key            = "foundation/prod/terraform.tfstate"
    region         = "eu-west-1"
    encrypt        = true
    kms_key_id     = "alias/acme-prod-state"
    dynamodb_table = "acme-prod-terraform-locks"
  }
}
