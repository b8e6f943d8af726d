# Two buckets; the caller configures only the first through an output.
resource "aws_s3_bucket" "first" {
  bucket_prefix = "pair-first-"
}

resource "aws_s3_bucket" "second" {
  bucket_prefix = "pair-second-"
}

output "first" {
  value = aws_s3_bucket.first.id
}

output "second" {
  value = aws_s3_bucket.second.id
}
