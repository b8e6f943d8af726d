output "bucket_id" {
  description = "Bucket name as returned by the API (same as bucket_name)."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "bucket_name" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.bucket
}
