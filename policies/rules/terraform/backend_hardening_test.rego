package tfgate.rules.tf_backend_hardening_test

import data.tfgate.lib
import data.tfgate.rules.tf_backend_hardening as rule

_backend(config, not_literal) := object.union(lib.mock_input([]), {"backend": {"type": "s3", "config": config, "not_literal": not_literal, "location": null, "partial": false}})

test_hardened if {
	count(rule.deny) == 0 with input as _backend({"encrypt": "true", "use_lockfile": "true"}, [])
	count(rule.deny) == 2 with input as _backend({"encrypt": "false", "use_lockfile": "0"}, [])
	count(rule.deny) == 0 with input as _backend({"encrypt": true, "dynamodb_table": "locks"}, [])
	count(rule.deny) == 0 with input as _backend({"encrypt": true, "use_lockfile": true}, [])
	rule.pass == {lib.backend_result("the S3 backend encrypts and locks state")} with input as _backend({"encrypt": true, "use_lockfile": true}, [])
}

test_weak if {
	rule.deny == {
		lib.backend_result("the S3 backend does not encrypt state (encrypt is not true)"),
		lib.backend_result("the S3 backend does not lock state (neither dynamodb_table nor use_lockfile = true)"),
	} with input as _backend({"bucket": "state"}, [])
}

test_not_literal if {
	count(rule.deny) == 0 with input as _backend({"dynamodb_table": "locks"}, ["encrypt"])
	rule.unknown == {lib.backend_result("the backend's encrypt is not a literal value")} with input as _backend({"dynamodb_table": "locks"}, ["encrypt"])
}

test_other_backends_and_none if {
	count(rule.deny) == 0 with input as object.union(lib.mock_input([]), {"backend": {"type": "local", "config": {}, "not_literal": [], "location": null}})
	count(rule.pass) == 0 with input as lib.mock_input([])
}

# A partial block (backend "s3" {} completed with -backend-config) leaves
# open what it does not set: unknown, not a failure; what it does set
# still counts.
test_partial if {
	count(rule.deny) == 0 with input as _partial({})
	rule.unknown == {
		lib.backend_result("the backend block is partial (terraform init completes it with -backend-config) and does not set encrypt; run terraform init in the configuration's directory, then check again"),
		lib.backend_result("the backend block is partial (terraform init completes it with -backend-config) and does not set dynamodb_table or use_lockfile; run terraform init in the configuration's directory, then check again"),
	} with input as _partial({})
	rule.deny == {lib.backend_result("the S3 backend does not encrypt state (encrypt is not true)")} with input as _partial({"encrypt": false, "use_lockfile": true})
	count(rule.unknown) == 0 with input as _partial({"encrypt": false, "use_lockfile": true})
}

_partial(config) := json.patch(_backend(config, []), [{"op": "replace", "path": "/backend/partial", "value": true}])
