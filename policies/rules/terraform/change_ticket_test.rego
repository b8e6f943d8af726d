package tfgate.rules.tf_change_ticket_test

import data.tfgate.lib
import data.tfgate.rules.tf_change_ticket as rule

_with(ticket, pattern) := object.union(lib.mock_input([]), {"params": {"ticket": ticket, "ticket_pattern": pattern}})

test_no_ticket if {
	rule.deny == {lib.plan_result("no change ticket was given (--ticket)")} with input as _with("", `\S`)
}

test_ticket_must_match if {
	rule.deny == {lib.plan_result("the ticket \"fix stuff\" does not match the pattern ^CHG-[0-9]+$")} with input as _with("fix stuff", "^CHG-[0-9]+$")
	count(rule.deny) == 0 with input as _with("CHG-2211", "^CHG-[0-9]+$")
	rule.pass == {lib.plan_result("change ticket CHG-2211")} with input as _with("CHG-2211", "^CHG-[0-9]+$")
}
