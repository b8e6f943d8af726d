package tfgate.rules.tf_state_backup_test

import data.tfgate.lib
import data.tfgate.rules.tf_state_backup as rule

_with(backup) := object.union(lib.mock_input([]), {"params": {"state_backup": backup}})

test_no_backup if {
	rule.deny == {lib.plan_result("no state backup was given (--state-backup)")} with input as _with({"given": false, "matched": "", "detail": ""})
}

test_mismatch if {
	rule.deny == {lib.plan_result("no state backup matches the plan's prior state: b.tfstate has lineage x, not the prior state's y")} with input as _with({"given": true, "matched": "", "detail": "b.tfstate has lineage x, not the prior state's y"})
}

test_match if {
	count(rule.deny) == 0 with input as _with({"given": true, "matched": "b.tfstate", "detail": "lineage y, serial 4 (prior state serial 3)"})
	rule.pass == {lib.plan_result("state backup b.tfstate: lineage y, serial 4 (prior state serial 3)")} with input as _with({"given": true, "matched": "b.tfstate", "detail": "lineage y, serial 4 (prior state serial 3)"})
}
