#!/usr/bin/env bash
# Regenerate the tables internal/hclsrc reads off the AWS provider's schema
# (the attributes it marks sensitive, the types of the bool and number
# arguments), from the hashicorp/aws provider in a local filesystem mirror,
# found as scripts/fixtures.sh finds it or given as TFGATE_PROVIDER_MIRROR.
set -euo pipefail
repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
mirror=${TFGATE_PROVIDER_MIRROR:-}
if [[ -z "$mirror" ]]; then
	candidate=$(find / -maxdepth 3 -type d -name registry.terraform.io -not -path '/proc/*' -not -path '/sys/*' 2>/dev/null | sort | head -1)
	[[ -n "$candidate" ]] || { echo "schema-tables.sh: no provider mirror found; set TFGATE_PROVIDER_MIRROR" >&2; exit 1; }
	mirror=$(dirname -- "$candidate")
fi
version=${TFGATE_AWS_PROVIDER_VERSION:-5.100.0}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tfgate-schema.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
cat >"$scratch/terraform.rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "${mirror}"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
RC
cat >"$scratch/main.tf" <<TF
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${version}"
    }
  }
}
# The built-in provider's schema (terraform_data) comes along.
resource "terraform_data" "schema" {}
TF
export TF_CLI_CONFIG_FILE="$scratch/terraform.rc" TF_IN_AUTOMATION=1
(cd "$scratch" && terraform init -backend=false -input=false -no-color >/dev/null && terraform providers schema -json >schema.json)
cd "$repo"
go run ./scripts/sensitiveattrs "$scratch/schema.json" >internal/hclsrc/sensitive_attrs.go
go run ./scripts/attrtypes "$scratch/schema.json" >internal/hclsrc/attr_types.go
echo "schema-tables.sh: regenerated internal/hclsrc/sensitive_attrs.go and attr_types.go" >&2
