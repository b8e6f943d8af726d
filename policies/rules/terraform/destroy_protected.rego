# METADATA
# title: The plan does not destroy the foundation
# description: |
#   A plan must not delete or replace the resources the foundation stands
#   on (KMS keys of every kind, CloudTrail trails, S3 buckets, the
#   DynamoDB state lock table; the types are configurable with
#   protected_types) nor delete a security control (the account's or a
#   bucket's public access block, a bucket's encryption configuration or
#   versioning). Replacing a key or a bucket
#   destroys what it holds; removing a control silently weakens a bucket.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
#     description: Terraform, the prevent_destroy lifecycle argument
#   - ref: https://developer.hashicorp.com/terraform/cli/commands/plan
#     description: Terraform, reviewing a plan before apply
# custom:
#   id: tf-destroy-protected
#   severity: high
#   enforcement: soft-mandatory
#   resource_types:
#     - aws_kms_key
#     - aws_kms_external_key
#     - aws_kms_replica_key
#     - aws_kms_replica_external_key
#     - aws_cloudtrail
#     - aws_s3_bucket
#     - aws_s3_account_public_access_block
#     - aws_s3_bucket_public_access_block
#     - aws_s3_bucket_server_side_encryption_configuration
#     - aws_s3_bucket_versioning
#   runbook: pre-apply checklist (plan reviewed and approved)
#   remediation: |
#     Change the configuration so the resource is updated in place (check
#     which argument forces replacement), or, when the destruction is
#     intended, waive this result for the change with a ticket. Add
#     `lifecycle { prevent_destroy = true }` to foundation resources.
#   verdicts:
#     fail:
#       - 'the plan deletes or replaces a protected type (a KMS key of any kind, trail, bucket), the state lock table, or deletes an account or bucket public access block, encryption or versioning resource'
#       - 'the plan replaces such a configuration create_before_destroy (the old one''s delete, last, removes the setting), or destroys a deposed object of any of them'
#     pass:
#       - 'the plan keeps them'
package tfgate.rules.tf_destroy_protected

import data.tfgate.lib

_foundation := {t | some t in input.params.protected_types}

_controls := {
	"aws_s3_account_public_access_block",
	"aws_s3_bucket_public_access_block",
	"aws_s3_bucket_server_side_encryption_configuration",
	"aws_s3_bucket_versioning",
}

deny contains lib.result(r, sprintf("the plan %s this %s", [_verb(r), r.type])) if {
	some r in _destroyed(_foundation)
}

deny contains lib.result(r, sprintf("the plan %s the state lock table", [_verb(r)])) if {
	some r in _lock_tables
	"delete" in r.actions
}

deny contains lib.result(r, sprintf("the plan deletes this %s, removing a security control", [r.type])) if {
	some r in _destroyed(_controls)
	lib.deleted(r)
}

# A bucket's or an account's configuration is a setting of one object,
# not an object of its own: replaced create_before_destroy, the new one is
# written first and the old one's delete runs last, removing the setting
# the new one made.
deny contains lib.result(r, sprintf("the plan replaces this %s create_before_destroy: the old one's delete runs last and removes the setting the new one writes", [r.type])) if {
	some r in _destroyed(_controls)
	r.actions == ["create", "delete"]
}

# A deposed object (an old copy an interrupted create_before_destroy left)
# is a real object: destroying a deposed block removes it from the bucket
# the current one protects, a deposed key is scheduled for deletion.
deny contains lib.result(r, sprintf("the plan destroys deposed object %s of this %s, removing a security control", [concat(", ", r.deposed), r.type])) if {
	some r in _destroyed(_controls)
	not lib.deleted(r)
	lib.size(object.get(r, "deposed", null)) > 0
}

pass contains lib.result(r, "the plan keeps the state lock table") if {
	some r in _lock_tables
	not "delete" in r.actions
}

# _destroyed returns the instances of the types that the plan deletes or
# replaces.
_destroyed(types) := [input.resources[i] |
	some type in types
	some i in input.index.deletes[type]
]

# The lock table is the DynamoDB table keyed by LockID, as Terraform's S3
# backend requires; deleted or not.
_lock_tables := [r |
	some i in input.index.by_type.aws_dynamodb_table
	r := input.resources[i]
	r.mode == "managed"
	r.values.hash_key == "LockID"
]

_verb(r) := "deletes" if lib.deleted(r)

_verb(r) := "replaces" if {
	not lib.deleted(r)
	"delete" in r.actions
}

_verb(r) := sprintf("destroys deposed object %s of", [concat(", ", r.deposed)]) if {
	not lib.deleted(r)
	not "delete" in r.actions
	lib.size(object.get(r, "deposed", null)) > 0
}
