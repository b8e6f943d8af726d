package hclsrc

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/tffunc"
)

// documentMarker starts the stand-in for the JSON of an
// aws_iam_policy_document data source in candidates' evaluation; no
// document starts with a NUL.
const documentMarker = "\x00tfgate-document\x00"

// candidates returns, for each list of merged documents of an
// aws_iam_policy_document data source instance that is not wholly known
// (the JSON of another data source it lists is known only after apply,
// and compact([...]) or a condition makes the whole list unknown), the
// other documents the list holds (model.Resource.Candidates). The list is
// evaluated again with every aws_iam_policy_document's JSON standing in
// as a known marker: the markers are the linked data sources, the other
// strings the candidates. A list that is still not wholly known then has
// no candidates. Nil when there are none.
func candidates(b *hcl.Block, obj cty.Value, ctx *hcl.EvalContext) map[string][]string {
	body, ok := b.Body.(*hclsyntax.Body)
	plain, _ := obj.UnmarkDeep()
	if !ok || !plain.Type().IsObjectType() {
		return nil
	}
	var out map[string][]string
	var marked *hcl.EvalContext
	for _, name := range model.DocumentLists {
		a, ok := body.Attributes[name]
		if !ok || !plain.Type().HasAttribute(name) || plain.GetAttr(name).IsWhollyKnown() {
			continue
		}
		if marked == nil {
			marked = withDocumentMarkers(ctx)
		}
		v, diags := a.Expr.Value(marked)
		if diags.HasErrors() {
			continue
		}
		v, pvm := v.UnmarkDeepWithPaths()
		if anySensitive(pvm) {
			continue // a sensitive document stays out of the model
		}
		if !v.IsWhollyKnown() || v.IsNull() || !(v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
			continue
		}
		docs := []string{}
		complete := true
		for it := v.ElementIterator(); it.Next(); {
			_, el := it.Element()
			if el.IsNull() {
				continue
			}
			if el.Type() != cty.String {
				complete = false
				break
			}
			if s := el.AsString(); !strings.HasPrefix(s, documentMarker) {
				docs = append(docs, s)
			}
		}
		if !complete {
			continue
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[name] = docs
	}
	return out
}

// withDocumentMarkers returns a child of ctx in which every
// aws_iam_policy_document data source instance's json is a known marker.
func withDocumentMarkers(ctx *hcl.EvalContext) *hcl.EvalContext {
	var data cty.Value
	for c := ctx; c != nil; c = c.Parent() {
		if v, ok := c.Variables["data"]; ok {
			data = v
			break
		}
	}
	plain, marks := data.Unmark()
	if data == cty.NilVal || !plain.IsKnown() || plain.IsNull() || !plain.Type().IsObjectType() || !plain.Type().HasAttribute("aws_iam_policy_document") {
		return ctx
	}
	attrs := plain.AsValueMap()
	attrs["aws_iam_policy_document"] = markDocuments(attrs["aws_iam_policy_document"])
	child := ctx.NewChild()
	child.Variables = map[string]cty.Value{"data": cty.ObjectVal(attrs).WithMarks(marks)}
	return child
}

// markDocuments replaces the json of every instance in a value of
// data.aws_iam_policy_document (an object of blocks, each an instance, a
// tuple of count instances or an object of for_each instances).
func markDocuments(v cty.Value) cty.Value {
	plain, marks := v.Unmark()
	if !plain.IsKnown() || plain.IsNull() {
		return v
	}
	switch {
	case plain.Type().IsObjectType() && plain.Type().HasAttribute("json"):
		attrs := plain.AsValueMap()
		address := ""
		for m := range marks {
			if r, ok := m.(ref); ok {
				address = r.address
			}
		}
		attrs["json"] = cty.StringVal(documentMarker + address)
		return cty.ObjectVal(attrs).WithMarks(marks)
	case plain.Type().IsObjectType() || plain.Type().IsTupleType():
		if plain.LengthInt() == 0 {
			return v
		}
		if plain.Type().IsTupleType() {
			list := make([]cty.Value, 0, plain.LengthInt())
			for it := plain.ElementIterator(); it.Next(); {
				_, el := it.Element()
				list = append(list, markDocuments(el))
			}
			return cty.TupleVal(list).WithMarks(marks)
		}
		attrs := plain.AsValueMap()
		for k, el := range attrs {
			attrs[k] = markDocuments(el)
		}
		return cty.ObjectVal(attrs).WithMarks(marks)
	}
	return v
}

// anySensitive reports whether any of the marks is the sensitive mark.
func anySensitive(pvm []cty.PathValueMarks) bool {
	for _, pm := range pvm {
		if _, ok := pm.Marks[tffunc.Sensitive]; ok {
			return true
		}
	}
	return false
}
