package hclsrc

import (
	"encoding/json"
	"slices"
	"strings"

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
		root := t.RootName()
		vars[root] = cty.DynamicVal
		if !notResources[root] {
			// A managed resource's attribute (aws_iam_role.r.arn).
			vars[root] = cty.DynamicVal.Mark(ref{root})
		}
	}
	return draftOf(expr, &hcl.EvalContext{Variables: vars, Functions: funcs})
}

// notResources are the roots of references that are not resources.
var notResources = map[string]bool{"var": true, "local": true, "module": true, "data": true, "each": true, "count": true, "path": true, "terraform": true, "self": true}

// principalFields are a statement's fields that name principals.
var principalFields = map[string]bool{"Principal": true, "NotPrincipal": true}

// resourcePrincipals reports whether every part of a statement's
// principal field known only after apply comes from an AWS resource's
// attribute (marked by ref, awsResource): such a part names one
// principal, an ARN or an account, never everyone ("*" is the only
// wildcard IAM takes in a principal, and what AWS computes is never it).
// A part from a variable known only after apply (a directory check
// without its value), a data source or another provider may be anything.
func resourcePrincipals(field cty.Value, at cty.Path, refs map[string]bool) bool {
	ok := true
	cty.Walk(field, func(p cty.Path, v cty.Value) (bool, error) {
		if v.IsKnown() {
			return true, nil
		}
		full := append(slices.Clip(at), p...)
		found := false
		for n := len(full); n > 0 && !found; n-- {
			found = refs[pathKey(full[:n])]
		}
		ok = ok && found
		return false, nil
	})
	return ok
}

// awsResource reports whether an address (or a bare resource type, as
// staticDraftOf marks references) is an AWS provider's managed resource:
// what it computes are AWS's identifiers. A data source (a remote state's
// outputs) or another provider's resource (terraform_data echoes its
// input) may hold anything.
func awsResource(address string) bool {
	if strings.HasPrefix(address, "data.") || strings.Contains(address, ".data.") {
		return false
	}
	return strings.HasPrefix(address, "aws_") || strings.Contains(address, ".aws_")
}

// pathKey writes a value path as a key, attribute and string index steps
// alike (a document may be an object or a map).
func pathKey(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			if s.Key.Type() == cty.String && s.Key.IsKnown() {
				b.WriteString("." + s.Key.AsString())
			} else if s.Key.Type() == cty.Number && s.Key.IsKnown() {
				b.WriteString("[" + s.Key.AsBigFloat().Text('f', 0) + "]")
			}
		}
	}
	return b.String()
}

func draftDocument(v cty.Value) (string, bool) {
	v, marks := v.UnmarkDeepWithPaths()
	refs := map[string]bool{}
	for _, pm := range marks {
		if _, sensitive := pm.Marks[tffunc.Sensitive]; sensitive {
			return "", false
		}
		for m := range pm.Marks {
			if r, ok := m.(ref); ok && awsResource(r.address) {
				refs[pathKey(pm.Path)] = true
			}
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
	var paths []cty.Path
	switch t := statements.Type(); {
	case t.IsObjectType() || t.IsMapType():
		list = []cty.Value{statements}
		paths = []cty.Path{cty.GetAttrPath("Statement")}
	case t.IsTupleType() || t.IsListType():
		list = statements.AsValueSlice()
		for i := range list {
			paths = append(paths, cty.GetAttrPath("Statement").Index(cty.NumberIntVal(int64(i))))
		}
	default:
		return "", false
	}
	// A statement whose decisive fields are not all known is written as
	// undecided (model.UndecidedEffect): the draft is then partial, and
	// rules may fail a resource on its other statements, never pass it.
	var drafted []any
	decided := 0
	for i, st := range list {
		if !st.IsKnown() || st.IsNull() || !(st.Type().IsObjectType() || st.Type().IsMapType()) {
			drafted = append(drafted, map[string]any{"Effect": model.UndecidedEffect})
			continue
		}
		fields := st.AsValueMap()
		if slices.ContainsFunc(decisive, func(name string) bool {
			f, ok := fields[name]
			if !ok || f.IsWhollyKnown() {
				return false
			}
			return !principalFields[name] || !resourcePrincipals(f, paths[i].GetAttr(name), refs)
		}) {
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
