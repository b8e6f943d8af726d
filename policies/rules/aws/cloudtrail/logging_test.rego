package tfgate.rules.aws_cloudtrail_logging_test

import data.tfgate.lib
import data.tfgate.rules.aws_cloudtrail_logging as rule

_trail(name, values) := {"address": sprintf("aws_cloudtrail.%s", [name]), "type": "aws_cloudtrail", "values": values}

test_stopped_trail_fails if {
	resources := [_trail("off", {"enable_logging": false}), _trail("on", {"enable_logging": true}), _trail("default", {})]
	rule.deny == {lib.result(resources[0], "logging is stopped (enable_logging = false): API activity will not be recorded")} with input as lib.mock_input(resources)
	count(rule.unknown) == 0 with input as lib.mock_input(resources)
}

test_logging_trails_pass if {
	resources := [_trail("on", {"enable_logging": true})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
}

test_unknown_logging_is_unknown if {
	resources := [object.union(_trail("later", {}), {"unknown": ["enable_logging"]})]
	count(rule.deny) == 0 with input as lib.mock_input(resources)
	rule.unknown == {lib.result(resources[0], "enable_logging is known only after apply")} with input as lib.mock_input(resources)
}

test_trails_that_record_no_change_fail if {
	resources := [
		_trail("readonly", {"event_selector": [{"include_management_events": true, "read_write_type": "ReadOnly"}]}),
		_trail("empty-data", {"event_selector": [{"include_management_events": false, "read_write_type": "All", "data_resource": [{"type": "AWS::S3::Object", "values": []}]}]}),
		_trail("data", {"event_selector": [{"include_management_events": false, "read_write_type": "All", "data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}]}),
		_trail("mixed", {"event_selector": [{"include_management_events": true, "read_write_type": "ReadOnly"}, {"include_management_events": true, "read_write_type": "WriteOnly"}]}),
		_trail("advanced-reads", {"advanced_event_selector": [{"field_selector": [{"field": "eventCategory", "equals": ["Management"]}, {"field": "readOnly", "equals": ["true"]}]}]}),
		_trail("advanced-all", {"advanced_event_selector": [{"field_selector": [{"field": "eventCategory", "equals": ["Management"]}]}]}),
		object.union(_trail("data-later", {"event_selector": [{"include_management_events": false, "read_write_type": "All", "data_resource": [{"type": "AWS::S3::Object"}]}]}), {"unknown": ["event_selector[0].data_resource[0].values"]}),
	]
	rule.deny == {
		lib.result(resources[0], "the trail records management events read-only: every event_selector that includes them has read_write_type = \"ReadOnly\", so no write call is recorded"),
		lib.result(resources[1], "the trail records nothing: every event_selector leaves out management events (include_management_events = false) and selects no data events"),
		lib.result(resources[4], "the trail records management events read-only: every advanced_event_selector of management events selects readOnly = true, so no write call is recorded"),
	} with input as lib.mock_input(resources)
}

# A data event selector beside read-only management events does not make
# up for the writes the trail leaves out; a data-only trail is fine.
test_decoy_data_selectors_do_not_hide_write_blind_trails if {
	resources := [
		_trail("basic", {"event_selector": [
			{"include_management_events": true, "read_write_type": "ReadOnly"},
			{"include_management_events": false, "read_write_type": "All", "data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3:::scratch/"]}]},
		]}),
		_trail("advanced", {"advanced_event_selector": [
			{"field_selector": [{"field": "eventCategory", "equals": ["Management"]}, {"field": "readOnly", "equals": ["true"]}]},
			{"field_selector": [{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}]},
		]}),
		_trail("not-equals", {"advanced_event_selector": [{"field_selector": [{"field": "eventCategory", "equals": ["Management"]}, {"field": "readOnly", "not_equals": ["false"]}]}]}),
		_trail("data-only", {"advanced_event_selector": [{"field_selector": [{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}]}]}),
	]
	{r.resource | some r in rule.deny} == {"aws_cloudtrail.basic", "aws_cloudtrail.advanced", "aws_cloudtrail.not-equals"} with input as lib.mock_input(resources)
}

# A data event trail that records reads only records no change.
test_data_trails_reading_only if {
	objects := [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]
	basic := {"address": "aws_cloudtrail.basic", "type": "aws_cloudtrail", "values": {"event_selector": [{"include_management_events": false, "read_write_type": "ReadOnly", "data_resource": objects}]}}
	writes := json.patch(basic, [{"op": "replace", "path": "/address", "value": "aws_cloudtrail.writes"}, {"op": "replace", "path": "/values/event_selector/0/read_write_type", "value": "All"}])
	advanced := {"address": "aws_cloudtrail.advanced", "type": "aws_cloudtrail", "values": {"advanced_event_selector": [{"field_selector": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "readOnly", "equals": ["true"]},
	]}]}}
	{r.resource | some r in rule.deny} == {"aws_cloudtrail.basic", "aws_cloudtrail.advanced"} with input as lib.mock_input([basic, writes, advanced])
}
