# METADATA
# title: The S3 state backend encrypts and locks
# description: |
#   State holds every secret Terraform sees. An S3 backend must encrypt it
#   (encrypt = true) and lock it against concurrent runs, with a DynamoDB
#   lock table (dynamodb_table) or S3-native locking (use_lockfile = true).
#   The backend is read from the sources (a .tf directory input, or --dir
#   beside a plan); without sources there is nothing to judge.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/language/backend/s3
#     description: Terraform, the S3 backend (encrypt, dynamodb_table, use_lockfile)
#   - ref: https://developer.hashicorp.com/terraform/language/state/sensitive-data
#     description: Terraform, sensitive data in state
# custom:
#   id: tf-backend-hardening
#   severity: high
#   enforcement: soft-mandatory
#   runbook: pre-apply checklist (state backup exists)
#   remediation: |
#     In the backend "s3" block set `encrypt = true` and either
#     `dynamodb_table = "<lock table>"` or `use_lockfile = true`.
package tfgate.rules.tf_backend_hardening

import data.tfgate.lib

deny contains lib.backend_result("the S3 backend does not encrypt state (encrypt is not true)") if {
	_s3
	not "encrypt" in input.backend.not_literal
	not input.backend.config.encrypt == true
}

deny contains lib.backend_result("the S3 backend does not lock state (neither dynamodb_table nor use_lockfile = true)") if {
	_s3
	not _locks
	not _lock_not_literal
}

unknown contains lib.backend_result(sprintf("the backend's %s is not a literal value", [name])) if {
	_s3
	some name in input.backend.not_literal
	name in {"encrypt", "dynamodb_table", "use_lockfile"}
}

pass contains lib.backend_result("the S3 backend encrypts and locks state") if _s3

_s3 if input.backend.type == "s3"

_locks if {
	is_string(input.backend.config.dynamodb_table)
	input.backend.config.dynamodb_table != ""
}

_locks if input.backend.config.use_lockfile == true

_lock_not_literal if {
	some name in input.backend.not_literal
	name in {"dynamodb_table", "use_lockfile"}
}
