package hclsrc

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/model"
)

var removedSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "from", Required: true}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}}, {Type: "connection"}},
}

// removedBlocks records what a module's removed blocks destroy: Terraform
// deletes the objects the state holds at the block's address unless its
// lifecycle says destroy = false. A directory check has no state, so a
// resource address becomes one instance its plan deletes, of the
// address's type, which the rules on destroys judge; the resources of a
// removed module cannot be listed without the state, which is a gap.
func (e *evaluator) removedBlocks(path model.ModulePath, blocks []*hcl.Block) {
	for _, b := range blocks {
		content, _, diags := b.Body.PartialContent(removedSchema)
		if diags.HasErrors() {
			e.gap("removed", nil, "a removed block could not be read ("+diags.Errs()[0].Error()+"), so what it destroys was not evaluated", b.DefRange)
			continue
		}
		if !destroys(content) {
			continue
		}
		traversal, diags := hcl.AbsTraversalForExpr(content.Attributes["from"].Expr)
		names, ok := traversalNames(traversal)
		if diags.HasErrors() || !ok {
			e.gap("removed", nil, "a removed block's from is not a resource or module address, so what it destroys was not evaluated", b.DefRange)
			continue
		}
		module := append(model.ModulePath{}, path...)
		for len(names) >= 2 && names[0] == "module" {
			module = append(module, model.Step{Name: names[1]})
			names = names[2:]
		}
		switch len(names) {
		case 0:
			e.gap(module.String(), nil, "a removed block destroys every resource of this module the state holds, and a directory check has no state to list them; check the plan", b.DefRange)
		case 2:
			address := names[0] + "." + names[1]
			if len(module) > 0 {
				address = module.String() + "." + address
			}
			r := &model.Resource{Address: address, Module: module.String(), Mode: "managed", Type: names[0], Name: names[1], Actions: []string{"delete"}, Location: e.location(b.DefRange)}
			e.record(r, cty.EmptyObjectVal)
		default:
			e.gap("removed", nil, "a removed block's from is not a resource or module address, so what it destroys was not evaluated", b.DefRange)
		}
	}
}

// destroys reports whether a removed block destroys what it removes: its
// lifecycle's destroy is true unless a constant false says otherwise.
func destroys(content *hcl.BodyContent) bool {
	for _, lc := range content.Blocks.OfType("lifecycle") {
		attrs, _ := lc.Body.JustAttributes()
		a, ok := attrs["destroy"]
		if !ok {
			continue
		}
		v, diags := a.Expr.Value(nil)
		if !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.False() {
			return false
		}
	}
	return true
}

// traversalNames are the names of an address written as a traversal
// without instance keys (a removed block names no instance, a provider
// reference no key); false when it has a key or no name.
func traversalNames(t hcl.Traversal) ([]string, bool) {
	var names []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		default:
			return nil, false
		}
	}
	return names, len(names) > 0
}
