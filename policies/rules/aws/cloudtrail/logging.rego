# METADATA
# title: CloudTrail trails keep logging
# description: |
#   A trail must keep logging (enable_logging is not false) and record
#   what changes the account: a trail whose every event selector leaves
#   out management events and selects no data events (a data_resource
#   with no values selects nothing), with no advanced event selector,
#   records nothing; one whose every selector records only read events
#   (read_write_type = "ReadOnly", or readOnly = true in every advanced
#   selector) records no change at all. A stopped trail is one of the
#   runbook's P1 alerts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html
#     description: AWS CloudTrail User Guide, stopping and starting logging for a trail
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
#     description: AWS CloudTrail User Guide, logging management events (read and write events)
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
#       - 'every event_selector leaves out management events and selects no data events (a data_resource with an empty values list selects none), and there is no advanced_event_selector'
#       - 'every event_selector that includes management events has read_write_type = "ReadOnly", or every advanced_event_selector of management events selects readOnly = true: no management write event is recorded, whatever data event selectors add'
#       - 'a data event trail (no management events) whose every selector records reads only: no change is recorded'
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
	some trail in _basic_trails
	every selector in trail.values.event_selector {
		selector.include_management_events == false
		not _selects_data(selector)
	}
}

# A trail that records management events only as reads misses every
# change an intruder makes: creating users, changing policies, stopping
# the trail itself. Data event selectors beside them do not make up for
# it. A trail that leaves out management events altogether (a data event
# trail) is another matter: it records what it is for.
deny contains lib.result(trail, "the trail records management events read-only: every event_selector that includes them has read_write_type = \"ReadOnly\", so no write call is recorded") if {
	some trail in _basic_trails
	management := [s | some s in trail.values.event_selector; not s.include_management_events == false]
	count(management) > 0
	every selector in management {
		selector.read_write_type == "ReadOnly"
	}
}

deny contains lib.result(trail, "the trail records management events read-only: every advanced_event_selector of management events selects readOnly = true, so no write call is recorded") if {
	some trail in lib.resources("aws_cloudtrail")
	selectors := object.get(trail.values, "advanced_event_selector", null)
	lib.size(selectors) > 0
	not lib.is_unknown(trail, "advanced_event_selector")
	management := [s | some s in selectors; _management_advanced(s)]
	count(management) > 0
	every selector in management {
		_read_only_advanced(selector)
	}
}

# A data event trail that records reads only records no change either.
deny contains lib.result(trail, "the trail records reads only: it leaves out management events and every event_selector has read_write_type = \"ReadOnly\", so no change is recorded") if {
	some trail in _basic_trails
	every selector in trail.values.event_selector {
		selector.include_management_events == false
		selector.read_write_type == "ReadOnly"
	}
	some selector in trail.values.event_selector
	_selects_data(selector)
}

deny contains lib.result(trail, "the trail records reads only: it selects no management events and every advanced_event_selector selects readOnly = true, so no change is recorded") if {
	some trail in lib.resources("aws_cloudtrail")
	selectors := object.get(trail.values, "advanced_event_selector", null)
	lib.size(selectors) > 0
	not lib.is_unknown(trail, "advanced_event_selector")
	count([s | some s in selectors; _management_advanced(s)]) == 0
	every selector in selectors {
		_read_only_advanced(selector)
	}
}

_management_advanced(selector) if {
	some field in object.get(selector, "field_selector", [])
	field.field == "eventCategory"
	"Management" in object.get(field, "equals", [])
}

# _basic_trails are the trails whose recording the event_selector blocks
# decide: some are written, none is known only after apply, and there is
# no advanced_event_selector.
_basic_trails contains trail if {
	some trail in lib.resources("aws_cloudtrail")
	lib.size(object.get(trail.values, "event_selector", null)) > 0
	lib.size(object.get(trail.values, "advanced_event_selector", null)) == 0
	not lib.is_unknown(trail, "event_selector")
	not lib.is_unknown(trail, "advanced_event_selector")
}

# _selects_data holds for a selector with a data_resource that names
# something: one whose values list is empty selects no object.
_selects_data(selector) if {
	some i, resource in object.get(selector, "data_resource", [])
	_names_something(resource.values)
}

_names_something(values) if lib.size(values) > 0

_names_something(values) if not is_array(values) # known only after apply

_read_only_advanced(selector) if {
	some field in object.get(selector, "field_selector", [])
	field.field == "readOnly"
	object.get(field, "equals", null) == ["true"]
}

_read_only_advanced(selector) if {
	some field in object.get(selector, "field_selector", [])
	field.field == "readOnly"
	object.get(field, "not_equals", null) == ["false"]
}
