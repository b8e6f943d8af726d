package hclsrc

import (
	"encoding/json"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/tffunc"
)

// documentAttributes are the attributes that hold IAM-style policy
// documents, whose drafts a check reads (model.Resource.Drafts).
var documentAttributes = []string{"policy", "assume_role_policy"}

// decisive are the fields of a statement that decide what it allows and
// to whom: a draft is made only when all of them are known.
var decisive = []string{"Effect", "Action", "NotAction", "Principal", "NotPrincipal", "Condition"}

// draftOf returns the draft of a policy document written as
// jsonencode(...) whose value is known only after apply: the document
// with the parts known only after apply (typically the ARNs in Resource)
// written as model.PendingMarker. ok is false when the expression is not
// a jsonencode call, or when what decides a statement is not known, or
// when any part is sensitive.
func draftOf(expr hcl.Expression, ctx *hcl.EvalContext) (string, bool) {
	call, ok := expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 || call.ExpandFinal {
		return "", false
	}
	v, _ := call.Args[0].Value(ctx)
	return draftDocument(v)
}

// drafts returns the drafts of a resource instance's policy documents
// whose value obj leaves unknown, evaluated in the instance's context;
// nil when none.
func drafts(b *hcl.Block, obj cty.Value, ctx *hcl.EvalContext) map[string]string {
	body, ok := b.Body.(*hclsyntax.Body)
	obj, _ = obj.UnmarkDeep()
	if !ok || !obj.Type().IsObjectType() {
		return nil
	}
	var out map[string]string
	for _, name := range documentAttributes {
		a, ok := body.Attributes[name]
		if !ok || !obj.Type().HasAttribute(name) {
			continue
		}
		if v := obj.GetAttr(name); v.IsWhollyKnown() {
			continue
		}
		if d, ok := draftOf(a.Expr, ctx); ok {
			if out == nil {
				out = map[string]string{}
			}
			out[name] = d
		}
	}
	return out
}

// staticDraftOf is draftOf with every reference unknown: what a plan's
// sources say of a document whatever the values the plan knows.
func staticDraftOf(expr hcl.Expression, funcs map[string]function.Function) (string, bool) {
	vars := map[string]cty.Value{}
	for _, t := range expr.Variables() {
		vars[t.RootName()] = cty.DynamicVal
	}
	return draftOf(expr, &hcl.EvalContext{Variables: vars, Functions: funcs})
}

func draftDocument(v cty.Value) (string, bool) {
	v, marks := v.UnmarkDeepWithPaths()
	for _, pm := range marks {
		if _, sensitive := pm.Marks[tffunc.Sensitive]; sensitive {
			return "", false
		}
	}
	if !v.IsKnown() || v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return "", false
	}
	doc := v.AsValueMap()
	statements, ok := doc["Statement"]
	if !ok || !statements.IsKnown() || statements.IsNull() {
		return "", false
	}
	var list []cty.Value
	switch t := statements.Type(); {
	case t.IsObjectType() || t.IsMapType():
		list = []cty.Value{statements}
	case t.IsTupleType() || t.IsListType():
		list = statements.AsValueSlice()
	default:
		return "", false
	}
	// A statement whose decisive fields are not all known is written as
	// undecided (model.UndecidedEffect): the draft is then partial, and
	// rules may fail a resource on its other statements, never pass it.
	var drafted []any
	decided := 0
	for _, st := range list {
		if !st.IsKnown() || st.IsNull() || !(st.Type().IsObjectType() || st.Type().IsMapType()) {
			drafted = append(drafted, map[string]any{"Effect": model.UndecidedEffect})
			continue
		}
		fields := st.AsValueMap()
		if slices.ContainsFunc(decisive, func(name string) bool { f, ok := fields[name]; return ok && !f.IsWhollyKnown() }) {
			// An undecided Deny restricts, whatever it turns out to be:
			// leaving it out can only make the document allow more.
			if e, ok := fields["Effect"]; ok && e.IsKnown() && !e.IsNull() && e.Type() == cty.String && e.AsString() == "Deny" {
				continue
			}
			drafted = append(drafted, map[string]any{"Effect": model.UndecidedEffect})
			continue
		}
		drafted = append(drafted, draftValue(st))
		decided++
	}
	if decided == 0 {
		return "", false
	}
	out := map[string]any{}
	for k, e := range doc {
		if k != "Statement" {
			out[k] = draftValue(e)
		}
	}
	out["Statement"] = drafted
	if t := statements.Type(); t.IsObjectType() || t.IsMapType() {
		out["Statement"] = drafted[0] // one statement, written as an object
	}
	data, err := json.Marshal(out)
	if err != nil {
		return "", false
	}
	return string(data), true
}

// draftValue converts a value for its draft: what is unknown becomes
// model.PendingMarker.
func draftValue(v cty.Value) any {
	switch {
	case !v.IsKnown():
		return model.PendingMarker
	case v.IsNull():
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f
	case t == cty.Bool:
		return v.True()
	case t.IsObjectType() || t.IsMapType():
		out := map[string]any{}
		for k, e := range v.AsValueMap() {
			out[k] = draftValue(e)
		}
		return out
	case t.IsTupleType() || t.IsListType() || t.IsSetType():
		out := []any{}
		for _, e := range v.AsValueSlice() {
			out = append(out, draftValue(e))
		}
		return out
	}
	return model.PendingMarker
}
