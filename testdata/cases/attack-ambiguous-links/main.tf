# Expressions that mention more resources than they can evaluate to. A
# link is made only to what the value is when it is known; when it is not,
# the control may belong to any candidate, so none of them passes by it.

locals {
  use_bad = false
}

# Names known only after apply: the condition picks one, but which bucket
# the block protects is unknown until apply.
resource "aws_s3_bucket" "bad" {
  bucket_prefix = "bad-"
}

resource "aws_s3_bucket" "good" {
  bucket_prefix = "good-"
}

resource "aws_s3_bucket_public_access_block" "either" {
  bucket                  = local.use_bad ? aws_s3_bucket.bad.id : aws_s3_bucket.good.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Names known while planning: the value says which bucket it is.
resource "aws_s3_bucket" "named_bad" {
  bucket = "acme-ambiguous-named-bad"
}

resource "aws_s3_bucket" "named_good" {
  bucket = "acme-ambiguous-named-good"
}

resource "aws_s3_bucket_public_access_block" "named" {
  bucket                  = local.use_bad ? aws_s3_bucket.named_bad.id : aws_s3_bucket.named_good.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# An index that is always 0, and element() of a splat.
resource "aws_s3_bucket" "indexed" {
  count         = 2
  bucket_prefix = "indexed-"
}

resource "aws_s3_bucket_public_access_block" "indexed" {
  count                   = 1
  bucket                  = aws_s3_bucket.indexed[count.index * 0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "listed" {
  count         = 2
  bucket_prefix = "listed-"
}

resource "aws_s3_bucket_public_access_block" "listed" {
  bucket                  = element(aws_s3_bucket.listed[*].id, 0)
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# A module output names one of the module's buckets.
module "pair" {
  source = "./modules/pair"
}

resource "aws_s3_bucket_public_access_block" "pair" {
  bucket                  = module.pair.first
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# A public ACL that belongs to one of two buckets fails both.
resource "aws_s3_bucket" "site_a" {
  bucket_prefix = "site-a-"
}

resource "aws_s3_bucket" "site_b" {
  bucket_prefix = "site-b-"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = local.use_bad ? aws_s3_bucket.site_a.id : aws_s3_bucket.site_b.id
  acl    = "public-read"
}

# An inline policy that grants everything to one of two emergency roles:
# neither passes.
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "emergency_a" {
  name_prefix          = "break-glass-a-"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = 3600
}

resource "aws_iam_role" "emergency_b" {
  name_prefix          = "break-glass-b-"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "everything" {
  name = "everything"
  role = local.use_bad ? aws_iam_role.emergency_a.id : aws_iam_role.emergency_b.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
