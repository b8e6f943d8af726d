# module.guard[k] configures aws_s3_bucket.lake[k].

resource "aws_kms_key" "main" {
  description             = "acme data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "lake" {
  for_each = toset(["raw", "curated"])
  bucket   = "acme-lake-${each.key}"
}

module "guard" {
  source   = "./modules/guard"
  for_each = aws_s3_bucket.lake
  bucket   = each.value.id
  key_arn  = aws_kms_key.main.arn
}
