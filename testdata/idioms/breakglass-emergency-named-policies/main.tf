# Customer-managed policies prepared for emergencies but not attached yet:
# they grant emergency access by their name or tags.

resource "aws_iam_policy" "db_restore" {
  name        = "emergency-db-restore"
  description = "Attached to the responder role during a database outage"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "rds:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "readonly" {
  name_prefix = "incident-readonly-"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["cloudwatch:GetMetricData", "logs:FilterLogEvents"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "4h") } }
    }]
  })
}

resource "aws_iam_policy" "network" {
  name = "network-failover"
  tags = {
    access-type = "break-glass"
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["route53:ChangeResourceRecordSets"]
      Resource  = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "48h") } }
    }]
  })
}
