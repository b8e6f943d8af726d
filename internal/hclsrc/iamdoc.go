package hclsrc

import (
	"encoding/json"
	"slices"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// withPolicyJSON adds the json attribute an aws_iam_policy_document data
// source computes, when every part of it is known: the document in the
// shape AWS and the provider write it, with the statements of
// source_policy_documents first, then its own, then those of
// override_policy_documents, a statement with a Sid replacing an earlier
// one with the same Sid, as the provider merges them.
func withPolicyJSON(obj cty.Value) cty.Value {
	plain, marks := obj.UnmarkDeep()
	if !plain.IsWhollyKnown() || !plain.Type().IsObjectType() {
		return obj
	}
	doc := map[string]any{"Version": "2012-10-17"}
	if v := attr(plain, "version"); isString(v) {
		doc["Version"] = v.AsString()
	}
	var statements []map[string]any
	for _, name := range []string{"source_json", "source_policy_documents"} {
		for _, text := range stringList(attr(plain, name)) {
			list, ok := documentStatements(text)
			if !ok {
				return obj
			}
			statements = mergeStatements(statements, list)
		}
	}
	var own []map[string]any
	for _, st := range blockList(plain, "statement") {
		own = append(own, blockStatement(st))
	}
	statements = mergeStatements(statements, own)
	for _, name := range []string{"override_json", "override_policy_documents"} {
		for _, text := range stringList(attr(plain, name)) {
			list, ok := documentStatements(text)
			if !ok {
				return obj
			}
			statements = mergeStatements(statements, list)
		}
	}
	out := make([]any, len(statements))
	for i, st := range statements {
		out[i] = st
	}
	doc["Statement"] = out
	data, err := json.Marshal(doc)
	if err != nil {
		return obj
	}
	vals := plain.AsValueMap()
	vals["json"] = cty.StringVal(string(data))
	return cty.ObjectVal(vals).WithMarks(marks)
}

// blockStatement renders a statement block as the provider does.
func blockStatement(st cty.Value) map[string]any {
	s := map[string]any{"Effect": "Allow"}
	if v := attr(st, "sid"); isString(v) && v.AsString() != "" {
		s["Sid"] = v.AsString()
	}
	if v := attr(st, "effect"); isString(v) {
		s["Effect"] = v.AsString()
	}
	for field, name := range map[string]string{"actions": "Action", "not_actions": "NotAction", "resources": "Resource", "not_resources": "NotResource"} {
		if list := stringList(attr(st, field)); len(list) > 0 {
			s[name] = oneOrMany(list)
		}
	}
	for field, name := range map[string]string{"principals": "Principal", "not_principals": "NotPrincipal"} {
		if p := principals(blockList(st, field)); p != nil {
			s[name] = p
		}
	}
	conditions := map[string]any{}
	for _, c := range blockList(st, "condition") {
		test, variable := attr(c, "test"), attr(c, "variable")
		if !isString(test) || !isString(variable) {
			continue
		}
		byKey, _ := conditions[test.AsString()].(map[string]any)
		if byKey == nil {
			byKey = map[string]any{}
			conditions[test.AsString()] = byKey
		}
		// Conditions with the same test and variable merge their values,
		// as the provider renders them.
		values := stringList(attr(c, "values"))
		if earlier, ok := byKey[variable.AsString()]; ok {
			values = append(anyStrings(earlier), values...)
		}
		byKey[variable.AsString()] = oneOrMany(values)
	}
	if len(conditions) > 0 {
		s["Condition"] = conditions
	}
	return s
}

// documentStatements reads the statements of a policy document's JSON.
func documentStatements(text string) ([]map[string]any, bool) {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(text), &doc) != nil {
		return nil, false
	}
	var list []map[string]any
	if json.Unmarshal(doc.Statement, &list) == nil {
		return list, true
	}
	var one map[string]any
	if json.Unmarshal(doc.Statement, &one) == nil && one != nil {
		return []map[string]any{one}, true
	}
	return nil, len(doc.Statement) == 0
}

// mergeStatements appends later statements to earlier ones, a later
// statement replacing an earlier one with the same Sid in its place.
func mergeStatements(earlier, later []map[string]any) []map[string]any {
	out := slices.Clone(earlier)
	for _, st := range later {
		sid, _ := st["Sid"].(string)
		i := slices.IndexFunc(out, func(o map[string]any) bool { s, _ := o["Sid"].(string); return sid != "" && s == sid })
		if i >= 0 {
			out[i] = st
			continue
		}
		out = append(out, st)
	}
	return out
}

func principals(blocks []cty.Value) any {
	if len(blocks) == 0 {
		return nil
	}
	out := map[string]any{}
	for _, b := range blocks {
		typ := attr(b, "type")
		ids := stringList(attr(b, "identifiers"))
		if !isString(typ) {
			continue
		}
		if typ.AsString() == "*" && slices.Equal(ids, []string{"*"}) {
			return "*"
		}
		// Blocks of the same type merge their identifiers, as the
		// provider renders them.
		if earlier, ok := out[typ.AsString()]; ok {
			ids = append(anyStrings(earlier), ids...)
		}
		out[typ.AsString()] = oneOrMany(ids)
	}
	return out
}

// anyStrings is the list oneOrMany made: one string or several.
func anyStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return slices.Clone(v)
	}
	return nil
}

func attr(obj cty.Value, name string) cty.Value {
	if obj.IsNull() || !obj.Type().IsObjectType() || !obj.Type().HasAttribute(name) {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return obj.GetAttr(name)
}

func blockList(obj cty.Value, name string) []cty.Value {
	v := attr(obj, name)
	if v.IsNull() || !v.CanIterateElements() {
		return nil
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

func stringList(v cty.Value) []string {
	if v.IsNull() {
		return nil
	}
	if v.Type() == cty.String {
		return []string{v.AsString()}
	}
	if !v.CanIterateElements() {
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		// The arguments are sets of strings: Terraform converts a bool or
		// a number to its string.
		if !e.IsNull() && e.IsKnown() && (e.Type() == cty.Bool || e.Type() == cty.Number) {
			if c, err := convert.Convert(e, cty.String); err == nil {
				e = c
			}
		}
		if isString(e) {
			out = append(out, e.AsString())
		}
	}
	return out
}

func isString(v cty.Value) bool {
	return !v.IsNull() && v.IsKnown() && v.Type() == cty.String
}

func oneOrMany(list []string) any {
	if len(list) == 1 {
		return list[0]
	}
	return list
}
