resource "aws_s3_bucket" "b" { bucket = "hunt13p-b" }
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}
module "m" {
  source = "./mod"
  bucket = aws_s3_bucket.b.id
  policy = replace(data.aws_iam_policy_document.p.json, "arn:aws:iam::123456789012:root", "*")
}
