provider "aws" {
  region = var.region

  # Applied to every taggable resource; shows up as tags_all in plans.
  default_tags {
    tags = {
      Environment = var.environment
      ManagedBy   = "terraform"
      Repository  = "acme/infra-foundation"
      CostCenter  = "platform-security"
    }
  }
}
