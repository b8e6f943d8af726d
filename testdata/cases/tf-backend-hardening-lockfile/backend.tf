terraform {
  backend "s3" {
    bucket       = "acme-state"
    key          = "ok/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
