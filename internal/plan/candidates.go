package plan

import (
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/model"
)

// candidates records, for an aws_iam_policy_document data source whose
// list of merged documents is wholly unknown in the plan (as compact([...])
// of a document known only after apply makes it), the documents known
// while planning that the list may hold besides those the linked
// aws_iam_policy_document data sources render (model.Resource.Candidates):
// only when the list's expression reads nothing but such data sources,
// count, and variables that come down to constants (a module argument
// written as a constant, a variable's default, a root variable's value,
// or another such variable), so that nothing else can be in it. Every
// string among those constants is a candidate: which ones a condition
// keeps is not known, so the rules read them all.
func (l *linker) candidates(r *model.Resource, sc scope, cr *tfjson.ConfigResource) {
	if r.Mode != "data" || r.Type != "aws_iam_policy_document" {
		return
	}
	for _, attr := range model.DocumentLists {
		expr := cr.Expressions[attr]
		if expr == nil || expr.ExpressionData == nil || !slices.Contains(r.Unknown, attr) {
			continue
		}
		var docs []string
		if !l.constantStrings(sc, expr.References, 0, &docs) {
			continue
		}
		if r.Candidates == nil {
			r.Candidates = map[string][]string{}
		}
		slices.Sort(docs)
		r.Candidates[attr] = slices.Compact(docs)
		if r.Candidates[attr] == nil {
			r.Candidates[attr] = []string{}
		}
	}
}

// constantStrings adds to docs the strings of the constants the
// references come down to, and reports whether every reference is an
// aws_iam_policy_document data source, count, or such a constant.
func (l *linker) constantStrings(sc scope, refs []string, depth int, docs *[]string) bool {
	if depth > maxDepth {
		return false
	}
	for _, ref := range refs {
		root, rest, _ := strings.Cut(ref, ".")
		switch root {
		case "count":
		case "data":
			if !strings.HasPrefix(rest, "aws_iam_policy_document.") {
				return false
			}
		case "var":
			name := strings.SplitN(strings.SplitN(rest, "[", 2)[0], ".", 2)[0]
			if !l.variableStrings(sc, name, depth, docs) {
				return false
			}
		default:
			return false // a local, a resource, a module output, each
		}
	}
	return true
}

// variableStrings is constantStrings for a variable of a module instance.
func (l *linker) variableStrings(sc scope, name string, depth int, docs *[]string) bool {
	calls := sc.path.Calls()
	mod := l.modules[calls]
	if mod == nil {
		return false
	}
	v := mod.Variables[name]
	if v == nil || v.Sensitive {
		return false // sensitive values stay out of the model
	}
	n := len(sc.path)
	if n == 0 {
		pv := l.rootVars[name]
		if pv == nil {
			return false
		}
		collectStrings(pv.Value, docs)
		return true
	}
	call := l.calls[calls]
	if call == nil {
		return false
	}
	expr := call.Expressions[name]
	switch {
	case expr == nil || expr.ExpressionData == nil:
		collectStrings(v.Default, docs)
		return true
	case len(expr.References) == 0:
		if expr.ConstantValue == nil {
			return false // a function of nothing, such as jsonencode({...})
		}
		collectStrings(expr.ConstantValue, docs)
		return true
	}
	parent := newScope(sc.path[:n-1], sc.path[:n-1].String(), sc.path[n-1].Key, references(call.ForEachExpression))
	return l.constantStrings(parent, expr.References, depth+1, docs)
}

// collectStrings adds every string in a JSON value to out.
func collectStrings(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		if v != "" {
			*out = append(*out, v)
		}
	case []any:
		for _, x := range v {
			collectStrings(x, out)
		}
	case map[string]any:
		for _, x := range v {
			collectStrings(x, out)
		}
	}
}
