# Left behind after yesterday's incident.

resource "aws_iam_policy" "stale" {
  name = "break-glass-db-restore"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Restore", Effect = "Allow", Action = ["rds:RestoreDBInstanceToPointInTime"], Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "2026-11-28T11:00:00Z" } } }
    ]
  })
}
