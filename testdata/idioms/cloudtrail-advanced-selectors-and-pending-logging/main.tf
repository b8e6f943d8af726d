# A data-events trail using advanced event selectors, and a trail whose
# logging switch is set by a change window published after apply.

resource "terraform_data" "change_window" {
  input = "open"
}

resource "aws_cloudtrail" "s3_data_events" {
  name                       = "northwind-s3-data-events"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"

  advanced_event_selector {
    name = "Log writes to regulated buckets"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }

    field_selector {
      field  = "readOnly"
      equals = ["false"]
    }
  }
}

resource "aws_cloudtrail" "windowed" {
  name                       = "northwind-windowed"
  s3_bucket_name             = "northwind-cloudtrail-111122223333"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
  enable_logging             = terraform_data.change_window.output != "freeze"
}
