# Public access blocks written by hand and through the wrapper: one leaves a
# setting out, one takes a setting from a value known only after apply, one
# module instance turns the block off, one keeps the module defaults.

resource "terraform_data" "guardrail_mode" {
  input = "strict"
}

resource "aws_s3_bucket" "handwritten" {
  bucket = "northwind-handwritten"
}

resource "aws_s3_bucket_public_access_block" "handwritten" {
  bucket = aws_s3_bucket.handwritten.id

  block_public_acls   = true
  block_public_policy = true
  ignore_public_acls  = true
}

module "bucket" {
  source = "./modules/s3-bucket"
  for_each = {
    guarded  = { attach = true, strict = terraform_data.guardrail_mode.output == "strict" }
    unguarded = { attach = false, strict = true }
    defaults = { attach = true, strict = true }
  }

  bucket                     = "northwind-${each.key}"
  attach_public_access_block = each.value.attach
  block_public_policy        = each.value.strict
}
