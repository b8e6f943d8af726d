resource "aws_iam_role" "app" {
  name = "app-runtime"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

# Key 1: caller-supplied policy, one statement names the app role (ARN known after apply),
# the other lets any AWS principal decrypt.
module "kms_shared" {
  source      = "./modules/kms"
  account_id  = "111122223333"
  description = "shared data key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Root"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AppUse"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.app.arn }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      },
      {
        Sid       = "PartnerRead"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
      }
    ]
  })
}

# Key 2: default policy (control, should pass)
module "kms_default" {
  source      = "./modules/kms"
  account_id  = "111122223333"
  description = "default policy key"
}

# Bucket with caller-supplied public policy (Resource is the bucket ARN, known after apply)
module "site" {
  source      = "./modules/bucket"
  name        = "acme-public-site-assets"
  kms_key_arn = module.kms_default.key_arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-public-site-assets/*"
      }, {
      Sid       = "AppWrite"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-public-site-assets/*"
    }]
  })
}
