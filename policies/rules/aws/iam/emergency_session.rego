# METADATA
# title: Break-glass sessions end within the emergency window
# description: |
#   An emergency role's max_session_duration must not exceed the emergency
#   window (default 4 hours, 14400 seconds): a session outliving the grant
#   is access that nobody is watching.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration
#     description: IAM User Guide, maximum session duration for a role
# custom:
#   id: aws-iam-emergency-session
#   severity: high
#   enforcement: soft-mandatory
#   reads:
#     aws_iam_role: [max_session_duration]
#   runbook: break-glass (time-bound)
#   remediation: Set `max_session_duration` on the role to at most 14400 (or leave the default, 3600).
#   verdicts:
#     fail:
#       - 'a break-glass role''s max_session_duration exceeds the window (14400 s)'
#     unknown:
#       - 'it is known only after apply'
#       - 'the role may be break-glass'
#     pass:
#       - 'at most the window; unset is 3600'
package tfgate.rules.aws_iam_emergency_session

import data.tfgate.lib

pass contains lib.result(role, "sessions end within the emergency window") if some role in lib.emergency_roles

deny contains lib.result(role, sprintf("max_session_duration is %v seconds, more than the emergency window of %v", [seconds, input.params.emergency_window_seconds])) if {
	some role in lib.emergency_roles
	seconds := role.values.max_session_duration
	is_number(seconds)
	seconds > input.params.emergency_window_seconds
}

unknown contains lib.result(role, "max_session_duration is known only after apply") if {
	some role in lib.emergency_roles
	lib.is_unknown(role, "max_session_duration")
}

unknown contains lib.result(role, lib.undecided_role_message) if some role in lib.undecided_roles
