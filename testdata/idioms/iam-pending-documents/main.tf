# Policy documents that exist only after apply: one is published by another
# stack, another is built from a statement list known only after apply.

resource "terraform_data" "published_policy" {
  input = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "terraform_data" "statement_catalog" {
  input = jsonencode([{ sid = "Read", actions = ["s3:GetObject"] }])
}

resource "aws_iam_policy" "published" {
  name   = "published-by-platform"
  policy = terraform_data.published_policy.output
}

data "aws_iam_policy_document" "catalog" {
  dynamic "statement" {
    for_each = jsondecode(terraform_data.statement_catalog.output)

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}

resource "aws_iam_role" "worker" {
  name = "queue-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "worker" {
  name   = "catalog-permissions"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.catalog.json
}

resource "aws_iam_policy" "static" {
  name = "static-read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }]
  })
}
