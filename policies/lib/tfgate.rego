# METADATA
# title: tfgate helper library
# description: |
#   Helpers shared by the built-in rules and open to user rules as
#   data.tfgate.lib. They read the model through its index instead of
#   scanning input.resources, and they follow the links tfgate computed.
package tfgate.lib

# resources returns the instances of a managed resource type that exist
# after the change: instances being deleted are left out.
resources(type) := object.get(input.index.resources, type, [])

# data_sources returns the data sources of a type.
data_sources(type) := [r |
	some i in input.index.by_type[type]
	r := input.resources[i]
	r.mode == "data"
]

# resource returns the resource instance at an address.
resource(address) := input.resources[input.index.by_address[address]]

# _destroys holds for an instance whose current object, or a deposed one,
# the plan destroys (input.index.deletes).
_destroys(r) if "delete" in r.actions

_destroys(r) if size(object.get(r, "deposed", null)) > 0

# deleted holds for an instance the plan deletes without replacing.
deleted(r) if r.actions == ["delete"]

# A forgotten instance (a removed block with destroy = false) is not
# deleted: its object stays as it was, with what it grants or controls,
# outside Terraform.

# referrers returns the resources of a type that refer to r through one of
# their attributes (such as "bucket"), and are not being deleted.
referrers(r, type, attribute) := [input.resources[i] | some i in input.index.referrers[r.address][type][attribute]]

# maybe_referrers returns the resources of a type that may refer to r
# through an attribute, or to another resource: the attribute holds one
# value, its expression names r and others, and nothing known says which
# (an ambiguous link). referrers leaves them out.
maybe_referrers(r, type, attribute) := [input.resources[i] | some i in input.index.maybe[r.address][type][attribute]]

# unreferred returns the instances of a managed resource type that exist
# after the change and that no such resource of referrer_type refers to
# through attribute: the instances for which referrers(r, referrer_type,
# attribute) is empty.
unreferred(type, referrer_type, attribute) := [input.resources[i] | some i in positions] if {
	positions := input.index.unreferred[type][referrer_type][attribute]
} else := resources(type)

# unlinked returns the instances of a managed resource type that exist
# after the change and that have no link through attribute to a resource of
# target_type: the instances r for which refers_to(r, target_type,
# attribute) does not hold, listed by the index instead of asking each.
unlinked(type, target_type, attribute) := [input.resources[i] | some i in positions] if {
	positions := input.index.unlinked[type][target_type][attribute]
} else := resources(type)

# refers_to holds when r refers to some resource of a type through an
# attribute.
refers_to(r, type, attribute) if {
	some l in r.references
	l.type == type
	l.attribute == attribute
}

# refers_to_kms_key holds when r names a customer-managed key through an
# attribute ending in suffix: an aws_kms_key directly, or an aws_kms_alias
# whose target_key_id refers to one.
refers_to_kms_key(r, suffix) if {
	some l in r.references
	l.type == "aws_kms_key"
	endswith(l.attribute, suffix)
}

refers_to_kms_key(r, suffix) if {
	some l in r.references
	l.type == "aws_kms_alias"
	endswith(l.attribute, suffix)
	refers_to(resource(l.address), "aws_kms_key", "target_key_id")
}

# is_unknown holds when the value at path (such as "bucket" or
# "rule[0].id"), a part of it, or the value containing it is known only
# after apply, or is hidden because it is sensitive: neither can be read.
is_unknown(r, path) if {
	r.unknown_paths[path]
} else if {
	# path lies inside an unknown value: some unknown path is a prefix of
	# it, followed by "." or "[". The prefix match is cheap and rarely
	# true; the loop only confirms it.
	strings.any_prefix_match(path, r.unknown)
	some u in r.unknown
	startswith(path, u)
	substring(path, count(u), 1) in {".", "["}
} else if {
	strings.any_prefix_match(path, r.sensitive)
	some u in r.sensitive
	startswith(path, u)
	substring(path, count(u), 1) in {".", "["}
}

# is_hidden holds when the value at path, or the value containing it, was
# replaced by the sensitive marker.
is_hidden(r, path) if {
	some u in r.sensitive
	_within(path, u)
}

_within(path, u) if path == u

_within(path, u) if {
	startswith(path, u)
	substring(path, count(u), 1) in {".", "["}
}

# is_pending holds when the value at path, a part of it or the value
# containing it is known only after apply (is_unknown) because the
# configuration makes it so: the configuration sets the top-level argument
# or block of path, or does not say what it sets (a state), or the
# provider would not compute it were it unset (input.index.computed), so
# that only the configuration can have made it unknown, as a dynamic
# block, which a plan does not describe, does. Use it for arguments the
# provider computes when they are left unset: for those, is_unknown holds
# even when nothing was set.
is_pending(r, path) if {
	is_unknown(r, path)
	_sets(r, regex.split(`[.\[]`, path)[0])
}

# _sets holds when the configuration may set the top-level argument name
# (model.Resource.Sets). One body with else, so that is_pending asks
# is_unknown once.
_sets(r, name) if {
	r.configured == null
} else if {
	name in r.configured
} else if {
	not _provider_computed(r.type, name)
}

_provider_computed(type, name) if input.index.computed[type][name]

# size is the number of elements of a collection, and 0 for anything else
# (null, a string): values may hold null where a list is expected, and
# count(null) is an error that stops the check.
size(x) := count(x) if is_array(x)

size(x) := count(x) if is_set(x)

size(x) := count(x) if is_object(x)

size(x) := 0 if {
	not is_array(x)
	not is_set(x)
	not is_object(x)
}

# result builds a deny, unknown or pass entry for a resource.
result(r, message) := {"resource": r.address, "message": message}

# plan_address is the address of results about the change as a whole
# rather than one resource.
plan_address := "plan"

# plan_result builds an entry about the change as a whole.
plan_result(message) := {"resource": plan_address, "message": message}

# backend_result builds an entry about the backend (input.backend).
backend_result(message) := {"resource": "backend", "message": message}

# mock_input builds an input with its index from a list of resources, for
# policy tests: `with input as lib.mock_input([...])`. Each resource needs
# an address, a type and values; the other fields default to a planned
# create with no unknowns and no links.
mock_input(rs) := {
	"model_version": 1,
	"kind": "plan",
	"params": mock_params,
	"backend": null,
	"resources": full,
	"index": {
		"by_type": {t: [i | some i, r in full; r.type == t] | some r in full; t := r.type},
		"managed": {t: [i | some i, r in full; r.type == t; r.mode == "managed"; not deleted(r)] | some r in full; t := r.type},
		"deletes": {t: [i | some i, r in full; r.type == t; r.mode == "managed"; _destroys(r)] | some r in full; t := r.type},
		"resources": {t: [r | some r in full; r.type == t; r.mode == "managed"; not deleted(r)] | some r in full; t := r.type},
		"referrers": {target.address: by_type |
			some target in full
			by_type := {t: by_attribute |
				some l in target.referenced_by
				t := l.type
				by_attribute := {a: positions |
					some m in target.referenced_by
					m.type == t
					a := m.attribute
					positions := [i |
						some n in target.referenced_by
						n.type == t
						n.attribute == a
						some i, other in full
						other.address == n.address
						not deleted(other)
					]
					count(positions) > 0
				}
				count(by_attribute) > 0
			}
			count(by_type) > 0
		},
		"unreferred": {t: by_referrer |
			some target in full
			t := target.type
			kinds := {[l.type, l.attribute] |
				some x in full
				x.type == t
				some l in x.referenced_by
				_mock_kept(full, l.address)
			}
			count(kinds) > 0
			by_referrer := {rt: {a: positions |
				some [rt, a] in kinds
				positions := [i |
					some i, r in full
					r.type == t
					r.mode == "managed"
					not deleted(r)
					not _mock_referred(full, r, rt, a)
				]
			} |
				some [rt, _] in kinds
			}
		},
		"unlinked": {t: by_target |
			some source in full
			t := source.type
			kinds := {[l.type, l.attribute] |
				some x in full
				x.type == t
				x.mode == "managed"
				not deleted(x)
				some l in x.references
			}
			count(kinds) > 0
			by_target := {tt: {a: positions |
				some [tt, a] in kinds
				positions := [i |
					some i, r in full
					r.type == t
					r.mode == "managed"
					not deleted(r)
					not refers_to(r, tt, a)
				]
			} |
				some [tt, _] in kinds
			}
		},
		"by_address": {r.address: i | some i, r in full},
		"computed": {},
	},
} if {
	full := [mock_resource(r) | some r in rs]
}

# _mock_referred holds when some resource of mock input full that the
# change keeps refers to r through a link of the type and attribute.
_mock_referred(full, r, type, attribute) if {
	some l in r.referenced_by
	l.type == type
	l.attribute == attribute
	_mock_kept(full, l.address)
}

# _mock_kept holds when the resource of mock input full at address is
# not being deleted.
_mock_kept(full, address) if {
	some other in full
	other.address == address
	not deleted(other)
}

# mock_resource completes a resource for a policy test: the defaults of
# mock_input, and the unknown_paths tfgate derives from unknown.
mock_resource(r) := object.union(full, {
	"unknown_paths": {p |
		some u in array.concat(full.unknown, full.sensitive)
		some p in array.concat([u], [substring(u, 0, i) |
			some i in array.concat(indexof_n(u, "."), indexof_n(u, "["))
			i > 0
		])
	},
}) if {
	full := object.union(_mock_defaults, r)
}

# mock_params are the params mock_input uses: now is 2026-11-28T12:00:00Z.
mock_params := {
	"now": "2026-11-28T12:00:00Z",
	"now_ns": time.parse_rfc3339_ns("2026-11-28T12:00:00Z"),
	"emergency_pattern": "(?i)(emergency|break[-_ ]?glass|incident)",
	"emergency_window_seconds": 14400,
	"ticket": "",
	"ticket_pattern": `\S`,
	"state_backup": {"given": false, "matched": "", "detail": ""},
	"protected_types": ["aws_cloudtrail", "aws_kms_external_key", "aws_kms_key", "aws_kms_replica_external_key", "aws_kms_replica_key", "aws_s3_bucket"],
}

_mock_defaults := {
	"module": "",
	"mode": "managed",
	"name": "mock",
	"index": null,
	"actions": ["create"],
	"values": {},
	"unknown": [],
	"configured": null,
	"sensitive": [],
	"location": null,
	"references": [],
	"referenced_by": [],
}
