variable "key_arn" {
  type = string
}

module "logs" {
  source = "../logs"
  name   = "acme-platform-logs"
}

module "guard" {
  source    = "../guard"
  bucket_id = module.logs.id
  key_arn   = var.key_arn
}
