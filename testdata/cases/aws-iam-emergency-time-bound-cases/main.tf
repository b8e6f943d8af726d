# Break-glass policies: a bound 2h ahead passes; none, 48h ahead, past, and a lower bound alone fail; DateLessThanEquals counts.

resource "aws_iam_policy" "break_glass_ok" {
  name = "break-glass-ok"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["ec2:StartInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "2h") } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_none" {
  name = "break-glass-none"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Access"
      Effect   = "Allow"
      Action   = ["ec2:StartInstances"]
      Resource = "*"
    }]
  })
}
resource "aws_iam_policy" "break_glass_long" {
  name = "break-glass-long"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["ec2:StartInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "48h") } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_expired" {
  name = "break-glass-expired"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["ec2:StartInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = "2020-01-01T00:00:00Z" } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_lower" {
  name = "break-glass-lower"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["ec2:StartInstances"]
      Resource  = "*"
      Condition = { DateGreaterThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "-1h") } }
    }]
  })
}
resource "aws_iam_policy" "break_glass_lte" {
  name = "break-glass-lte"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Access"
      Effect    = "Allow"
      Action    = ["ec2:StartInstances"]
      Resource  = "*"
      Condition = { DateLessThanEquals = { "aws:CurrentTime" = timeadd(plantimestamp(), "3h") } }
    }]
  })
}
resource "aws_iam_policy" "deploy_ordinary" {
  name = "deploy-ordinary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Access"
      Effect   = "Allow"
      Action   = ["ec2:StartInstances"]
      Resource = "*"
    }]
  })
}
