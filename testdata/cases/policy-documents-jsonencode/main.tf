# Policy documents written as jsonencode(...) whose value is known only
# after apply, because a statement names the ARN of a resource the plan
# creates. What decides each statement (effect, actions, principals,
# conditions) is known, so the rules judge them; a part that may decide is
# unknown only where it really is.

variable "admin_resource" {
  type    = string
  default = "*"
}

resource "aws_s3_bucket" "public" {
  bucket_prefix = "public-"
}

resource "aws_s3_bucket" "private" {
  bucket_prefix = "private-"
}

resource "aws_s3_bucket" "tls_only" {
  bucket_prefix = "tls-only-"
}

resource "aws_s3_bucket" "undecided" {
  bucket_prefix = "undecided-"
}

resource "aws_s3_bucket_policy" "public" {
  bucket = aws_s3_bucket.public.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.public.arn}/*" }]
  })
}

resource "aws_s3_bucket_policy" "private" {
  bucket = aws_s3_bucket.private.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.private.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "tls_only" {
  bucket = aws_s3_bucket.tls_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.tls_only.arn, "${aws_s3_bucket.tls_only.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# The principal comes from another resource known only after apply: the
# statement cannot be decided.
resource "aws_iam_role" "reader" {
  name_prefix = "reader-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_s3_bucket_policy" "undecided" {
  bucket = aws_s3_bucket.undecided.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.reader.arn }, Action = "s3:GetObject", Resource = "${aws_s3_bucket.undecided.arn}/*" }]
  })
}

# Every action on a resource named by a variable and a new bucket: the
# variable is "*", so this is administrator access; a check that reads the
# document from its source cannot see the variable's value.
resource "aws_iam_policy" "admin" {
  name_prefix = "admin-"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = [var.admin_resource, aws_s3_bucket.private.arn] }]
  })
}

# Every action, but on one new bucket only: scoped.
resource "aws_iam_policy" "scoped" {
  name_prefix = "scoped-"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = [aws_s3_bucket.private.arn, "${aws_s3_bucket.private.arn}/*"] }]
  })
}
