# the break-glass stack tags everything it creates
provider "aws" {
  alias                       = "breakglass"
  region                      = "us-east-1"
  access_key                  = "AKIAFIXTURE000000000"
  secret_key                  = "fixture-secret-key-not-real"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  default_tags {
    tags = { AccessType = "BreakGlass", Owner = "secops" }
  }
}
