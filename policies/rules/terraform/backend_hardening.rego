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
#   verdicts:
#     fail:
#       - 'an s3 backend without encrypt = true'
#       - 'or without dynamodb_table or use_lockfile = true'
#     unknown:
#       - 'a setting is not a literal'
#       - 'the block is partial (completed with -backend-config) and terraform init has not recorded the rest'
#     pass:
#       - 'encrypted and locked'
package tfgate.rules.tf_backend_hardening

import data.tfgate.lib

deny contains lib.backend_result("the S3 backend does not encrypt state (encrypt is not true)") if {
	_s3
	not _open("encrypt")
	not _true(object.get(input.backend.config, "encrypt", null))
}

deny contains lib.backend_result("the S3 backend does not lock state (neither dynamodb_table nor use_lockfile = true)") if {
	_s3
	not _locks
	not _lock_open
}

unknown contains lib.backend_result(sprintf("the backend's %s is not a literal value", [name])) if {
	_s3
	some name in input.backend.not_literal
	name in {"encrypt", "dynamodb_table", "use_lockfile"}
}

unknown contains lib.backend_result(_partial_message("encrypt")) if {
	_s3
	input.backend.partial
	not _true(object.get(input.backend.config, "encrypt", null))
	_open("encrypt")
}

unknown contains lib.backend_result(_partial_message("dynamodb_table or use_lockfile")) if {
	_s3
	input.backend.partial
	not _locks
	_lock_open
}

_partial_message(what) := sprintf("the backend block is partial (terraform init completes it with -backend-config) and does not set %s; run terraform init in the configuration's directory, then check again", [what])

pass contains lib.backend_result("the S3 backend encrypts and locks state") if _s3

_s3 if input.backend.type == "s3"

_locks if {
	is_string(input.backend.config.dynamodb_table)
	input.backend.config.dynamodb_table != ""
}

_locks if _true(object.get(input.backend.config, "use_lockfile", null))

# _open holds for a setting the sources leave open: not a literal, or, in
# a partial block, not written at all.
_open(name) if name in input.backend.not_literal

_open(name) if {
	input.backend.partial
	not name in object.keys(input.backend.config)
}

_lock_open if {
	some name in {"dynamodb_table", "use_lockfile"}
	_open(name)
}

# _true holds for a boolean setting that is true: Terraform converts the
# strings "true" and "1" to true for a bool argument.
_true(v) if v == true

_true(v) if v in {"true", "1"}
