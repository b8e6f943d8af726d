# A stack whose state lives in S3 with server-side encryption under a
# customer key and DynamoDB locking, written the way a bootstrap module's
# README suggests. (The fixture script swaps in a local backend to plan, so
# the backend is judged from this file.)

terraform {
  required_version = ">= 1.5"

  backend "s3" {
    bucket         = "northwind-terraform-state-111122223333"
    key            = "platform/network/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    kms_key_id     = "arn:aws:kms:us-east-1:111122223333:key/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"
    dynamodb_table = "northwind-terraform-locks"
  }
}

resource "aws_kms_key" "network" {
  description         = "Network stack secrets"
  enable_key_rotation = true
}
