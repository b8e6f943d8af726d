# Trails whose event selectors were tuned to cut cost. Selectors with
# include_management_events = false and no data_resource record nothing.

locals {
  common = {
    s3_bucket_name             = "northwind-cloudtrail-111122223333"
    kms_key_arn                = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
    is_multi_region_trail      = true
  }

  trails = {
    silent = [
      { include_management_events = false, read_write_type = "All" },
    ]
    s3-data-only = [
      {
        include_management_events = false
        read_write_type           = "WriteOnly"
        data_resource = [
          { type = "AWS::S3::Object", values = ["arn:aws:s3"] },
        ]
      },
    ]
    two-silent-selectors = [
      { include_management_events = false, read_write_type = "ReadOnly" },
      { include_management_events = false, read_write_type = "WriteOnly" },
    ]
    management-writes = [
      { include_management_events = true, read_write_type = "WriteOnly" },
    ]
  }
}

module "trail" {
  source   = "./modules/cloudtrail"
  for_each = local.trails

  name                  = "northwind-${each.key}"
  s3_bucket_name        = local.common.s3_bucket_name
  kms_key_arn           = local.common.kms_key_arn
  is_multi_region_trail = local.common.is_multi_region_trail
  event_selector        = each.value
}
