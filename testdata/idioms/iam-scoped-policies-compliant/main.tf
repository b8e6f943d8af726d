# Workload policies as application teams write them: a policy document
# merged from per-feature documents, a group policy read from a template
# file, and a role policy in jsonencode. Service wildcards are scoped to
# specific resources; nothing grants * on *.

data "aws_iam_policy_document" "queue_access" {
  statement {
    sid       = "Queue"
    actions   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = ["arn:aws:sqs:us-east-1:111122223333:orders"]
  }
}

data "aws_iam_policy_document" "table_access" {
  statement {
    sid       = "Table"
    actions   = ["dynamodb:*"]
    resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/orders", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*"]
  }
}

data "aws_iam_policy_document" "orders_service" {
  source_policy_documents = [
    data.aws_iam_policy_document.queue_access.json,
    data.aws_iam_policy_document.table_access.json,
  ]

  statement {
    sid       = "DenyOtherTables"
    effect    = "Deny"
    actions   = ["*"]
    not_resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/orders*", "arn:aws:sqs:us-east-1:111122223333:orders"]
  }
}

resource "aws_iam_policy" "orders_service" {
  name   = "orders-service"
  policy = data.aws_iam_policy_document.orders_service.json
}

resource "aws_iam_role" "orders_service" {
  name = "orders-service"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "orders_service" {
  role       = aws_iam_role.orders_service.name
  policy_arn = aws_iam_policy.orders_service.arn
}

resource "aws_iam_role_policy" "orders_logs" {
  name = "logs"
  role = aws_iam_role.orders_service.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/orders:*" }]
  })
}

resource "aws_iam_group" "data_engineers" {
  name = "data-engineers"
}

resource "aws_iam_group_policy" "data_engineers" {
  name  = "lake-access"
  group = aws_iam_group.data_engineers.name
  policy = templatefile("${path.module}/lake-access.json.tpl", {
    bucket = "northwind-lake"
  })
}
