# Remote state lives in the bucket and lock table this stack creates itself.
# Bootstrap: the first apply ran with a local backend, then `terraform init
# -migrate-state` moved the state here.
#
# NOTE: this directory is the "bad change" twin of ../prod: same layout, but
# several inputs break the security baseline on purpose (see the README at the
# fixture root).
terraform {
  backend "s3" {
    bucket = "acme-prod-terraform-state"
    key    = "foundation/prod-noncompliant/terraform.tfstate"
    region = "eu-west-1"
    # Locking was "temporarily" removed while a stuck lock was debugged, and
    # encryption was never turned on for this twin. Violates the baseline.
    kms_key_id = "alias/acme-prod-state"
  }
}
