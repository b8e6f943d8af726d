# A change to existing infrastructure (prior.tfstate) that changes
# controls, not the resources they protect: a public access block is
# loosened, another is removed, and a role gets AdministratorAccess through
# a new attachment. With --changed-only, those buckets' and that role's
# failures are changed by the change and block; the old bucket, untouched,
# does not.

resource "aws_s3_bucket" "loosened" {
  bucket = "acme-changed-loosened"
}

resource "aws_s3_bucket_public_access_block" "loosened" {
  bucket                  = aws_s3_bucket.loosened.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "stripped" {
  bucket = "acme-changed-stripped"
}

resource "aws_s3_bucket" "old" {
  bucket = "acme-changed-old"
}

resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ops_admin" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
