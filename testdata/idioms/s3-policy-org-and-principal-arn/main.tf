# Buckets in the root module, their policies in a module called with
# for_each. The heredoc template differs only in its Condition.

locals {
  shares = {
    org-artifacts = jsonencode({ StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } })
    any-deployer  = jsonencode({ ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/deployer" } })
    ci-cache      = jsonencode({ ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::444455556666:role/ci-runner" } })
    not-org       = jsonencode({ StringNotEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } })
  }
}

resource "aws_s3_bucket" "share" {
  for_each = local.shares
  bucket   = "northwind-${each.key}"
}

module "share_policy" {
  source   = "./modules/bucket-policy"
  for_each = local.shares

  bucket_id      = aws_s3_bucket.share[each.key].id
  bucket_name    = aws_s3_bucket.share[each.key].bucket
  condition_json = each.value
}
