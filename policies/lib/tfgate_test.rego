package tfgate.lib_test

import data.tfgate.lib

test_is_unknown if {
	r := lib.mock_resource({"unknown": ["arn", "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id", "tags"]})
	lib.is_unknown(r, "arn")
	lib.is_unknown(r, "rule")
	lib.is_unknown(r, "rule[0]")
	lib.is_unknown(r, "tags.Name")
	lib.is_unknown(r, "tags[0]")
	not lib.is_unknown(r, "ar")
	not lib.is_unknown(r, "arnold")
	not lib.is_unknown(r, "rules")
	not lib.is_unknown(r, "bucket")
	lib.is_unknown(r, "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id.x")
	not lib.is_unknown(r, "rule[1]")
}

test_is_pending if {
	# A state does not say what the configuration sets.
	state := lib.mock_resource({"unknown": ["policy"], "configured": null})
	lib.is_pending(state, "policy")
	not lib.is_pending(state, "name")

	# A plan does: what it sets is pending, and what the provider would
	# not compute were it unset (only a dynamic block, which a plan does
	# not describe, can have made it unknown).
	plan := lib.mock_resource({"type": "aws_s3_bucket", "unknown": ["policy", "inline_policy", "arn", "rule"], "configured": ["inline_policy", "policy"]})
	computed := {"aws_s3_bucket": {"arn", "policy"}}
	lib.is_pending(plan, "policy") with input.index.computed as computed
	lib.is_pending(plan, "inline_policy[0].policy") with input.index.computed as computed
	not lib.is_pending(plan, "arn") with input.index.computed as computed
	not lib.is_pending(plan, "name") with input.index.computed as computed
	lib.is_pending(plan, "rule[0]") with input.index.computed as computed
}

test_resources_skips_deleted_and_data if {
	rs := [
		{"address": "aws_s3_bucket.kept", "type": "aws_s3_bucket"},
		{"address": "aws_s3_bucket.gone", "type": "aws_s3_bucket", "actions": ["delete"]},
		{"address": "data.aws_s3_bucket.read", "type": "aws_s3_bucket", "mode": "data"},
	]
	[r.address | some r in lib.resources("aws_s3_bucket")] == ["aws_s3_bucket.kept"] with input as lib.mock_input(rs)
	[r.address | some r in lib.data_sources("aws_s3_bucket")] == ["data.aws_s3_bucket.read"] with input as lib.mock_input(rs)
	lib.resource("aws_s3_bucket.gone").actions == ["delete"] with input as lib.mock_input(rs)
}

test_unreferred_leaves_out_what_a_kept_resource_refers_to if {
	by_versioning := {"address": "aws_s3_bucket_versioning.v", "type": "aws_s3_bucket_versioning", "attribute": "bucket", "via": "reference"}
	by_deleted_policy := {"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "attribute": "bucket", "via": "reference"}
	rs := [
		{"address": "aws_s3_bucket.versioned", "type": "aws_s3_bucket", "referenced_by": [by_versioning]},
		{"address": "aws_s3_bucket.plain", "type": "aws_s3_bucket", "referenced_by": [by_deleted_policy]},
		{"address": "aws_s3_bucket.gone", "type": "aws_s3_bucket", "actions": ["delete"]},
		{"address": "aws_s3_bucket_versioning.v", "type": "aws_s3_bucket_versioning"},
		{"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "actions": ["delete"]},
	]
	_unreferred_buckets("aws_s3_bucket_versioning", "bucket") == ["aws_s3_bucket.plain"] with input as lib.mock_input(rs)
	_unreferred_buckets("aws_s3_bucket_policy", "bucket") == ["aws_s3_bucket.versioned", "aws_s3_bucket.plain"] with input as lib.mock_input(rs)

	# As in tfgate's index, only kept resources' links make an entry.
	not lib.mock_input(rs).index.unreferred.aws_s3_bucket.aws_s3_bucket_policy

	# No link of the kind at all: every kept bucket.
	_unreferred_buckets("aws_s3_bucket_acl", "bucket") == ["aws_s3_bucket.versioned", "aws_s3_bucket.plain"] with input as lib.mock_input(rs)
	[r.address | some r in lib.buckets_without("aws_s3_bucket_versioning")] == ["aws_s3_bucket.plain"] with input as lib.mock_input(rs)
}

test_unlinked_leaves_out_what_refers_to_the_type if {
	to_bucket := {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "attribute": "bucket", "via": "reference"}
	to_bucket_owner := object.union(to_bucket, {"attribute": "expected_bucket_owner"})
	to_gone_bucket := object.union(to_bucket, {"address": "aws_s3_bucket.gone"})
	rs := [
		{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket"},
		{"address": "aws_s3_bucket.gone", "type": "aws_s3_bucket", "actions": ["delete"]},
		{"address": "aws_s3_bucket_versioning.linked", "type": "aws_s3_bucket_versioning", "references": [to_bucket]},
		{"address": "aws_s3_bucket_versioning.owner", "type": "aws_s3_bucket_versioning", "references": [to_bucket_owner]},
		{"address": "aws_s3_bucket_versioning.unset", "type": "aws_s3_bucket_versioning"},
		{"address": "aws_s3_bucket_versioning.gone", "type": "aws_s3_bucket_versioning", "actions": ["delete"]},
		# A link to a bucket being deleted is still a link, as refers_to says.
		{"address": "aws_s3_bucket_versioning.to_gone", "type": "aws_s3_bucket_versioning", "references": [to_gone_bucket]},
		# A deleted resource's link makes no entry.
		{"address": "aws_s3_bucket_policy.gone", "type": "aws_s3_bucket_policy", "actions": ["delete"], "references": [to_bucket]},
	]
	_unlinked_versionings("bucket") == ["aws_s3_bucket_versioning.owner", "aws_s3_bucket_versioning.unset"] with input as lib.mock_input(rs)
	_unlinked_versionings("expected_bucket_owner") == ["aws_s3_bucket_versioning.linked", "aws_s3_bucket_versioning.unset", "aws_s3_bucket_versioning.to_gone"] with input as lib.mock_input(rs)
	not lib.mock_input(rs).index.unlinked.aws_s3_bucket_policy

	# No link of the kind at all: every kept instance.
	_unlinked_versionings("acl") == ["aws_s3_bucket_versioning.linked", "aws_s3_bucket_versioning.owner", "aws_s3_bucket_versioning.unset", "aws_s3_bucket_versioning.to_gone"] with input as lib.mock_input(rs)
}

_unlinked_versionings(attribute) := [r.address | some r in lib.unlinked("aws_s3_bucket_versioning", "aws_s3_bucket", attribute)]

_unreferred_buckets(referrer_type, attribute) := [r.address | some r in lib.unreferred("aws_s3_bucket", referrer_type, attribute)]

test_referrers_follow_links if {
	rs := [
		{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "referenced_by": [
			{"address": "aws_s3_bucket_versioning.v", "type": "aws_s3_bucket_versioning", "attribute": "bucket", "via": "reference"},
			{"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "attribute": "bucket", "via": "reference"},
		]},
		{"address": "aws_s3_bucket_versioning.v", "type": "aws_s3_bucket_versioning"},
		{"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "actions": ["delete"]},
	]
	[r.address | some r in lib.referrers(lib.resource("aws_s3_bucket.b"), "aws_s3_bucket_versioning", "bucket")] == ["aws_s3_bucket_versioning.v"] with input as lib.mock_input(rs)
	count(lib.referrers(lib.resource("aws_s3_bucket.b"), "aws_s3_bucket_policy", "bucket")) == 0 with input as lib.mock_input(rs)
}

_link(address, type, attribute) := {"address": address, "type": type, "attribute": attribute, "via": "reference"}

test_mock_referrers_group_by_type_and_attribute if {
	rs := [
		{"address": "k.k", "type": "k", "referenced_by": [_link("a.one", "a", "x"), _link("a.two", "a", "x"), _link("a.one", "a", "y"), _link("b.gone", "b", "x")]},
		{"address": "a.one", "type": "a"},
		{"address": "a.two", "type": "a"},
		{"address": "b.gone", "type": "b", "actions": ["delete"]},
	]
	[r.address | some r in lib.referrers(lib.resource("k.k"), "a", "x")] == ["a.one", "a.two"] with input as lib.mock_input(rs)
	[r.address | some r in lib.referrers(lib.resource("k.k"), "a", "y")] == ["a.one"] with input as lib.mock_input(rs)
	count(lib.referrers(lib.resource("k.k"), "b", "x")) == 0 with input as lib.mock_input(rs)

	# Like tfgate's index, the mock leaves out what has no referrers.
	referrers := lib.mock_input(rs).index.referrers
	object.keys(referrers) == {"k.k"}
	object.keys(referrers["k.k"]) == {"a"}
}

test_bucket_configs_both_ways if {
	rs := [
		{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "referenced_by": [
			_link("aws_s3_bucket_versioning.v", "aws_s3_bucket_versioning", "bucket"),
			_link("aws_s3_bucket_policy.p", "aws_s3_bucket_policy", "bucket"),
		]},
		{"address": "aws_s3_bucket.gone", "type": "aws_s3_bucket", "actions": ["delete"], "referenced_by": [
			_link("aws_s3_bucket_versioning.v", "aws_s3_bucket_versioning", "bucket"),
		]},
		{"address": "aws_s3_bucket_versioning.v", "type": "aws_s3_bucket_versioning", "references": [
			_link("aws_s3_bucket.b", "aws_s3_bucket", "bucket"),
			_link("aws_s3_bucket.gone", "aws_s3_bucket", "bucket"),
			_link("aws_s3_bucket.b", "aws_s3_bucket", "expected_bucket_owner"),
		]},
		{"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "actions": ["delete"], "references": [
			_link("aws_s3_bucket.b", "aws_s3_bucket", "bucket"),
		]},
	]
	bucket := lib.resource("aws_s3_bucket.b") with input as lib.mock_input(rs)
	lib.bucket_configured(bucket, "aws_s3_bucket_versioning") with input as lib.mock_input(rs)
	not lib.bucket_configured(bucket, "aws_s3_bucket_policy") with input as lib.mock_input(rs)
	not lib.bucket_configured(bucket, "aws_s3_bucket_acl") with input as lib.mock_input(rs)

	# A deleted bucket is left out; so is a link on another attribute.
	[b.address | some b in lib.configured_buckets(lib.resource("aws_s3_bucket_versioning.v"))] == ["aws_s3_bucket.b"] with input as lib.mock_input(rs)
}

test_resources_by_type if {
	rs := [
		{"address": "a.kept", "type": "a", "values": {}},
		{"address": "a.gone", "type": "a", "actions": ["delete"], "values": {}},
		{"address": "a.replaced", "type": "a", "actions": ["delete", "create"], "values": {}},
	]
	[r.address | some r in lib.resources("a")] == ["a.kept", "a.replaced"] with input as lib.mock_input(rs)
	lib.resources("absent") == [] with input as lib.mock_input(rs)
}

test_buckets_without if {
	rs := [
		{"address": "aws_s3_bucket.versioned", "type": "aws_s3_bucket", "referenced_by": [_link("aws_s3_bucket_versioning.v", "aws_s3_bucket_versioning", "bucket")]},
		{"address": "aws_s3_bucket.losing", "type": "aws_s3_bucket", "referenced_by": [_link("aws_s3_bucket_versioning.gone", "aws_s3_bucket_versioning", "bucket")]},
		{"address": "aws_s3_bucket.owner", "type": "aws_s3_bucket", "referenced_by": [_link("aws_s3_bucket_versioning.o", "aws_s3_bucket_versioning", "expected_bucket_owner")]},
		{"address": "aws_s3_bucket.bare", "type": "aws_s3_bucket"},
		{"address": "aws_s3_bucket.deleted", "type": "aws_s3_bucket", "actions": ["delete"]},
		{"address": "aws_s3_bucket_versioning.v", "type": "aws_s3_bucket_versioning"},
		{"address": "aws_s3_bucket_versioning.gone", "type": "aws_s3_bucket_versioning", "actions": ["delete"]},
		{"address": "aws_s3_bucket_versioning.o", "type": "aws_s3_bucket_versioning"},
	]
	without := {b.address | some b in lib.buckets_without("aws_s3_bucket_versioning")} with input as lib.mock_input(rs)
	without == {"aws_s3_bucket.losing", "aws_s3_bucket.owner", "aws_s3_bucket.bare"}

	# The buckets left out are those bucket_configured holds for.
	configured := {b.address |
		some b in lib.resources("aws_s3_bucket")
		lib.bucket_configured(b, "aws_s3_bucket_versioning")
	} with input as lib.mock_input(rs)
	configured == {"aws_s3_bucket.versioned"}
}

# A policy document known only after apply is read off the
# aws_iam_policy_document that renders it, and the documents it merges,
# when what decides each statement is known.
test_document_statements_from_the_data_source if {
	base := {"address": "data.aws_iam_policy_document.base", "type": "aws_iam_policy_document", "mode": "data", "values": {
		"statement": [{"sid": "DenyInsecure", "effect": "Deny", "actions": ["s3:*"], "resources": [null],
			"principals": [{"type": "*", "identifiers": ["*"]}],
			"condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]}],
	}, "unknown": ["json", "statement[0].resources[0]"]}
	doc := {"address": "data.aws_iam_policy_document.p", "type": "aws_iam_policy_document", "mode": "data", "values": {
		"source_policy_documents": [null],
		"statement": [{"sid": "Read", "effect": null, "actions": ["s3:GetObject"], "resources": [null],
			"principals": [{"type": "Service", "identifiers": ["logging.s3.amazonaws.com"]}]}],
	}, "unknown": ["json", "source_policy_documents[0]", "statement[0].resources[0]"], "references": [_to_document(base.address, "source_policy_documents")]}
	policy := {"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "values": {}, "unknown": ["policy"], "references": [_to_document(doc.address, "policy")]}
	rs := [base, doc, policy]
	[[st.sid, st.effect, st.principals, st.services] | some st in lib.document_statements(lib.mock_resource(policy), "policy")] == [
		["DenyInsecure", "Deny", ["*"], []],
		["Read", "Allow", ["logging.s3.amazonaws.com"], ["logging.s3.amazonaws.com"]],
	] with input as lib.mock_input(rs)

	# A principal known only after apply decides nothing in an Allow...
	hidden := json.patch(base, [{"op": "add", "path": "/unknown/-", "value": "statement[0].principals[0].identifiers[0]"}, {"op": "replace", "path": "/values/statement/0/effect", "value": "Allow"}])
	not lib.document_statements(lib.mock_resource(policy), "policy") with input as lib.mock_input([hidden, doc, policy])

	# ... and a Deny so undecided is left out: it restricts, whatever it
	# turns out to be.
	hidden_deny := json.patch(base, [{"op": "add", "path": "/unknown/-", "value": "statement[0].principals[0].identifiers[0]"}])
	[st.sid | some st in lib.document_statements(lib.mock_resource(policy), "policy")] == ["Read"] with input as lib.mock_input([hidden_deny, doc, policy])

	# A value that may come from something else known only after apply
	# (coalesce(var.policy, data.x.json), var.policy a jsonencode of ARNs
	# known after apply) is not the data source's.
	blended := json.patch(policy, [{"op": "add", "path": "/references/-", "value": {"address": "aws_iam_role.app", "type": "aws_iam_role", "attribute": "policy", "via": "reference", "through": ["var.policy"]}}])
	not lib.document_statements(lib.mock_resource(blended), "policy") with input as lib.mock_input([base, doc, blended])

	# A merged document known only after apply that no linked data source
	# renders (a jsonencode of values known after apply) cannot be read:
	# the linked source is known and accounts for the known element only.
	known_base := json.patch(base, [{"op": "add", "path": "/values/json", "value": "{\"Statement\":[]}"}])
	two := json.patch(doc, [{"op": "replace", "path": "/values/source_policy_documents", "value": ["{\"Statement\":[]}", null]}])
	not lib.document_statements(lib.mock_resource(policy), "policy") with input as lib.mock_input([known_base, two, policy])

	# A wholly unknown list cannot be counted...
	whole := json.patch(doc, [{"op": "remove", "path": "/values/source_policy_documents"}, {"op": "add", "path": "/unknown/-", "value": "source_policy_documents"}])
	not lib.document_statements(lib.mock_resource(policy), "policy") with input as lib.mock_input([base, whole, policy])

	# ... unless the plan says what else it may hold (candidates): the
	# linked source and every candidate count.
	none_else := json.patch(whole, [{"op": "add", "path": "/candidates", "value": {"source_policy_documents": []}}])
	[st.sid | some st in lib.document_statements(lib.mock_resource(policy), "policy")] == ["DenyInsecure", "Read"] with input as lib.mock_input([base, none_else, policy])
	public := json.marshal({"Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]})
	one_more := json.patch(whole, [{"op": "add", "path": "/candidates", "value": {"source_policy_documents": [public]}}])
	[st.sid | some st in lib.document_statements(lib.mock_resource(policy), "policy")] == ["Public", "DenyInsecure", "Read"] with input as lib.mock_input([base, one_more, policy])
	not_json := json.patch(whole, [{"op": "add", "path": "/candidates", "value": {"source_policy_documents": ["not a document"]}}])
	not lib.document_statements(lib.mock_resource(policy), "policy") with input as lib.mock_input([base, not_json, policy])
}

_to_document(address, attribute) := {"address": address, "type": "aws_iam_policy_document", "attribute": attribute, "via": "reference"}

test_timestamps if {
	lib.timestamp_ns("2026-11-28T12:00:00Z") == time.parse_rfc3339_ns("2026-11-28T12:00:00Z")
	lib.timestamp_ns("2026-12-31T23:59:60Z") == time.parse_rfc3339_ns("2027-01-01T00:00:00Z")
	not lib.timestamp_ns("2026-11-28T25:00:00Z")
	not lib.timestamp_ns("2026-11-28T12:61:00Z")
	not lib.timestamp_ns("next tuesday")
}

# A forgotten instance (removed with destroy = false) stays in AWS, as it
# was: it is judged, and what it grants or controls still counts.
test_forgotten_instances_stay if {
	rs := [
		{"address": "aws_cloudtrail.forgot", "type": "aws_cloudtrail", "actions": ["forget"]},
		{"address": "aws_cloudtrail.gone", "type": "aws_cloudtrail", "actions": ["delete"]},
		{"address": "aws_cloudtrail.kept", "type": "aws_cloudtrail", "actions": ["no-op"]},
	]
	[r.address | some r in lib.resources("aws_cloudtrail")] == ["aws_cloudtrail.forgot", "aws_cloudtrail.kept"] with input as lib.mock_input(rs)
}

# A document whose statement blocks are decided in part: those decided
# are read when nothing later may replace them; document_statements stays
# undefined.
test_partial_statements if {
	doc := {"address": "data.aws_iam_policy_document.key", "type": "aws_iam_policy_document", "mode": "data", "values": {
		"statement": [
			{"sid": "Admins", "effect": "Allow", "actions": ["kms:*"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": [null]}]},
			{"sid": "Everyone", "effect": "Allow", "actions": ["kms:Decrypt"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["*"]}]},
			{"sid": "", "effect": "Allow", "actions": ["kms:Encrypt"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}]},
		],
		"source_policy_documents": null, "override_policy_documents": null,
	}, "unknown": ["json", "statement[0].principals[0].identifiers[0]"]}
	key := {"address": "aws_kms_key.k", "type": "aws_kms_key", "values": {}, "unknown": ["policy"], "references": [_to_document(doc.address, "policy")]}
	not lib.document_statements(lib.mock_resource(key), "policy") with input as lib.mock_input([doc, key])
	[st.sid | some st in lib.partial_statements(lib.mock_resource(key), "policy")] == ["Everyone", ""] with input as lib.mock_input([doc, key])

	# An undecided block with the same Sid, or with a Sid known only
	# after apply, may replace a decided one.
	same := json.patch(doc, [{"op": "replace", "path": "/values/statement/0/sid", "value": "Everyone"}, {"op": "move", "from": "/values/statement/0", "path": "/values/statement/2"}, {"op": "replace", "path": "/unknown/1", "value": "statement[2].principals[0].identifiers[0]"}])
	[st.sid | some st in lib.partial_statements(lib.mock_resource(key), "policy")] == [""] with input as lib.mock_input([same, key])
	unknown_sid := json.patch(doc, [{"op": "move", "from": "/values/statement/0", "path": "/values/statement/2"}, {"op": "replace", "path": "/unknown/1", "value": "statement[2].principals[0].identifiers[0]"}, {"op": "add", "path": "/unknown/-", "value": "statement[2].sid"}])
	[st.sid | some st in lib.partial_statements(lib.mock_resource(key), "policy")] == [""] with input as lib.mock_input([unknown_sid, key])

	# Merged documents known only after apply: nothing is read.
	merged := json.patch(doc, [{"op": "add", "path": "/unknown/-", "value": "override_policy_documents"}])
	not lib.partial_statements(lib.mock_resource(key), "policy") with input as lib.mock_input([merged, key])
}

# A partial draft (a jsonencode document one of whose statements is
# undecided) gives its decided statements to partial_statements, and no
# document_statements.
test_partial_drafts if {
	draft := json.marshal({"Statement": [{"Effect": "(undecided)"}, {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]})
	key := {"address": "aws_kms_key.k", "type": "aws_kms_key", "values": {}, "unknown": ["policy"], "drafts": {"policy": draft}}
	not lib.document_statements(lib.mock_resource(key), "policy") with input as lib.mock_input([key])
	[st.principals | some st in lib.partial_statements(lib.mock_resource(key), "policy")] == [["*"]] with input as lib.mock_input([key])
}

# A policy attribute whose expression may change the document it reads
# (transformed: replace(data.x.json, ...)) is not its data source's.
test_transformed_documents_are_not_the_data_sources if {
	doc := {"address": "data.aws_iam_policy_document.p", "type": "aws_iam_policy_document", "mode": "data", "values": {"statement": [
		{"effect": "Allow", "actions": ["s3:GetObject"], "resources": [null], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:root"]}]},
	]}, "unknown": ["json", "statement[0].resources[0]"]}
	policy := {"address": "aws_s3_bucket_policy.p", "type": "aws_s3_bucket_policy", "values": {}, "unknown": ["policy"], "references": [_to_document(doc.address, "policy")]}
	count(lib.document_statements(lib.mock_resource(policy), "policy")) == 1 with input as lib.mock_input([doc, policy])
	replaced := object.union(policy, {"transformed": ["policy"]})
	not lib.document_statements(lib.mock_resource(replaced), "policy") with input as lib.mock_input([doc, replaced])
	not lib.partial_statements(lib.mock_resource(replaced), "policy") with input as lib.mock_input([doc, replaced])
}
