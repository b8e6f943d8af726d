terraform {
  backend "s3" {
    bucket = "acme-state"
    key    = "weak/terraform.tfstate"
    region = "us-east-1"
  }
}
