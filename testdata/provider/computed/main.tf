# Every resource type the built-in rules read, with only the arguments the
# provider requires: what its plan shows as known only after apply is what
# the provider computes when a configuration leaves it unset
# (internal/model/pending.go, TestProviderComputedMatchesPlan).

resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_acl" "a" {
  bucket = "x"
  acl    = "private"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "x"
  policy = "{}"
}
resource "aws_s3_bucket_public_access_block" "p" { bucket = "x" }
resource "aws_s3_account_public_access_block" "p" {}
resource "aws_s3_bucket_server_side_encryption_configuration" "s" {
  bucket = "x"
  rule {}
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = "x"
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket_ownership_controls" "o" {
  bucket = "x"
  rule { object_ownership = "BucketOwnerEnforced" }
}
resource "aws_kms_key" "k" {}
resource "aws_kms_key_policy" "p" {
  key_id = "x"
  policy = "{}"
}
resource "aws_kms_external_key" "k" {}
resource "aws_kms_replica_key" "k" { primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1" }
resource "aws_kms_replica_external_key" "k" { primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1" }
resource "aws_kms_alias" "a" {
  name          = "alias/x"
  target_key_id = "x"
}
resource "aws_cloudtrail" "t" {
  name           = "trail"
  s3_bucket_name = "x"
}
resource "aws_iam_role" "r" { assume_role_policy = "{}" }
resource "aws_iam_policy" "p" { policy = "{}" }
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = "{}"
}
resource "aws_iam_user_policy" "p" {
  user   = "u"
  policy = "{}"
}
resource "aws_iam_group_policy" "p" {
  group  = "g"
  policy = "{}"
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_user_policy_attachment" "a" {
  user       = "u"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_group_policy_attachment" "a" {
  group      = "g"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_policy_attachment" "a" {
  name       = "a"
  roles      = ["r"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_role_policies_exclusive" "e" {
  role_name    = "r"
  policy_names = []
}
resource "aws_iam_role_policy_attachments_exclusive" "e" {
  role_name   = "r"
  policy_arns = []
}
resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "LockID"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "LockID"
    type = "S"
  }
}
