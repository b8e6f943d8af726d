# METADATA
# title: CloudTrail trails keep logging
# description: |
#   A trail must keep logging (enable_logging is not false) and record
#   something: a trail whose every event selector leaves out management
#   events and selects no data events, with no advanced event selector,
#   records nothing. A stopped trail is one of the runbook's P1 alerts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html
#     description: AWS CloudTrail User Guide, stopping and starting logging for a trail
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_logging
#     description: Terraform AWS provider, aws_cloudtrail enable_logging
# custom:
#   id: aws-cloudtrail-logging
#   severity: critical
#   enforcement: hard-mandatory
#   resource_types: [aws_cloudtrail]
#   reads:
#     aws_cloudtrail: [enable_logging, event_selector, advanced_event_selector]
#   runbook: P1 alert (trail logging stopped); post-apply verification (CloudTrail logging)
#   remediation: |
#     Remove `enable_logging = false` from the aws_cloudtrail (logging is on
#     by default) or set it to true, and let it record management events
#     (`include_management_events = true`, the default) or data events.
#   verdicts:
#     fail:
#       - 'enable_logging = false'
#       - 'every event_selector leaves out management events and selects no data events, and there is no advanced_event_selector'
#     unknown:
#       - 'enable_logging or the selectors are known only after apply'
#     pass:
#       - 'logging on (the default) and recording management or data events'
package tfgate.rules.aws_cloudtrail_logging

import data.tfgate.lib

deny contains lib.result(trail, "logging is stopped (enable_logging = false): API activity will not be recorded") if {
	some trail in lib.resources("aws_cloudtrail")
	trail.values.enable_logging == false
}

unknown contains lib.result(trail, "enable_logging is known only after apply") if {
	some trail in lib.resources("aws_cloudtrail")
	lib.is_unknown(trail, "enable_logging")
}

deny contains lib.result(trail, "the trail records nothing: every event_selector leaves out management events (include_management_events = false) and selects no data events") if {
	some trail in lib.resources("aws_cloudtrail")
	selectors := trail.values.event_selector
	lib.size(selectors) > 0
	every selector in selectors {
		selector.include_management_events == false
		lib.size(object.get(selector, "data_resource", null)) == 0
	}
	lib.size(object.get(trail.values, "advanced_event_selector", null)) == 0
	not lib.is_unknown(trail, "event_selector")
	not lib.is_unknown(trail, "advanced_event_selector")
}
