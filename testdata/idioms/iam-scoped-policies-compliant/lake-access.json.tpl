{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Lake",
      "Effect": "Allow",
      "Action": ["s3:*"],
      "Resource": ["arn:aws:s3:::${bucket}", "arn:aws:s3:::${bucket}/*"]
    },
    {
      "Sid": "Catalog",
      "Effect": "Allow",
      "Action": ["glue:Get*", "athena:StartQueryExecution", "athena:GetQueryResults"],
      "Resource": "*"
    }
  ]
}
