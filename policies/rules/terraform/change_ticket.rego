# METADATA
# title: The change has a ticket
# description: |
#   The runbook's pre-apply checklist asks for a linked change ticket. The
#   ticket is given with --ticket and must match the organisation's pattern
#   (--ticket-pattern; any non-blank reference by default). Advisory by
#   default: reported on every run, failing the gate only when the
#   organisation makes it mandatory.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/tutorials/automation/automate-terraform
#     description: Terraform, running Terraform in automation
# custom:
#   id: tf-change-ticket
#   severity: low
#   enforcement: advisory
#   runbook: pre-apply checklist (change ticket linked)
#   remediation: Run tfgate with `--ticket CHG-1234`, the ticket that approved the change.
#   verdicts:
#     fail:
#       - 'no --ticket, or one not matching --ticket-pattern'
#     pass:
#       - 'a matching ticket'
package tfgate.rules.tf_change_ticket

import data.tfgate.lib

# A state is checked after apply: the change is done, no ticket to ask for.
deny contains lib.plan_result("no change ticket was given (--ticket)") if {
	input.kind == "plan"
	input.params.ticket == ""
}

deny contains lib.plan_result(sprintf("the ticket %q does not match the pattern %s", [input.params.ticket, input.params.ticket_pattern])) if {
	input.kind == "plan"
	input.params.ticket != ""
	not regex.match(input.params.ticket_pattern, input.params.ticket)
}

pass contains lib.plan_result(sprintf("change ticket %s", [input.params.ticket])) if input.kind == "plan"
