# Helpers for IAM-style policy documents: identity policies, role trust
# policies, key policies and bucket policies, written as JSON strings,
# jsonencode(...), heredocs or aws_iam_policy_document data sources (all of
# which reach the model as a JSON string).
package tfgate.lib

# statements returns the statements of a policy document given as a JSON
# string or an object, each normalised to:
#
#   {"sid", "effect", "actions", "not_actions", "resources",
#    "principals", "conditions"}
#
# where actions, not_actions, resources and principals are lists of strings
# ("*" in principals for any principal, from "*" or {"AWS": "*"}), and
# conditions a list of {"operator", "key", "values"} with the key in lower
# case. Undefined when the value is not a policy document.
#
# tfgate parses the documents among the resources' values once, into
# input.index.statements; a document not there is parsed here.
statements(document) := list if {
	list := input.index.statements[document]
} else := [_normalise(s) | some s in list] if {
	list := _statement_list(_parsed(document))
}

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
	"principals": _principals(object.get(s, "Principal", [])),
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

# allows_anyone holds for an Allow statement whose principal is anyone.
allows_anyone(st) if {
	st.effect == "Allow"
	"*" in st.principals
}

# unconditional holds for a statement without any condition.
unconditional(st) if count(st.conditions) == 0

# wildcard_action holds when a statement's actions include "*", or when it
# uses NotAction (allowing everything but a list).
wildcard_action(st) if "*" in st.actions

wildcard_action(st) if count(st.not_actions) > 0

# time_bounds returns the upper time bounds of a statement: the values of
# its DateLessThan or DateLessThanEquals conditions on aws:CurrentTime.
time_bounds(st) := [v |
	some c in st.conditions
	c.operator in {"DateLessThan", "DateLessThanEquals"}
	c.key == "aws:currenttime"
	some v in c.values
]

# timestamp_ns parses an RFC 3339 timestamp; undefined when it is not one.
timestamp_ns(v) := time.parse_rfc3339_ns(v) if {
	regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, v)
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

# policy_documents returns the identity policy documents a resource carries,
# each as {"path", "document"} where document is the JSON string and path
# the attribute it is in; documents_unknown returns the paths of those known
# only after apply.
policy_documents(r) := [{"path": "policy", "document": r.values.policy} | is_string(r.values.policy)] if {
	_policy_types[r.type]
}

policy_documents(r) := [{"path": sprintf("inline_policy[%d].policy", [i]), "document": block.policy} |
	some i, block in r.values.inline_policy
	is_string(block.policy)
] if r.type == "aws_iam_role"

documents_unknown(r) := [p | some p in ["policy"]; is_unknown(r, p)] if _policy_types[r.type]

# A role's inline_policy is computed when the configuration writes none.
documents_unknown(r) := [p | some p in ["inline_policy"]; is_pending(r, p)] if r.type == "aws_iam_role"

_policy_types := {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}

# policy_resource_types are the types policy_documents reads.
policy_resource_types := ["aws_iam_group_policy", "aws_iam_policy", "aws_iam_role", "aws_iam_role_policy", "aws_iam_user_policy"]

# is_emergency holds for a role or policy that is emergency or break-glass
# access: its name, name prefix, path, description or a tag key or value
# matches input.params.emergency_pattern.
is_emergency(r) if {
	some attr in ["name", "name_prefix", "path", "description"]
	is_string(r.values[attr])
	regex.match(input.params.emergency_pattern, r.values[attr])
}

is_emergency(r) if {
	some key, value in r.values.tags
	some text in [key, value]
	is_string(text)
	regex.match(input.params.emergency_pattern, text)
}

# is_emergency_grant holds for a resource that carries policy documents
# granting emergency access: it is itself named or tagged as emergency
# access, or it is a role policy on an emergency role, or a managed policy
# attached to one.
is_emergency_grant(r) if is_emergency(r)

is_emergency_grant(r) if {
	r.type == "aws_iam_role_policy"
	some l in r.references
	l.attribute == "role"
	l.type == "aws_iam_role"
	is_emergency(resource(l.address))
}

is_emergency_grant(r) if {
	r.type == "aws_iam_policy"
	some attachment in referrers(r, "aws_iam_role_policy_attachment", "policy_arn")
	some l in attachment.references
	l.attribute == "role"
	l.type == "aws_iam_role"
	is_emergency(resource(l.address))
}

# emergency_grants are the resources carrying policy documents that grant
# emergency access (is_emergency_grant), computed once per evaluation.
emergency_grants contains r if {
	some type in policy_resource_types
	some r in resources(type)
	is_emergency_grant(r)
}

# emergency_roles are the break-glass roles, computed once per evaluation.
emergency_roles contains role if {
	some role in resources("aws_iam_role")
	is_emergency(role)
}
