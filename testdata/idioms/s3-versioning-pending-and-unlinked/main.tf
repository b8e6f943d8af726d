# Versioning whose status is handed over after apply, a bucket whose
# versioning is attached by a name known only after apply (it might be that
# bucket), and a plainly enabled one.

resource "terraform_data" "handover" {
  input = {
    mode   = "Enabled"
    bucket = "northwind-tmp"
  }
}

resource "aws_s3_bucket" "events" {
  bucket = "northwind-events"
}

resource "aws_s3_bucket_versioning" "events" {
  bucket = aws_s3_bucket.events.id

  versioning_configuration {
    status = terraform_data.handover.output.mode
  }
}

resource "aws_s3_bucket" "snapshots" {
  bucket = "northwind-snapshots"
}

resource "aws_s3_bucket_versioning" "snapshots" {
  bucket = aws_s3_bucket.snapshots.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "tmp" {
  bucket = "northwind-tmp"
}

resource "aws_s3_bucket_versioning" "adopted" {
  bucket = terraform_data.handover.output.bucket

  versioning_configuration {
    status = "Enabled"
  }
}
