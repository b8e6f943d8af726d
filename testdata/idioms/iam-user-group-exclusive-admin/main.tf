variable "admin_users" {
  default = ["alice", "bob"]
}

resource "aws_iam_user" "ops" {
  for_each = toset(var.admin_users)
  name     = each.key
}

resource "aws_iam_group" "ops" {
  name = "platform-ops"
}

# Exclusive attachment resources (provider >= 5.7x) — the user gets full admin
resource "aws_iam_user_policy_attachments_exclusive" "ops" {
  for_each    = aws_iam_user.ops
  user_name   = each.value.name
  policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_group_policy_attachments_exclusive" "ops" {
  group_name  = aws_iam_group.ops.name
  policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}
