# METADATA
# title: A backup of the state exists
# description: |
#   The runbook's pre-apply checklist asks for a state backup. Given with
#   --state-backup (a raw state file from `terraform state pull`, or a
#   folder of them), the backup must be of the state the plan was made
#   from: for a binary plan file, the same lineage and at least its serial;
#   for a JSON plan, which records no lineage, every resource the plan finds
#   existing. Advisory by default.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/cli/commands/state/pull
#     description: Terraform, terraform state pull
# custom:
#   id: tf-state-backup
#   severity: low
#   enforcement: advisory
#   runbook: pre-apply checklist (state backup exists)
#   remediation: |
#     Save the current state before applying
#     (`terraform state pull > backups/$(date +%F).tfstate`) and pass it with
#     `--state-backup`.
#   verdicts:
#     fail:
#       - 'no --state-backup, or none with the plan''s prior lineage and serial'
#     pass:
#       - 'a backup of the prior state'
package tfgate.rules.tf_state_backup

import data.tfgate.lib

deny contains lib.plan_result("no state backup was given (--state-backup)") if {
	input.kind == "plan"
	not input.params.state_backup.given
}

deny contains lib.plan_result(sprintf("no state backup matches the plan's prior state: %s", [input.params.state_backup.detail])) if {
	input.kind == "plan"
	input.params.state_backup.given
	input.params.state_backup.matched == ""
}

pass contains lib.plan_result(sprintf("state backup %s: %s", [input.params.state_backup.matched, input.params.state_backup.detail])) if {
	input.kind == "plan"
	input.params.state_backup.matched != ""
}
