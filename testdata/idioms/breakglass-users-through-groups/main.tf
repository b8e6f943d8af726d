# CIS-style: IAM users get permissions only through groups. The break-glass user is in an emergency group.
resource "aws_iam_user" "bg" {
  name = "breakglass-admin"
  tags = { Purpose = "break-glass" }
}

resource "aws_iam_group" "bg" {
  name = "emergency-operators"
}

resource "aws_iam_user_group_membership" "bg" {
  user   = aws_iam_user.bg.name
  groups = [aws_iam_group.bg.name]
}

# inline group policy, no time bound, service wildcards
resource "aws_iam_group_policy" "bg" {
  name  = "ops"
  group = aws_iam_group.bg.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:*", "ec2:*"], Resource = "*" }]
  })
}

# AWS-managed FullAccess attached to the group
resource "aws_iam_group_policy_attachment" "bg" {
  group      = aws_iam_group.bg.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

# A second break-glass user with AWS-managed FullAccess attached directly (no group)
resource "aws_iam_user" "bg2" {
  name = "incident-responder"
}
resource "aws_iam_user_policy_attachment" "bg2" {
  user       = aws_iam_user.bg2.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}
resource "aws_iam_user_policy_attachments_exclusive" "bg2" {
  user_name   = aws_iam_user.bg2.name
  policy_arns = ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"]
}

# A third break-glass user added to a normal-named group through aws_iam_group_membership
resource "aws_iam_user" "bg3" {
  name = "break_glass_dba"
}
resource "aws_iam_group" "dba" {
  name = "dba"
}
resource "aws_iam_group_membership" "dba" {
  name  = "dba-members"
  group = aws_iam_group.dba.name
  users = [aws_iam_user.bg3.name]
}
resource "aws_iam_policy" "dba" {
  name = "dba-access"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["rds:*", "kms:*"], Resource = "*" }]
  })
}
resource "aws_iam_group_policy_attachment" "dba" {
  group      = aws_iam_group.dba.name
  policy_arn = aws_iam_policy.dba.arn
}
