# A trail whose event selectors come from a list another stack publishes:
# the dynamic "event_selector" for_each is known only after apply, so what
# the trail records is not known at plan time. A sibling trail has none.

resource "terraform_data" "selector_catalog" {
  input = jsonencode([
    { include_management_events = true, read_write_type = "All", data_resources = [] },
  ])
}

resource "aws_cloudtrail" "workloads" {
  name                       = "northwind-workloads"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"

  dynamic "event_selector" {
    for_each = jsondecode(terraform_data.selector_catalog.output)

    content {
      include_management_events = event_selector.value.include_management_events
      read_write_type           = event_selector.value.read_write_type

      dynamic "data_resource" {
        for_each = event_selector.value.data_resources

        content {
          type   = data_resource.value.type
          values = data_resource.value.values
        }
      }
    }
  }
}

resource "aws_cloudtrail" "baseline" {
  name                       = "northwind-baseline"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
}
