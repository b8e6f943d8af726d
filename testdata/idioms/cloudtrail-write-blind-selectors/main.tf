variable "trails" {
  default = {
    # cost-reduced: only read-only management events
    readonly = { read_write_type = "ReadOnly", mgmt = true }
    # "data events only" with no data resources actually selected
    nothing = { read_write_type = "All", mgmt = false }
  }
}

resource "aws_kms_key" "trail" {
  description         = "trail"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "this" {
  for_each                   = var.trails
  name                       = "trail-${each.key}"
  s3_bucket_name             = "acme-trail-logs"
  kms_key_id                 = aws_kms_key.trail.arn
  is_multi_region_trail      = true
  enable_log_file_validation = true

  event_selector {
    read_write_type           = each.value.read_write_type
    include_management_events = each.value.mgmt

    dynamic "data_resource" {
      for_each = each.value.mgmt ? [] : [1]
      content {
        type   = "AWS::S3::Object"
        values = []
      }
    }
  }
}
