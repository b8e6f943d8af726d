package policy

import (
	"encoding/json"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
)

// The input carries the policy documents of its resources already parsed
// (index.statements): each value of a policy or assume_role_policy
// attribute that is an IAM-style policy document, mapped to its
// statements normalised as lib.statements normalises them. The IAM, key
// policy and bucket policy rules read these documents; parsing each once
// in Go instead of in Rego by every rule that reads it took those rules
// from 165 to 95 ms on the 10k benchmark plan, and the parsing here costs
// less than half the instructions it saves.
//
// The Go normalisation below is the Rego one (policies/lib/iam.rego)
// written again, and TestStatementsOfIsRego holds the two to the same
// result. It works on the value json.unmarshal gives and iterates objects
// in OPA's order, so that lists come out in the same order. A document it
// would read differently from Rego is left out of the index, and
// lib.statements parses that one itself: statements that are not objects,
// or a Condition that is not an object.

// isDocumentCandidate tells cheaply whether a string value may be a policy
// document: a JSON object that names a Statement. Anything it lets through
// is parsed; anything it stops is left to lib.statements.
func isDocumentCandidate(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i < len(s) && s[i] == '{' && strings.Contains(s[i:], `"Statement"`)
}

// statementsOf parses a policy document and returns its statements as
// lib.statements does: a list of
//
//	{"sid", "effect", "actions", "not_actions", "resources", "not_resources",
//	 "principals", "not_principals", "services", "conditions"}
//
// ok is false when doc is not a policy document, or is one the index
// leaves to Rego (see above).
func statementsOf(doc string) (statements *ast.Term, ok bool) {
	data := []byte(doc)
	if !json.Valid(data) {
		return nil, false
	}
	var x any
	if err := util.UnmarshalJSON(data, &x); err != nil {
		return nil, false
	}
	v, err := ast.InterfaceToValue(x)
	if err != nil {
		return nil, false
	}
	obj, isObject := v.(ast.Object)
	if !isObject {
		return nil, false
	}
	var list []*ast.Term
	switch s := field(obj, "Statement", nil); {
	case s == nil:
		return nil, false
	case isArray(s):
		s.Value.(*ast.Array).Foreach(func(t *ast.Term) { list = append(list, t) })
	case isObj(s):
		list = []*ast.Term{s}
	default:
		return nil, false
	}
	out := make([]*ast.Term, len(list))
	for i, s := range list {
		st, isObject := s.Value.(ast.Object)
		if !isObject {
			return nil, false
		}
		if out[i], ok = normalise(st); !ok {
			return nil, false
		}
	}
	return ast.ArrayTerm(out...), true
}

// normalise is iam.rego's _normalise.
func normalise(s ast.Object) (*ast.Term, bool) {
	conditions, ok := conditionsOf(field(s, "Condition", ast.ObjectTerm()))
	if !ok {
		return nil, false
	}
	return ast.ObjectTerm(
		ast.Item(ast.StringTerm("sid"), field(s, "Sid", ast.StringTerm(""))),
		ast.Item(ast.StringTerm("effect"), field(s, "Effect", ast.StringTerm(""))),
		ast.Item(ast.StringTerm("actions"), ast.ArrayTerm(stringsOf(field(s, "Action", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("not_actions"), ast.ArrayTerm(stringsOf(field(s, "NotAction", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("resources"), ast.ArrayTerm(stringsOf(field(s, "Resource", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("not_resources"), ast.ArrayTerm(stringsOf(field(s, "NotResource", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("principals"), ast.ArrayTerm(principalsOf(field(s, "Principal", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("not_principals"), ast.ArrayTerm(principalsOf(field(s, "NotPrincipal", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("services"), ast.ArrayTerm(servicesOf(field(s, "Principal", ast.ArrayTerm()))...)),
		ast.Item(ast.StringTerm("conditions"), ast.ArrayTerm(conditions...)),
	), true
}

// field is object.get(obj, key, def).
func field(obj ast.Object, key string, def *ast.Term) *ast.Term {
	if t := obj.Get(ast.StringTerm(key)); t != nil {
		return t
	}
	return def
}

func isArray(t *ast.Term) bool { _, ok := t.Value.(*ast.Array); return ok }

func isObj(t *ast.Term) bool { _, ok := t.Value.(ast.Object); return ok }

func isString(t *ast.Term) bool { _, ok := t.Value.(ast.String); return ok }

// stringsOf is iam.rego's _strings: a string as a list of itself, the
// strings of an array, nothing for anything else.
func stringsOf(t *ast.Term) []*ast.Term {
	switch v := t.Value.(type) {
	case ast.String:
		return []*ast.Term{t}
	case *ast.Array:
		var out []*ast.Term
		v.Foreach(func(e *ast.Term) {
			if isString(e) {
				out = append(out, e)
			}
		})
		return out
	}
	return nil
}

// principalsOf is iam.rego's _principals: "*" for "*", the strings of
// each value of an object ({"AWS": [...], "Service": ...}), nothing for
// anything else.
func principalsOf(t *ast.Term) []*ast.Term {
	switch v := t.Value.(type) {
	case ast.String:
		if v == "*" {
			return []*ast.Term{t}
		}
	case ast.Object:
		var out []*ast.Term
		v.Foreach(func(_, values *ast.Term) { out = append(out, stringsOf(values)...) })
		return out
	}
	return nil
}

// servicesOf is iam.rego's _services: the strings of the Service value of
// a Principal object, nothing for anything else.
func servicesOf(t *ast.Term) []*ast.Term {
	if obj, ok := t.Value.(ast.Object); ok {
		return stringsOf(field(obj, "Service", ast.ArrayTerm()))
	}
	return nil
}

// conditionsOf is iam.rego's _conditions, for a Condition that is an
// object; ok is false for any other.
func conditionsOf(t *ast.Term) (_ []*ast.Term, ok bool) {
	c, isObject := t.Value.(ast.Object)
	if !isObject {
		return nil, false
	}
	var out []*ast.Term
	ok = true
	c.Foreach(func(op, keys *ast.Term) {
		byKey, isObject := keys.Value.(ast.Object)
		if !isObject {
			return
		}
		byKey.Foreach(func(key, value *ast.Term) {
			k, isStr := key.Value.(ast.String)
			values, textOK := asStrings(value)
			if !isStr || !textOK {
				ok = false
				return
			}
			out = append(out, ast.ObjectTerm(
				ast.Item(ast.StringTerm("operator"), op),
				ast.Item(ast.StringTerm("key"), ast.StringTerm(strings.ToLower(string(k)))),
				ast.Item(ast.StringTerm("values"), ast.ArrayTerm(values...)),
			))
		})
	})
	return out, ok
}

// asStrings is iam.rego's _as_string_list: the elements of an array, or
// the value itself, each as text (json.marshal of what is not a string).
func asStrings(t *ast.Term) ([]*ast.Term, bool) {
	var list []*ast.Term
	if a, ok := t.Value.(*ast.Array); ok {
		a.Foreach(func(e *ast.Term) { list = append(list, e) })
	} else {
		list = []*ast.Term{t}
	}
	out := make([]*ast.Term, len(list))
	for i, e := range list {
		if isString(e) {
			out[i] = e
			continue
		}
		x, err := ast.JSON(e.Value)
		if err != nil {
			return nil, false
		}
		text, err := json.Marshal(x)
		if err != nil {
			return nil, false
		}
		out[i] = ast.StringTerm(string(text))
	}
	return out, true
}
