# Incident tooling: the Incident Manager service role and a Lambda role whose
# names say "incident" are trusted only by AWS services and are not
# break-glass; the human incident-commander role is; a role trusted by both a
# service and an account is a human-assumable role as well.

variable "account_id" {
  type    = string
  default = "111122223333"
}

data "aws_iam_policy_document" "ssm_incidents_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ssm-incidents.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "incident_manager" {
  name                 = "incident-manager-automation"
  description          = "Lets Incident Manager run response plans"
  assume_role_policy   = data.aws_iam_policy_document.ssm_incidents_trust.json
  max_session_duration = 43200
}

resource "aws_iam_role_policy" "response_plans" {
  name = "response-plan-runner"
  role = aws_iam_role.incident_manager.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssm:*", "ssm-contacts:*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "incident_lambda" {
  name = "IncidentTicketSync"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = ["lambda.amazonaws.com"] }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "incident_lambda" {
  role       = aws_iam_role.incident_lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role" "incident_commander" {
  name = "incident-commander"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:role/oncall" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "incident_commander" {
  name = "commander"
  role = aws_iam_role.incident_commander.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ssm-incidents:UpdateIncidentRecord", "ssm-incidents:GetIncidentRecord"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = timeadd(plantimestamp(), "90m") } }
    }]
  })
}

resource "aws_iam_role" "incident_bridge" {
  name = "incident-bridge"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "lambda.amazonaws.com" }
      },
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      },
    ]
  })
}
