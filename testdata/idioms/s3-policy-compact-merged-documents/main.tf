# The wrapper-module idiom of public S3 modules: the bucket policy is
# data.aws_iam_policy_document.combined, whose source_policy_documents is
# compact([deny-insecure-transport JSON, var.policy]). The deny document
# names the new bucket's ARN, so the whole list is known only after apply
# and the plan hides what var.policy put in it. Each bucket passes a
# different policy through var.policy.

variable "public_policy" {
  type    = string
  default = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "WebsiteRead",
          "Effect": "Allow",
          "Principal": "*",
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::northwind-site-assets/*"
        }
      ]
    }
  EOT
}

locals {
  # A partner role of another account reads the exports: not public.
  partner_read = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerRead"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/exports-reader" }
      Action    = ["s3:GetObject"]
      Resource  = "arn:aws:s3:::northwind-partner-exports/*"
    }]
  })
}

resource "terraform_data" "cdn" {
  input = "northwind-cdn"
}

# A literal public statement passed to the module.
module "press_kit" {
  source = "./modules/s3-bucket"

  bucket                                = "northwind-press-kit"
  attach_deny_insecure_transport_policy = true
  attach_policy                         = true
  policy                                = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "PublicRead",
          "Effect": "Allow",
          "Principal": {"AWS": "*"},
          "Action": ["s3:GetObject"],
          "Resource": "arn:aws:s3:::northwind-press-kit/*"
        }
      ]
    }
  EOT
}

# A root variable's public default passed to the module.
module "site_assets" {
  source = "./modules/s3-bucket"

  bucket                                = "northwind-site-assets"
  attach_deny_insecure_transport_policy = true
  attach_policy                         = true
  policy                                = var.public_policy
}

# A local jsonencode of known values: a named principal of another account.
module "partner_exports" {
  source = "./modules/s3-bucket"

  bucket                                = "northwind-partner-exports"
  attach_deny_insecure_transport_policy = true
  attach_policy                         = true
  policy                                = local.partner_read
}

# A public statement whose Resource is known only after apply.
module "cdn_origin" {
  source = "./modules/s3-bucket"

  bucket                                = "northwind-cdn-origin"
  attach_deny_insecure_transport_policy = true
  attach_policy                         = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OriginRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::${terraform_data.cdn.output}/*"
    }]
  })
}
