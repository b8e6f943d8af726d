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
