# Break-glass policies with *, iam:* or NotAction fail; named actions pass.

resource "aws_iam_policy" "break_glass_star" {
  name = "break-glass-star"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = "*"
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_iam" {
  name = "break-glass-iam"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["iam:*", "ec2:DescribeInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_named" {
  name = "break-glass-named"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["ec2:StartInstances", "ec2:StopInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_not" {
  name = "break-glass-not"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = "iam:*", Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } } }]
  })
}
