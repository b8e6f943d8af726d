# Helpers for IAM-style policy documents: identity policies, role trust
# policies, key policies and bucket policies, written as JSON strings,
# jsonencode(...), heredocs or aws_iam_policy_document data sources (all of
# which reach the model as a JSON string).
package tfgate.lib

# statements returns the statements of a policy document given as a JSON
# string or an object, each normalised to:
#
#   {"sid", "effect", "actions", "not_actions", "resources",
#    "not_resources", "principals", "not_principals", "services",
#    "conditions"}
#
# where actions, not_actions, resources, not_resources, principals and
# not_principals are lists of strings ("*" in principals for any
# principal, from "*" or {"AWS": "*"}), services the principals given as
# {"Service": ...}, and conditions a list of {"operator", "key", "values"}
# with the key in lower case. Undefined when the value is not a policy
# document.
#
# tfgate parses the documents among the resources' values once, into
# input.index.statements; a document not there is parsed here.
statements(document) := list if {
	list := input.index.statements[document]
} else := [_normalise(s) | some s in list] if {
	list := _statement_list(_parsed(document))
}

# document_statements returns the statements of the policy document in
# attribute attr of r, normalised as statements does: those of its value
# when it is known, else those of the aws_iam_policy_document data source
# the configuration takes it from, when what decides a statement (its
# effect, actions and principals, its conditions) is known though the
# document is not, as when its resources name ARNs known only after apply.
# Undefined when neither can be read.
document_statements(r, attr) := statements(r.values[attr]) if {
	is_string(r.values[attr])
} else := list if {
	is_unknown(r, attr)
	sources := [d |
		some l in r.references
		l.attribute == attr
		l.type == "aws_iam_policy_document"
		d := resource(l.address)
		d.mode == "data"
	]
	count(sources) == 1
	# Nor when the sources show an expression that may change the
	# document it reads (replace(data.x.json, ...)).
	not attr in object.get(r, "transformed", [])
	# The value is the data source's only when nothing else the attribute
	# reads is known only after apply: with coalesce(var.policy,
	# data.x.json) where var.policy is a jsonencode of ARNs known after
	# apply, the document applied is var.policy's, not the data source's.
	every l in r.references {
		_from_document(l, attr)
	}
	list := _rendered(sources[0], 0)
} else := list if {
	# A jsonencode(...) document whose decisive fields are known: parts
	# known only after apply read "(known after apply)" (model drafts).
	# A partial draft (a statement undecided) is partial_statements'.
	is_unknown(r, attr)
	draft := r.drafts[attr]
	not contains(draft, "\"(undecided)\"")
	list := statements(draft)
}

# decided_statements returns the statements of a document a rule may
# fail a resource on: all of them (document_statements) when they can be
# read, else those decided though others are not (partial_statements).
# A rule passes a resource only on document_statements.
decided_statements(r, attr) := list if {
	list := document_statements(r, attr)
} else := partial_statements(r, attr)

# partial_statements returns, for a document known only after apply that
# an aws_iam_policy_document renders, or that a jsonencode(...) drafts,
# the statements whose decisive fields are known while those of other
# statements are not (as
# when one statement names a role the change makes as its principal and
# another allows everyone): what they allow, they allow whatever the
# others turn out to be. A statement a later one may replace (the same
# Sid, or a Sid known only after apply) is left out, and so is every
# statement when the documents the data source merges are not known.
partial_statements(r, attr) := list if {
	# A jsonencode(...) document some of whose statements are decided
	# (a partial draft): those statements.
	not document_statements(r, attr)
	is_unknown(r, attr)
	draft := r.drafts[attr]
	contains(draft, "\"(undecided)\"")
	list := [st | some st in statements(draft); st.effect != "(undecided)"]
	count(list) > 0
} else := list if {
	not document_statements(r, attr)
	is_unknown(r, attr)
	sources := [d |
		some l in r.references
		l.attribute == attr
		l.type == "aws_iam_policy_document"
		d := resource(l.address)
		d.mode == "data"
	]
	count(sources) == 1
	not attr in object.get(r, "transformed", [])
	every l in r.references {
		_from_document(l, attr)
	}
	list := _partial_rendered(sources[0])
	count(list) > 0
}

_partial_rendered(d) := [e.statement |
	some k, e in entries
	e.decided
	not _replaceable(entries, k)
] if {
	not "statement" in d.unknown
	sources := _known_merged(d, "source_policy_documents")
	overrides := _known_merged(d, "override_policy_documents")
	own := [_partial_entry(d, i, b) | some i, b in object.get(d.values, "statement", [])]
	entries := array.concat(array.concat(
		[{"decided": true, "statement": st, "sid": st.sid} | some st in sources],
		own,
	), [{"decided": true, "statement": st, "sid": st.sid} | some st in overrides])
}

_partial_entry(d, i, b) := {"decided": true, "statement": _with_pending_resources(_block_statement(b), d, i), "sid": _or(object.get(b, "sid", null), "")} if {
	_decidable(d, i)
} else := {"decided": false, "sid": _or(object.get(b, "sid", null), "")} if {
	not is_unknown(d, sprintf("statement[%d].sid", [i]))
} else := {"decided": false, "sid": null}

# _replaceable holds for an entry with a Sid that a later entry with the
# same Sid, or one whose Sid is known only after apply, may replace.
_replaceable(entries, k) if {
	entries[k].sid != ""
	some j, later in entries
	j > k
	later.sid == entries[k].sid
}

_replaceable(entries, k) if {
	entries[k].sid != ""
	some j, later in entries
	j > k
	later.sid == null
}

_from_document(l, attr) if l.attribute != attr

_from_document(l, attr) if {
	l.attribute == attr
	l.type == "aws_iam_policy_document"
}

# _rendered returns the statements an aws_iam_policy_document renders, in
# the order it renders them: those of source_policy_documents, its
# statement blocks, those of override_policy_documents. The merged
# documents may be documents whose JSON is known only after apply
# themselves, one level deep (Rego does not recurse).
_rendered(d, _) := _by_sid(array.concat(array.concat(_merged(d, "source_policy_documents"), _own_blocks(d)), _merged(d, "override_policy_documents")))

# _leaf returns the statements of a document whose merged documents are
# all known.
_leaf(d) := _by_sid(array.concat(array.concat(_known_merged(d, "source_policy_documents"), _own_blocks(d)), _known_merged(d, "override_policy_documents")))

# _by_sid merges statements as the data source does: a statement with a
# Sid replaces an earlier one with the same Sid (a document's own
# statements override its sources', override documents override both).
_by_sid(list) := [st |
	some i, st in list
	not _replaced(list, i)
]

_replaced(list, i) if {
	list[i].sid != ""
	some j, later in list
	j > i
	later.sid == list[i].sid
}

_own_blocks(d) := [_with_pending_resources(_block_statement(b), d, i) |
	some i, b in object.get(d.values, "statement", [])
	not _undecided_deny(d, i)
] if {
	not "statement" in d.unknown
	every i, _ in object.get(d.values, "statement", []) {
		_decided_or_deny(d, i)
	}
}

_decided_or_deny(d, i) if _decidable(d, i)

_decided_or_deny(d, i) if _undecided_deny(d, i)

# _undecided_deny holds for a statement block that is a Deny whose other
# decisive fields are not all known: it restricts, whatever it turns out
# to be, so leaving it out can only make the document allow more.
_undecided_deny(d, i) if {
	not _decidable(d, i)
	not is_unknown(d, sprintf("statement[%d].effect", [i]))
	d.values.statement[i].effect == "Deny"
}

# _with_pending_resources marks a statement block whose resources are
# known only after apply, as a draft would (pending_resource).
_with_pending_resources(st, d, i) := object.union(st, {"resources": array.concat(st.resources, ["(known after apply)"])}) if {
	is_unknown(d, sprintf("statement[%d].resources", [i]))
} else := st

_decidable(d, i) if every field in ["effect", "actions", "not_actions", "principals", "not_principals", "condition"] {
	not is_unknown(d, sprintf("statement[%d].%s", [i, field]))
}

# _known_merged returns the statements of the documents d merges through
# attr when they are all known JSON.
_known_merged(d, attr) := [st |
	some doc in object.get(d.values, attr, [])
	some st in statements(doc)
] if {
	not is_unknown(d, attr)
	docs := object.get(d.values, attr, [])
	every doc in _or(docs, []) {
		statements(doc)
	}
}

# _merged is _known_merged, or, when a merged document is known only after
# apply, the statements of the documents d is linked to through attr.
_merged(d, attr) := _known_merged(d, attr) if not is_unknown(d, attr)

_merged(d, attr) := list if {
	is_unknown(d, attr)
	not attr in object.get(d, "transformed", [])
	# Each document known only after apply must be one that a linked
	# data source renders (its own JSON pending); one that comes from
	# anywhere else (a jsonencode(...) of values known after apply, a
	# variable) cannot be read, and the merge stays undecided. A wholly
	# unknown list has no count to match.
	docs := d.values[attr]
	is_array(docs)
	linked := [other |
		some l in d.references
		l.attribute == attr
		l.type == "aws_iam_policy_document"
		other := resource(l.address)
		not is_string(object.get(other.values, "json", null))
	]
	count([doc | some doc in docs; not is_string(doc)]) <= count(linked)
	parts := [_leaf(other) | some other in linked]
	count(parts) == count(linked)
	known := [st |
		some doc in docs
		is_string(doc)
		some st in statements(doc)
	]
	list := array.concat(known, [st | some part in parts; some st in part])
}

# A wholly unknown list (compact([...]) of a document known only after
# apply) is read when the plan says what else it may hold (candidates):
# the statements of every linked data source and every candidate count,
# whichever a condition keeps.
_merged(d, attr) := list if {
	is_unknown(d, attr)
	not attr in object.get(d, "transformed", [])
	not is_array(object.get(d.values, attr, null))
	candidates := object.get(d, ["candidates", attr], null)
	is_array(candidates)
	linked := [other |
		some l in d.references
		l.attribute == attr
		l.type == "aws_iam_policy_document"
		other := resource(l.address)
	]
	parts := [_leaf(other) | some other in linked]
	count(parts) == count(linked)
	readable := [doc | some doc in candidates; statements(doc)]
	count(readable) == count(candidates)
	list := array.concat([st | some doc in readable; some st in statements(doc)], [st | some part in parts; some st in part])
}

_block_statement(b) := {
	"sid": _or(object.get(b, "sid", null), ""),
	"effect": _or(object.get(b, "effect", null), "Allow"),
	"actions": _known_strings(object.get(b, "actions", null)),
	"not_actions": _known_strings(object.get(b, "not_actions", null)),
	"resources": _known_strings(object.get(b, "resources", null)),
	"not_resources": _known_strings(object.get(b, "not_resources", null)),
	"principals": [id | some p in _or(object.get(b, "principals", null), []); some id in _principal_ids(p)],
	"not_principals": [id | some p in _or(object.get(b, "not_principals", null), []); some id in _principal_ids(p)],
	"services": [id | some p in _or(object.get(b, "principals", null), []); p.type == "Service"; some id in _known_strings(p.identifiers)],
	"conditions": [{"operator": c.test, "key": lower(c.variable), "values": _known_strings(c.values)} | some c in _or(object.get(b, "condition", null), [])],
}

_or(v, fallback) := fallback if v == null

_or(v, _) := v if v != null

_known_strings(v) := [x | some x in v; is_string(x)] if is_array(v)

_known_strings(v) := [] if not is_array(v)

# A principals block of type "*" renders as Principal "*".
_principal_ids(p) := ["*"] if p.type == "*"

_principal_ids(p) := _known_strings(p.identifiers) if p.type != "*"

_parsed(document) := json.unmarshal(document) if {
	is_string(document)
	json.is_valid(document)
}

_parsed(document) := document if is_object(document)

_statement_list(doc) := doc.Statement if is_array(doc.Statement)

_statement_list(doc) := [doc.Statement] if is_object(doc.Statement)

_normalise(s) := {
	"sid": object.get(s, "Sid", ""),
	"effect": object.get(s, "Effect", ""),
	"actions": _strings(object.get(s, "Action", [])),
	"not_actions": _strings(object.get(s, "NotAction", [])),
	"resources": _strings(object.get(s, "Resource", [])),
	"not_resources": _strings(object.get(s, "NotResource", [])),
	"principals": _principals(object.get(s, "Principal", [])),
	"not_principals": _principals(object.get(s, "NotPrincipal", [])),
	"services": _services(object.get(s, "Principal", [])),
	"conditions": _conditions(object.get(s, "Condition", {})),
}

_strings(v) := [v] if is_string(v)

_strings(v) := [x | some x in v; is_string(x)] if is_array(v)

_strings(v) := [] if {
	not is_string(v)
	not is_array(v)
}

_principals(p) := ["*"] if p == "*"

_principals(p) := [x | some values in p; some x in _strings(values)] if is_object(p)

_principals(p) := [] if {
	p != "*"
	not is_object(p)
}

_services(p) := _strings(object.get(p, "Service", [])) if is_object(p)

_services(p) := [] if not is_object(p)

_conditions(c) := [{"operator": op, "key": lower(key), "values": _strings(_as_string_list(value))} |
	some op, keys in c
	is_object(keys)
	some key, value in keys
]

# Condition values may be booleans or numbers; compare them as strings.
_as_string_list(v) := [_text(x) | some x in v] if is_array(v)

_as_string_list(v) := [_text(v)] if not is_array(v)

_text(x) := x if is_string(x)

_text(x) := json.marshal(x) if not is_string(x)

# statement_name names the statement at position i in messages: its Sid,
# else its position counted from 1.
statement_name(_, st) := st.sid if st.sid != ""

statement_name(i, st) := sprintf("#%d", [i + 1]) if st.sid == ""

# allows_anyone holds for an Allow statement whose principal is anyone:
# "*" (or {"AWS": "*"}), a principal with a wildcard in it, or everyone
# but a list (NotPrincipal).
allows_anyone(st) if {
	st.effect == "Allow"
	_anyone(st)
}

_anyone(st) if {
	some p in st.principals
	contains(p, "*")
}

_anyone(st) if count(st.not_principals) > 0

# public holds for a statement anyone may use, as the S3 User Guide
# defines a public policy ("The meaning of public", under Block Public
# Access): it allows anyone, and no condition pins a fixed value of one of
# keys, the condition keys that limit who can use it (public_keys for
# buckets, kms_public_keys for keys). A condition on anything else, such
# as aws:SecureTransport or aws:Referer, restricts nothing.
public(st, keys) if {
	allows_anyone(st)
	not restricted(st, keys)
}

# restricted holds when a condition of the statement pins fixed values of
# one of keys: a positive matching operator (not ...IfExists, which a
# request without the key passes, not a negation, not ForAllValues, which
# a request without the key also passes) whose every value is fixed: no
# wildcard, no policy variable, and for aws:SourceIp a bounded CIDR.
restricted(st, keys) if {
	some c in st.conditions
	keys[c.key]
	_limiting_operators[trim_prefix(c.operator, "ForAnyValue:")]
	count(c.values) > 0
	every v in c.values {
		_fixed(c.key, v)
	}
}

_limiting_operators := {"StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "IpAddress"}

_fixed("aws:sourceip", v) if _bounded_cidr(v)

_fixed(key, v) if {
	key != "aws:sourceip"
	not regex.match(`[*?]|\$\{`, v)
}

# _bounded_cidr holds for an address range that is not the whole address
# space: an IPv4 range of at most a /8, an IPv6 range of at most a /32.
_bounded_cidr(v) if {
	[_, bits] := _cidr(v, `^(\d{1,3}\.){3}\d{1,3}(/(\d{1,2}))?$`, "32")
	bits >= 8
}

_bounded_cidr(v) if {
	[_, bits] := _cidr(v, `^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/(\d{1,3}))?$`, "128")
	bits >= 32
}

_cidr(v, pattern, _) := [parts[0], to_number(parts[1])] if {
	regex.match(pattern, v)
	parts := split(v, "/")
	count(parts) == 2
}

_cidr(v, pattern, full) := [v, to_number(full)] if {
	regex.match(pattern, v)
	not contains(v, "/")
}

# public_message says why statement i is public, for a result message.
public_message(i, st) := sprintf("statement %s allows %s to %s %s", [statement_name(i, st), actions_text(st), _who(st), _why(st)])

_who(st) := "everyone but its NotPrincipal" if count(st.not_principals) > 0

_who(st) := "anyone (Principal \"*\")" if count(st.not_principals) == 0

_why(st) := "without a condition" if count(st.conditions) == 0

_why(st) := "without a condition that pins who may use it (such as a fixed aws:SourceVpce or aws:PrincipalOrgID)" if count(st.conditions) > 0

# actions_text lists what a statement allows, for messages.
actions_text(st) := concat(", ", st.actions) if count(st.actions) > 0

actions_text(st) := concat(" ", ["every action except", concat(", ", st.not_actions)]) if {
	count(st.actions) == 0
	count(st.not_actions) > 0
}

actions_text(st) := "no action" if {
	count(st.actions) == 0
	count(st.not_actions) == 0
}

# public_keys are the condition keys whose fixed values make a bucket
# policy statement for anyone not public (the S3 User Guide's list), in
# lower case as statements gives condition keys.
public_keys := {
	"aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
	"aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:userid", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
	"s3:x-amz-server-side-encryption-aws-kms-key-id",
}

# kms_public_keys are public_keys and the key KMS adds for the calling
# account.
kms_public_keys := public_keys | {"kms:calleraccount"}

# trust_public_keys are the condition keys that limit who may assume a
# role whose trust policy allows anyone: the caller's organization,
# account, ARN or user id, fixed.
trust_public_keys := {"aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:userid", "aws:sourceaccount", "aws:sourcearn"}

# unconditional holds for a statement without any condition.
unconditional(st) if count(st.conditions) == 0

# wildcard_action holds when a statement allows every action: "*" (or
# "*:*", or any pattern of only * and ? with a * in it, which IAM matches
# against every action name: "**", "*:?*") among its actions, or
# NotAction (every action but a list).
wildcard_action(st) if {
	some a in st.actions
	regex.match(`^[*?]*\*[*?]*(:[*?]*\*[*?]*)?$`, a)
}

wildcard_action(st) if count(st.not_actions) > 0

# wildcard_resource holds when a statement applies to every resource:
# "*" (or any run of * and ?), an ARN pattern that matches every ARN of a
# partition or of all ("arn:*", "arn:aws:*", "arn:aws*:*",
# "arn:aws:*:*:*:*"), or NotResource (every resource but a list).
wildcard_resource(st) if {
	some r in st.resources
	regex.match(`^([*?]*\*[*?]*|arn(:[a-z*?-]*)?(:[*?]*\*[*?]*)+)$`, r)
}

wildcard_resource(st) if count(st.not_resources) > 0

# pending_resource holds when a statement's resources are partly known
# only after apply: a draft's "(known after apply)" (model drafts), or a
# data source's resources block that is unknown. Such a statement may
# apply to every resource.
pending_resource(st) if {
	some r in st.resources
	contains(r, "(known after apply)")
}

# service_wildcard holds for an action that allows every action of one
# service or of all ("*", "iam:*", "KMS:*", and the patterns IAM matches
# the same way: "iam:**", "iam:?*"): action names compare without regard
# to case.
service_wildcard(action) if regex.match(`^([^:]*:)?[*?]*\*[*?]*$`, action)

# time_bounds returns the upper time bounds of a statement: the values of
# its DateLessThan or DateLessThanEquals conditions on aws:CurrentTime.
time_bounds(st) := [v |
	some c in st.conditions
	c.operator in {"DateLessThan", "DateLessThanEquals"}
	c.key == "aws:currenttime"
	some v in c.values
]

# expiry_bounds returns the times after which a Deny statement denies
# everything an Allow statement allows, which end the Allow as a bound of
# its own would: a Deny on every resource whose only condition is
# DateGreaterThan (or DateGreaterThanEquals) on aws:CurrentTime, and whose
# actions cover each of the Allow's (an explicit Deny overrides any Allow).
expiry_bounds(deny, allow) := [v |
	some c in deny.conditions
	some v in c.values
] if {
	deny.effect == "Deny"
	count(deny.conditions) == 1
	deny.conditions[0].operator in {"DateGreaterThan", "DateGreaterThanEquals"}
	deny.conditions[0].key == "aws:currenttime"
	wildcard_resource(deny)
	count(deny.not_resources) == 0
	count(deny.not_actions) == 0
	count(allow.not_actions) == 0
	count(allow.actions) > 0
	every action in allow.actions {
		some denied in deny.actions
		action_covers(lower(denied), lower(action))
	}
}

# action_covers holds when an action pattern of a Deny (* and ? as IAM
# reads them) matches an action an Allow names; a pattern the Allow
# writes itself is covered only when it matches as text. A pattern with
# characters IAM's action names do not use covers nothing.
action_covers(pattern, action) if {
	regex.match(`^[a-z0-9:*?-]+$`, pattern)
	regex.match(concat("", ["^", replace(replace(pattern, "*", ".*"), "?", "."), "$"]), action)
}

# timestamp_ns parses an RFC 3339 timestamp; undefined when it is not one.
# A leap second (23:59:60, which RFC 3339 allows) is the second after
# 23:59:59.
timestamp_ns(v) := time.parse_rfc3339_ns(v) if {
	regex.match(`^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, v)
} else := time.parse_rfc3339_ns(replace(v, ":60", ":59")) + 1000000000 if {
	regex.match(`^\d{4}-\d{2}-\d{2}T23:59:60(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, v)
}

# requires_mfa holds when a statement's conditions require multi-factor
# authentication: Bool aws:MultiFactorAuthPresent "true", or a limit on
# aws:MultiFactorAuthAge. BoolIfExists does not require it: a request
# without MFA information passes it.
requires_mfa(st) if {
	some c in st.conditions
	c.operator == "Bool"
	c.key == "aws:multifactorauthpresent"
	count(c.values) > 0
	every v in c.values {
		lower(v) == "true"
	}
}

requires_mfa(st) if {
	some c in st.conditions
	c.operator in {"NumericLessThan", "NumericLessThanEquals"}
	c.key == "aws:multifactorauthage"
}

# aws:MultiFactorAuthAge is in a request only when MFA was used, so
# requiring that it is not null requires MFA.
requires_mfa(st) if {
	some c in st.conditions
	c.operator == "Null"
	c.key == "aws:multifactorauthage"
	count(c.values) > 0
	every v in c.values {
		lower(v) == "false"
	}
}

# policy_documents returns the identity policy documents a resource carries,
# each as {"path", "document"} where document is the JSON string and path
# the attribute it is in; documents_unknown returns the paths of those known
# only after apply.
policy_documents(r) := [{"path": "policy", "document": r.values.policy} |
	is_string(r.values.policy)
	not is_unknown(r, "policy") # hidden: sensitive
] if {
	_policy_types[r.type]
}

policy_documents(r) := [{"path": path, "document": block.policy} |
	some i, block in r.values.inline_policy
	is_string(block.policy)
	path := sprintf("inline_policy[%d].policy", [i])
	not is_unknown(r, path)
] if r.type == "aws_iam_role"

documents_unknown(r) := [p | some p in ["policy"]; is_unknown(r, p)] if _policy_types[r.type]

# A role's inline_policy is computed when the configuration writes none.
documents_unknown(r) := array.concat(
	[p | some p in ["inline_policy"]; is_pending(r, p); not _documents_known(r)],
	[p |
		some i, block in r.values.inline_policy
		p := sprintf("inline_policy[%d].policy", [i])
		is_unknown(r, p)
	],
) if r.type == "aws_iam_role"

# _documents_known holds when the inline_policy blocks are there and only
# some of their documents cannot be read.
_documents_known(r) if is_array(r.values.inline_policy)

_policy_types := {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}

# policy_resource_types are the types policy_documents reads.
policy_resource_types := ["aws_iam_group_policy", "aws_iam_policy", "aws_iam_role", "aws_iam_role_policy", "aws_iam_user_policy"]

# grants returns what grants permissions through a role or a policy
# resource, each as {"source", "path"} and one of:
#
#   "document": a policy document (a JSON string)
#   "statements": the statements of a document known only after apply,
#               read off the aws_iam_policy_document that renders it
#   "managed":  the ARN of an AWS-managed policy attached to the role
#   "external": the ARN of a customer-managed policy not in the input
#   "pending":  true, for a grant known only after apply
#
# where source is the address of the resource that carries it and path the
# attribute. A policy resource grants its own documents; a role also what
# is put on it (aws_iam_role_policy) or attached to it
# (aws_iam_role_policy_attachment, aws_iam_policy_attachment,
# managed_policy_arns, aws_iam_role_policy_attachments_exclusive), through
# the links tfgate made.
grants(r) := _own_grants(r) if r.type != "aws_iam_role"

grants(role) := array.concat(_own_grants(role), _attached_grants(role)) if role.type == "aws_iam_role"

_own_grants(r) := array.concat(
	[{"source": r.address, "path": d.path, "document": d.document} | some d in policy_documents(r)],
	[_pending_grant(r, p) | some p in documents_unknown(r)],
)

# _pending_grant is a document known only after apply: its statements when
# the data source that renders it says what decides them
# (document_statements), else a pending grant.
_pending_grant(r, path) := {"source": r.address, "path": path, "statements": list} if {
	list := document_statements(r, path)
} else := {"source": r.address, "path": path, "pending": true, "hidden": _hidden(r, path)}

_hidden(r, path) := true if is_hidden(r, path) else := false

# unreadable_text says why a pending grant cannot be read, for messages.
unreadable_text(g) := "is sensitive, so no rule can read it" if g.hidden

unreadable_text(g) := "is known only after apply" if not g.hidden

# grant_statements returns the statements of a grant that has them: a
# document, or statements read off the data source that renders one.
grant_statements(g) := statements(g.document) if is_string(g.document)

grant_statements(g) := g.statements if is_array(g.statements)

_attached_grants(role) := array.concat(
	array.concat(
		array.concat(
			[g |
				some rp in referrers(role, "aws_iam_role_policy", "role")
				some g in _own_grants(rp)
			],
			[g |
				some attachment in referrers(role, "aws_iam_role_policy_attachment", "role")
				some g in _arn_grants(attachment, "policy_arn")
			],
		),
		_maybe_grants(role),
	),
	array.concat(
		array.concat(
			[g |
				some attachment in referrers(role, "aws_iam_policy_attachment", "roles")
				some g in _arn_grants(attachment, "policy_arn")
			],
			[g |
				some exclusive in referrers(role, "aws_iam_role_policy_attachments_exclusive", "role_name")
				some g in _arn_grants(exclusive, "policy_arns")
			],
		),
		_arn_grants(role, "managed_policy_arns"),
	),
)

# attachment_grants are the grants of the policies an attachment attaches:
# its policy_arn, or the policy_arns of an exclusive attachment
# (aws_iam_user_policy_attachments_exclusive and its kin).
attachment_grants(a) := _arn_grants(a, "policy_arns") if endswith(a.type, "_policy_attachments_exclusive")

attachment_grants(a) := _arn_grants(a, "policy_arn") if not endswith(a.type, "_policy_attachments_exclusive")

# _maybe_grants are the grants of the policies that may be attached to the
# role or to another (maybe_referrers). What they allow counts, as if they
# were attached; what they deny does not, so that a policy that may belong
# to another role never excuses this one.
_maybe_grants(role) := grants if {
	input.index.maybe[role.address] # most roles have none: no lists built
	grants := array.concat(
		array.concat(
			[_allows_only(g) |
				some rp in maybe_referrers(role, "aws_iam_role_policy", "role")
				some g in _own_grants(rp)
			],
			[_allows_only(g) |
				some attachment in maybe_referrers(role, "aws_iam_role_policy_attachment", "role")
				some g in _arn_grants(attachment, "policy_arn")
			],
		),
		[_allows_only(g) |
			some exclusive in maybe_referrers(role, "aws_iam_role_policy_attachments_exclusive", "role_name")
			some g in _arn_grants(exclusive, "policy_arns")
		],
	)
} else := []

_allows_only(g) := object.union(object.remove(g, ["document"]), {"statements": [st | some st in grant_statements(g); st.effect == "Allow"]}) if {
	not g.pending
} else := g

# _arn_grants are the grants of the policies whose ARNs an attribute of r
# holds (a string or a list): the aws_iam_policy resources it links to,
# AWS-managed policies, policies not in the input, and a pending grant
# when an ARN is known only after apply and links to nothing.
_arn_grants(r, attribute) := array.concat(
	array.concat(
		[g |
			some p in _linked_policies(r, attribute)
			some g in _linked_grants(r, attribute, p)
		],
		[_arn_grant(r, attribute, arn) |
			some arn in _arn_values(r.values[attribute])
			not _linked_arn(r, attribute, arn)
		],
	),
	[{"source": r.address, "path": attribute, "pending": true, "hidden": false} |
		is_pending(r, attribute)
		count(_linked_policies(r, attribute)) == 0
	],
)

# _linked_grants are the grants of a policy an attribute of r links to. A
# policy resource grants its documents. A data source that looks a policy
# up (data "aws_iam_policy") grants the AWS-managed policy it names, by
# ARN, or by name without an ARN (as data sources looking up
# AdministratorAccess do); else the documents it read, as a plan shows
# them; else, as in a directory check, which reads nothing from AWS, a
# grant known only after apply.
_linked_grants(_, _, p) := _own_grants(p) if p.mode != "data"

_linked_grants(r, attribute, p) := [_arn_grant(r, attribute, _looked_up_arn(p))] if p.mode == "data"

_linked_grants(r, attribute, p) := grants if {
	p.mode == "data"
	not _looked_up_arn(p)
	grants := _own_grants(p)
	count(grants) > 0
}

_linked_grants(r, attribute, p) := [{"source": r.address, "path": attribute, "pending": true, "hidden": false}] if {
	p.mode == "data"
	not _looked_up_arn(p)
	count(_own_grants(p)) == 0
}

_looked_up_arn(p) := p.values.arn if {
	is_string(p.values.arn)
	aws_managed_policy(p.values.arn)
}

_looked_up_arn(p) := concat("", ["arn:aws:iam::aws:policy/", p.values.name]) if {
	not is_string(object.get(p.values, "arn", null))
	is_string(p.values.name)
	p.values.name != ""
}

_linked_policies(r, attribute) := [p |
	some l in r.references
	l.attribute == attribute
	l.type == "aws_iam_policy"
	p := resource(l.address)
]

_linked_arn(r, attribute, arn) if {
	some p in _linked_policies(r, attribute)
	p.values.arn == arn
}

_arn_grant(r, attribute, arn) := {"source": r.address, "path": attribute, "managed": arn} if aws_managed_policy(arn)

_arn_grant(r, attribute, arn) := {"source": r.address, "path": attribute, "external": arn} if not aws_managed_policy(arn)

_arn_values(v) := [v] if is_string(v)

_arn_values(v) := [x | some x in v; is_string(x)] if is_array(v)

_arn_values(v) := [] if {
	not is_string(v)
	not is_array(v)
}

# aws_managed_policy holds for the ARN of a policy AWS manages
# (arn:aws:iam::aws:policy/...), whose document is not in any input.
aws_managed_policy(arn) if regex.match(`^arn:aws[a-z-]*:iam::aws:policy/`, arn)

# managed_policy_name is the name of an AWS-managed policy: the last part
# of its ARN.
managed_policy_name(arn) := regex.replace(arn, `^.*/`, "")

# managed_admin holds for the AWS-managed policies that allow every action
# on every resource: AdministratorAccess, and PowerUserAccess, which
# allows everything but IAM and Organizations through NotAction.
managed_admin(arn) if managed_policy_name(arn) in {"AdministratorAccess", "PowerUserAccess"}

# managed_wildcard holds for the AWS-managed policies that allow every
# action of a service or of all: the administrator policies and the
# service "FullAccess" policies, IAMFullAccess among them.
managed_wildcard(arn) if managed_admin(arn)

managed_wildcard(arn) if contains(managed_policy_name(arn), "FullAccess")

# managed_read_only holds for the AWS-managed policies that only read.
managed_read_only(arn) if managed_policy_name(arn) in {"ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit"}

managed_read_only(arn) if endswith(managed_policy_name(arn), "ReadOnlyAccess")

# grant_label names a grant in messages: the attribute path, after the
# address of the resource that carries it when that is not the subject.
grant_label(subject, g) := g.path if g.source == subject.address

grant_label(subject, g) := sprintf("%s %s", [g.source, g.path]) if g.source != subject.address

# is_emergency holds for a role or policy that is emergency or break-glass
# access: its name, name prefix, path, description or a tag key or value
# (its own tags, or the provider's default_tags in tags_all) matches
# input.params.emergency_pattern.
is_emergency(r) if {
	some attr in ["name", "name_prefix", "path", "description"]
	is_string(r.values[attr])
	regex.match(input.params.emergency_pattern, r.values[attr])
}

is_emergency(r) if {
	# tags_all adds the provider's default_tags to the resource's own.
	some attr in ["tags", "tags_all"]
	some key, value in object.get(r.values, attr, {})
	some text in [key, value]
	is_string(text)
	regex.match(input.params.emergency_pattern, text)
}

# service_role holds for a role that only AWS services may assume: every
# Allow statement of its trust policy names service principals only. A
# service cannot use MFA or time-bound access, so such a role is not
# break-glass access, whatever its name.
service_role(role) if {
	allows := [st | some st in document_statements(role, "assume_role_policy"); st.effect == "Allow"]
	count(allows) > 0
	every st in allows {
		count(st.principals) > 0
		count(st.principals) == count(st.services)
		count(st.not_principals) == 0
	}
}

# emergency_roles are the break-glass roles, computed once per evaluation.
emergency_roles contains role if {
	some role in resources("aws_iam_role")
	is_emergency(role)
	not service_role(role)
}

# undecided_roles are the roles that may be break-glass access: nothing
# known marks them, but what would (their name, say) is known only after
# apply. The break-glass rules judge them unknown.
undecided_roles contains role if {
	some role in resources("aws_iam_role")
	not is_emergency(role)
	not service_role(role)
	some attr in ["name", "name_prefix", "path", "description", "tags", "tags_all"]
	is_pending(role, attr)
}

# undecided_role_message explains why an undecided role gets unknown
# results from the break-glass rules.
undecided_role_message := "whether this role is break-glass access is known only after apply: its name or tags are"

# role_grants are the grants of every role, by its address, computed once
# per evaluation.
role_grants[role.address] := grants(role) if some role in resources("aws_iam_role")

# emergency_role_grants are the grants of the break-glass roles, by
# address: a lookup of one goes through the few break-glass roles, where
# one of role_grants goes through every role.
emergency_role_grants[role.address] := grants(role) if some role in emergency_roles

# emergency_grants are the resources carrying policy documents that grant
# emergency access, computed once per evaluation: policies named or
# tagged as emergency access, unless they serve service roles only, and
# the policies put on or attached to a break-glass role.
emergency_grants contains r if {
	some type in policy_resource_types
	type != "aws_iam_role" # roles are emergency_roles
	some r in resources(type)
	is_emergency(r)
	not _serves_services_only(r)
	not _boundary_only(r)
}

# _boundary_only holds for a managed policy used only as a permissions
# boundary: a boundary limits what a role or user may do and grants
# nothing.
_boundary_only(r) if {
	r.type == "aws_iam_policy"
	some l in r.referenced_by
	l.attribute == "permissions_boundary"
	every m in r.referenced_by {
		m.attribute == "permissions_boundary"
	}
}

emergency_grants contains r if {
	some address, list in emergency_role_grants
	some g in list
	g.source != address
	r := resource(g.source)
	r.type in policy_resource_types
}

# A break-glass IAM user (named, tagged or described as one) carries its
# grants in the policies put on it and the customer-managed policies
# attached to it: they are emergency grants as a break-glass role's are.
emergency_grants contains r if {
	some user in _emergency_users
	some r in referrers(user, "aws_iam_user_policy", "user")
}

emergency_grants contains r if {
	some user in _emergency_users
	some attachment in referrers(user, "aws_iam_user_policy_attachment", "user")
	some l in attachment.references
	l.attribute == "policy_arn"
	l.type == "aws_iam_policy"
	r := resource(l.address)
}

_emergency_users contains user if {
	some user in resources("aws_iam_user")
	is_emergency(user)
}

# emergency_users are the break-glass IAM users.
emergency_users := _emergency_users

# A break-glass IAM group (named, tagged or described as one) grants what
# is put on or attached to it to every member: its policies are emergency
# grants, and the group is judged as a break-glass user is.
_emergency_groups contains group if {
	some group in resources("aws_iam_group")
	is_emergency(group)
}

# emergency_groups are the break-glass IAM groups.
emergency_groups := _emergency_groups

emergency_grants contains r if {
	some group in _emergency_groups
	some r in referrers(group, "aws_iam_group_policy", "group")
}

emergency_grants contains r if {
	some group in _emergency_groups
	some attachment in referrers(group, "aws_iam_group_policy_attachment", "group")
	some l in attachment.references
	l.attribute == "policy_arn"
	l.type == "aws_iam_policy"
	r := resource(l.address)
}

# group_grants are the grants of every break-glass group, by its address.
group_grants[group.address] := _group_grants(group) if some group in _emergency_groups

# user_grants are the grants of every break-glass user, by its address:
# the policies put on it, the policies attached to it (one by one,
# exclusively, or through aws_iam_policy_attachment), and those of the
# groups it belongs to, which is how CIS would have a user's permissions
# granted.
user_grants[user.address] := array.concat(
	array.concat(
		array.concat(
			[g | some p in referrers(user, "aws_iam_user_policy", "user"); some g in _own_grants(p)],
			[g | some a in referrers(user, "aws_iam_user_policy_attachment", "user"); some g in _arn_grants(a, "policy_arn")],
		),
		array.concat(
			[g | some a in referrers(user, "aws_iam_user_policy_attachments_exclusive", "user_name"); some g in _arn_grants(a, "policy_arns")],
			[g | some a in referrers(user, "aws_iam_policy_attachment", "users"); some g in _arn_grants(a, "policy_arn")],
		),
	),
	[g | some group in _groups_of(user); some g in _group_grants(group)],
) if some user in _emergency_users

_groups_of(user) := {group |
	some m in referrers(user, "aws_iam_user_group_membership", "user")
	some l in m.references
	l.attribute == "groups"
	l.type == "aws_iam_group"
	group := resource(l.address)
} | {group |
	some m in referrers(user, "aws_iam_group_membership", "users")
	some l in m.references
	l.attribute == "group"
	l.type == "aws_iam_group"
	group := resource(l.address)
}

_group_grants(group) := array.concat(
	array.concat(
		[g | some p in referrers(group, "aws_iam_group_policy", "group"); some g in _own_grants(p)],
		[g | some a in referrers(group, "aws_iam_group_policy_attachment", "group"); some g in _arn_grants(a, "policy_arn")],
	),
	array.concat(
		[g | some a in referrers(group, "aws_iam_group_policy_attachments_exclusive", "group_name"); some g in _arn_grants(a, "policy_arns")],
		[g | some a in referrers(group, "aws_iam_policy_attachment", "groups"); some g in _arn_grants(a, "policy_arn")],
	),
)

_serves_services_only(r) if {
	roles := _roles_granted(r)
	count(roles) > 0
	every role in roles {
		service_role(role)
	}
}

# _roles_granted are the roles a policy resource grants permissions to,
# found from the policy's own links (what refers to it, surely or maybe),
# not from every role's grants.
_roles_granted(r) := {role | some role in _links_to_roles(r, "role")} if r.type == "aws_iam_role_policy"

_roles_granted(r) := {role |
	some [type, attr, role_attr] in [
		["aws_iam_role_policy_attachment", "policy_arn", "role"],
		["aws_iam_policy_attachment", "policy_arn", "roles"],
		["aws_iam_role_policy_attachments_exclusive", "policy_arns", "role_name"],
	]
	some a in array.concat(referrers(r, type, attr), maybe_referrers(r, type, attr))
	some role in _links_to_roles(a, role_attr)
} | {role |
	some role in array.concat(referrers(r, "aws_iam_role", "managed_policy_arns"), maybe_referrers(r, "aws_iam_role", "managed_policy_arns"))
} if r.type == "aws_iam_policy"

_links_to_roles(x, attr) := [role |
	some l in x.references
	l.attribute == attr
	l.type == "aws_iam_role"
	role := resource(l.address)
	not deleted(role)
]
