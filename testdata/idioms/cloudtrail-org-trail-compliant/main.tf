# The organization trail as a landing-zone stack writes it: key from the kms
# module, trail from the cloudtrail module with event selectors given as data
# (management events plus S3 and Lambda data events).

module "trail_key" {
  source      = "./modules/kms"
  description = "Organization trail"
  source_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudTrailEncrypt"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "kms:GenerateDataKey*"
      Resource  = "*"
      Condition = { StringLike = { "kms:EncryptionContext:aws:cloudtrail:arn" = "arn:aws:cloudtrail:*:111122223333:trail/*" } }
    }]
  })]
}

module "org_trail" {
  source = "./modules/cloudtrail"

  name                          = "northwind-organization"
  s3_bucket_name                = "northwind-org-cloudtrail"
  is_multi_region_trail         = true
  is_organization_trail         = true
  include_global_service_events = true
  kms_key_arn                   = module.trail_key.key_arn

  event_selector = [
    {
      include_management_events = true
      read_write_type           = "All"
      data_resource = [
        { type = "AWS::S3::Object", values = ["arn:aws:s3"] },
        { type = "AWS::Lambda::Function", values = ["arn:aws:lambda"] },
      ]
    },
  ]
}
