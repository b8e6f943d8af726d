output "cloudtrail_arn" {
  value = try(aws_cloudtrail.this[0].arn, "")
}
