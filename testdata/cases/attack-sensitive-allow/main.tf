# A sensitive variable whose value is "Allow" must not hide the Allow of
# every statement: redaction hides what Terraform marks and whole copies of
# it within the same resource, never a word of an unrelated document.

variable "unused" {
  type      = string
  default   = "Allow"
  sensitive = true
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-attack-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-attack-site/*"
    }]
  })
}
