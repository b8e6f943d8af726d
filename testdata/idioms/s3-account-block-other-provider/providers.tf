# second account (cross-account role in real life)
provider "aws" {
  alias                       = "log_archive"
  region                      = "us-east-1"
  access_key                  = "AKIAFIXTURE000000001"
  secret_key                  = "fixture-secret-key-not-real"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  # assume_role { role_arn = "arn:aws:iam::999988887777:role/OrganizationAccountAccessRole" }
}
