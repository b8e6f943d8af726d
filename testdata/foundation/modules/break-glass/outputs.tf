output "role_arn" {
  description = "ARN of the break-glass role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the break-glass role."
  value       = aws_iam_role.this.name
}

output "policy_arn" {
  description = "ARN of the emergency access policy."
  value       = aws_iam_policy.emergency_access.arn
}
