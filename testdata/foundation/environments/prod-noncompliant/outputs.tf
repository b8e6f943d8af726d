output "state_bucket" {
  description = "Bucket holding Terraform state (use in backend configs)."
  value       = module.buckets["state"].bucket_name
}

output "lock_table" {
  description = "DynamoDB table used for state locking."
  value       = aws_dynamodb_table.terraform_locks.name
}

output "kms_key_arns" {
  description = "KMS key ARN per purpose."
  value       = { for purpose, key in module.kms : purpose => key.key_arn }
}

output "bucket_arns" {
  description = "ARNs of the shared buckets by purpose."
  value       = { for purpose, b in module.buckets : purpose => b.bucket_arn }
}

output "cloudtrail_arn" {
  description = "ARN of the audit trail."
  value       = module.cloudtrail.trail_arn
}

output "break_glass_role_arn" {
  description = "ARN of the break-glass role."
  value       = module.break_glass.role_arn
}
