# Attaches a heredoc policy to a bucket created elsewhere. The condition
# block is passed in as rendered JSON.

variable "bucket_id" {
  type = string
}

variable "bucket_name" {
  type = string
}

variable "condition_json" {
  type = string
}

resource "aws_s3_bucket_policy" "this" {
  bucket = var.bucket_id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "SharedRead",
          "Effect": "Allow",
          "Principal": {"AWS": "*"},
          "Action": ["s3:GetObject", "s3:ListBucket"],
          "Resource": [
            "arn:aws:s3:::${var.bucket_name}",
            "arn:aws:s3:::${var.bucket_name}/*"
          ],
          "Condition": ${var.condition_json}
        }
      ]
    }
  POLICY
}
