package hclsrc

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/parallel"
	"github.com/tfgate/tfgate/internal/tffunc"
)

// computed are the attributes every resource has after apply, known only
// then unless the configuration sets them.
var computed = []string{"id", "arn"}

// evalResource evaluates every instance of a resource or data block,
// records them in the model, and returns the value other expressions
// see: per instance, the evaluated arguments and blocks, and unknown
// values for the other attributes the module reads (referenced), each
// marked with the instance's address.
func (e *evaluator) evalResource(path model.ModulePath, b *hcl.Block, ctx *hcl.EvalContext, referenced []string, ps providers, transformed []string) cty.Value {
	typ, name := b.Labels[0], b.Labels[1]
	mode, prefix := "managed", ""
	if b.Type == "data" {
		mode, prefix = "data", "data."
	}
	base := prefix + typ + "." + name
	if len(path) > 0 {
		base = path.String() + "." + base
	}
	if _, native := b.Body.(*hclsyntax.Body); !native && jsonDynamic(b.Body) {
		e.gap(base, []string{typ}, "a dynamic block written in JSON syntax, which a static check does not expand, so its instances were not evaluated", b.DefRange)
		return cty.DynamicVal.Mark(ref{base})
	}
	if _, ok := b.Body.(unmerged); ok {
		e.gap(base, []string{typ}, "an override file in JSON syntax (or an override of a block written in JSON) merges into it, which a static check cannot merge as Terraform does, so its instances were not evaluated", b.DefRange)
		return cty.DynamicVal.Mark(ref{base})
	}
	keys, why := e.instances(b, ctx)
	if why != "" {
		e.gap(base, []string{typ}, why+", so its instances were not evaluated", b.DefRange)
		return cty.DynamicVal.Mark(ref{base})
	}
	var provider providerConf
	if strings.HasPrefix(typ, "aws_") {
		provider = resourceProvider(ps, path, b)
	}
	byKey := map[string]cty.Value{}
	var list []cty.Value
	for _, k := range keys {
		address := base + model.FormatKey(k.key)
		ictx := withInstance(ctx, k)
		obj, configured := e.evalBody(b.Body, ictx, schemaOf(b.Body), true)
		if mode == "managed" {
			obj = withIgnoredChanges(b, obj)
		}
		if typ == "aws_iam_policy_document" && mode == "data" {
			obj = withPolicyJSON(obj)
		}
		if mode == "data" && (typ == "aws_partition" || typ == "aws_region") {
			obj = withRegionFacts(typ, obj, provider.region)
		}
		if mode == "managed" {
			obj = withAttributeTypes(typ, obj)
		}
		if mode == "managed" && provider.key != "" {
			obj = withTagsAll(typ, obj, provider.tags)
		}
		r := &model.Resource{Address: address, Module: path.String(), Mode: mode, Type: typ, Name: name, Index: k.key, Configured: configured, Provider: provider.key}
		if typ == "aws_iam_policy_document" && mode == "data" {
			r.Candidates = candidates(b, obj, ictx)
		}
		if mode == "managed" {
			r.Drafts = drafts(b, obj, ictx)
		}
		r.Transformed = transformed
		e.record(r, obj)
		visible := visibleValue(typ, obj, referenced).Mark(ref{address})
		switch key := k.key.(type) {
		case string:
			byKey[key] = visible
		case json.Number:
			list = append(list, visible)
		default:
			return visible
		}
	}
	if blockAttr(b, "count") != nil {
		if len(list) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(list)
	}
	if len(byKey) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(byKey)
}

// withIgnoredChanges makes unknown the arguments a resource's lifecycle
// ignore_changes lists (every argument, for all): Terraform writes them
// when it creates the object, and keeps what the object holds after that,
// which a directory check cannot know. Their links stay. Tags are left as
// written: what marks a role as break-glass is read from them, and a
// change of tags made elsewhere is not one tfgate can judge.
func withIgnoredChanges(b *hcl.Block, obj cty.Value) cty.Value {
	names, all := ignoredChanges(b)
	if len(names) == 0 && !all {
		return obj
	}
	return withAttributes(obj, func(vals map[string]cty.Value) {
		for name, v := range vals {
			if name == "tags" || name == "tags_all" || !all && !slices.Contains(names, name) {
				continue
			}
			_, pvms := v.UnmarkDeepWithPaths()
			unknown := cty.UnknownVal(v.Type())
			for _, pvm := range pvms {
				unknown = unknown.WithMarks(pvm.Marks)
			}
			vals[name] = unknown
		}
	})
}

// withAttributes edits a known object's attributes, keeping its marks;
// any other value is returned as it is.
func withAttributes(obj cty.Value, edit func(vals map[string]cty.Value)) cty.Value {
	plain, marks := obj.Unmark()
	if plain.IsNull() || !plain.IsKnown() || !plain.Type().IsObjectType() {
		return obj
	}
	vals := plain.AsValueMap()
	if vals == nil {
		vals = map[string]cty.Value{}
	}
	edit(vals)
	return cty.ObjectVal(vals).WithMarks(marks)
}

// ignoredChanges reads a resource block's lifecycle ignore_changes: the
// top-level arguments it names, or all.
func ignoredChanges(b *hcl.Block) (names []string, all bool) {
	body, ok := b.Body.(*hclsyntax.Body)
	if !ok {
		return nil, false
	}
	for _, lc := range body.Blocks {
		if lc.Type != "lifecycle" {
			continue
		}
		a, ok := lc.Body.Attributes["ignore_changes"]
		if !ok {
			continue
		}
		if hcl.ExprAsKeyword(a.Expr) == "all" {
			return nil, true
		}
		items, diags := hcl.ExprList(a.Expr)
		if diags.HasErrors() {
			return nil, true // not a list of arguments: as if all
		}
		for _, item := range items {
			t, diags := hcl.RelTraversalForExpr(item)
			if diags.HasErrors() || len(t) == 0 {
				continue
			}
			if root, ok := t[0].(hcl.TraverseAttr); ok {
				names = append(names, root.Name)
			}
		}
	}
	return names, false
}

// withoutDocumentRefs drops from a value the marks that link it to
// policy document data sources: a value an expression may have changed
// (Module.TransformedInputs, TransformedOutputs) is not their document.
// Its other links stay.
func withoutDocumentRefs(v cty.Value) cty.Value {
	plain, pvms := v.UnmarkDeepWithPaths()
	kept := pvms[:0]
	for _, pvm := range pvms {
		marks := cty.ValueMarks{}
		for m := range pvm.Marks {
			if r, ok := m.(ref); ok && (strings.HasPrefix(r.address, "data.aws_iam_policy_document.") || strings.Contains(r.address, ".data.aws_iam_policy_document.")) {
				continue
			}
			marks[m] = struct{}{}
		}
		if len(marks) > 0 {
			kept = append(kept, cty.PathValueMarks{Path: pvm.Path, Marks: marks})
		}
	}
	return plain.MarkWithPaths(kept)
}

// jsonDynamic reports whether a body written in JSON syntax holds a
// "dynamic" property, at any depth of its nested blocks.
func jsonDynamic(body hcl.Body) bool {
	attrs, diags := body.JustAttributes()
	if diags.HasErrors() {
		return false
	}
	for name, a := range attrs {
		if name == "dynamic" || exprDynamic(a.Expr, 0) {
			return true
		}
	}
	return false
}

// exprDynamic looks for a "dynamic" key in the objects (and lists of
// objects) a JSON expression writes.
func exprDynamic(expr hcl.Expression, depth int) bool {
	if depth > 16 {
		return false
	}
	if pairs, diags := hcl.ExprMap(expr); !diags.HasErrors() {
		for _, kv := range pairs {
			if k, diags := kv.Key.Value(nil); !diags.HasErrors() && k.Type() == cty.String && k.IsKnown() && !k.IsNull() && k.AsString() == "dynamic" {
				return true
			}
			if exprDynamic(kv.Value, depth+1) {
				return true
			}
		}
		return false
	}
	if items, diags := hcl.ExprList(expr); !diags.HasErrors() {
		for _, item := range items {
			if exprDynamic(item, depth+1) {
				return true
			}
		}
	}
	return false
}

// visibleValue is what other expressions read of an instance: its
// arguments and blocks, and the attributes the configuration reads that
// it does not set, unknown.
func visibleValue(typ string, obj cty.Value, referenced []string) cty.Value {
	return withAttributes(obj, func(vals map[string]cty.Value) {
		for _, name := range slices.Concat(computed, referenced) {
			if _, ok := vals[name]; !ok {
				vals[name] = cty.DynamicVal
			}
		}
		// The provider's bool and number arguments exist whether or not the
		// configuration writes them, and one left unset or null gets the
		// provider's default (or a value known only after apply), which the
		// schema does not give: unknown, so that an expression reading it
		// through the whole object (try, lookup, can, coalesce) takes no
		// fallback that Terraform would not take.
		for path, kind := range attributeTypes[typ] {
			if kind == "block" || strings.Contains(path, ".") {
				continue
			}
			if v, ok := vals[path]; !ok || v.IsNull() {
				vals[path] = cty.DynamicVal
			}
		}
	})
}

// metaArguments are written in resource blocks but are not attributes.
var metaArguments = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are written in resource blocks but are not attributes.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true, "precondition": true, "postcondition": true}

// bodySchema is the shape of a body as its syntax shows it: its argument
// names and the types of its nested blocks, static or dynamic, each with
// the shape of its own body. A resource's schema is its provider's; this
// is what the configuration writes of it, which is what can be evaluated.
type bodySchema struct {
	schema *hcl.BodySchema
	blocks map[string]*bodySchema
}

// schemaOf reads the shape of a body from its syntax; nil for bodies of
// another syntax (JSON), which are read attribute by attribute.
func schemaOf(body hcl.Body) *bodySchema {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	s := &bodySchema{schema: &hcl.BodySchema{}, blocks: map[string]*bodySchema{}}
	s.add(sb)
	return s
}

// add merges the shape of a body into s.
func (s *bodySchema) add(sb *hclsyntax.Body) {
	for name := range sb.Attributes {
		if !slices.ContainsFunc(s.schema.Attributes, func(a hcl.AttributeSchema) bool { return a.Name == name }) {
			s.schema.Attributes = append(s.schema.Attributes, hcl.AttributeSchema{Name: name})
		}
	}
	for _, b := range sb.Blocks {
		typ, body := b.Type, b.Body
		switch {
		case b.Type == "dynamic" && len(b.Labels) == 1:
			typ, body = b.Labels[0], nil
			for _, inner := range b.Body.Blocks {
				if inner.Type == "content" {
					body = inner.Body
				}
			}
		case len(b.Labels) > 0:
			continue // no labelled block is an argument (provisioner "x")
		}
		child := s.blocks[typ]
		if child == nil {
			child = &bodySchema{schema: &hcl.BodySchema{}, blocks: map[string]*bodySchema{}}
			s.blocks[typ] = child
			s.schema.Blocks = append(s.schema.Blocks, hcl.BlockHeaderSchema{Type: typ})
		}
		if body != nil {
			child.add(body)
		}
	}
}

// evalBody evaluates the arguments and nested blocks of a body into an
// object, dynamic blocks expanded (hcl's dynblock), and returns the names
// it writes. A dynamic block whose for_each is known only after apply
// makes its block type wholly unknown, as in a plan.
func (e *evaluator) evalBody(body hcl.Body, ctx *hcl.EvalContext, s *bodySchema, top bool) (cty.Value, []string) {
	vals := map[string]cty.Value{}
	if s == nil {
		attrs, _ := body.JustAttributes()
		for name, a := range attrs {
			if !top || !metaArguments[name] {
				vals[name] = e.value(a.Expr, ctx)
			}
		}
		return cty.ObjectVal(vals), sortedKeys(vals)
	}
	if top {
		// Nested bodies are expanded with it: they are dynblock's.
		body = dynblock.Expand(body, ctx)
	}
	content, _, _ := body.PartialContent(s.schema)
	if content == nil {
		return cty.ObjectVal(vals), nil
	}
	for name, a := range content.Attributes {
		if !top || !metaArguments[name] {
			vals[name] = e.value(a.Expr, ctx)
		}
	}
	blocks := map[string][]cty.Value{}
	unknown := map[string]cty.ValueMarks{}
	for _, b := range content.Blocks {
		if top && metaBlocks[b.Type] {
			continue
		}
		if u, ok := b.Body.(interface{ Unknown() bool }); ok && u.Unknown() {
			marks := cty.ValueMarks{}
			if m, ok := b.Body.(interface{ BodyValueMarks() cty.ValueMarks }); ok {
				marks = m.BodyValueMarks()
			}
			unknown[b.Type] = marks
			continue
		}
		v, _ := e.evalBody(b.Body, ctx, s.blocks[b.Type], false)
		blocks[b.Type] = append(blocks[b.Type], v)
	}
	for name, list := range blocks {
		vals[name] = cty.TupleVal(list)
	}
	for name, marks := range unknown {
		vals[name] = cty.DynamicVal.WithMarks(marks)
	}
	// A block type the syntax writes that expanded to nothing (a dynamic
	// block over an empty collection) is an empty list.
	for _, bs := range s.schema.Blocks {
		if _, ok := vals[bs.Type]; !ok && !(top && metaBlocks[bs.Type]) {
			vals[bs.Type] = cty.EmptyTupleVal
		}
	}
	return cty.ObjectVal(vals), sortedKeys(vals)
}

func sortedKeys(m map[string]cty.Value) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// evalCall evaluates a module call: its instances, their inputs in the
// calling module, and the called module; it returns what module.NAME is.
func (e *evaluator) evalCall(path model.ModulePath, dir string, b *hcl.Block, ctx *hcl.EvalContext, mod *Module, ps providers) (cty.Value, error) {
	name := b.Labels[0]
	base := "module." + name
	if len(path) > 0 {
		base = path.String() + "." + base
	}
	source := mod.Calls[name]
	childDir := filepath.Join(dir, source)
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		key := name
		if calls := path.Calls(); calls != "" {
			key = calls + "." + name
		}
		installed, ok := e.installed[key]
		if !ok {
			reason := fmt.Sprintf("the module source %q is not installed, so its resources were not evaluated; run terraform init", source)
			if source == "" {
				reason = "the module source is not a literal string, so its resources were not evaluated"
			}
			e.gap(base, nil, reason, b.DefRange)
			return cty.DynamicVal, nil
		}
		constraint := ""
		if a := blockAttr(b, "version"); a != nil {
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				constraint = v.AsString()
			}
		}
		if why := installed.stale(source, constraint); why != "" {
			e.gap(base, e.declaredTypes(installed.dir, 0), why+", so its resources were not evaluated; run terraform init", b.DefRange)
			return cty.DynamicVal, nil
		}
		childDir = installed.dir
	}
	keys, why := e.instances(b, ctx)
	if why != "" {
		e.gap(base, e.declaredTypes(childDir, 0), why+", so its resources were not evaluated", b.DefRange)
		return cty.DynamicVal, nil
	}
	// The instances of a call are independent: they are evaluated on
	// every CPU, each with its own inputs.
	outs := make([]cty.Value, len(keys))
	errs := make([]error, len(keys))
	attrs, _ := b.Body.JustAttributes()
	parallel.For(len(keys), func(i int) {
		k := keys[i]
		ictx := withInstance(ctx, k)
		inputs := map[string]cty.Value{}
		for an, a := range attrs {
			switch an {
			case "source", "version", "count", "for_each", "providers", "depends_on":
				continue
			}
			inputs[an] = e.value(a.Expr, ictx)
			if mod.TransformedInputs["module."+name][an] {
				inputs[an] = withoutDocumentRefs(inputs[an])
			}
		}
		childPath := append(slices.Clip(path), model.Step{Name: name, Key: k.key})
		outs[i], errs[i] = e.evalModule(childPath, childDir, inputs, ps)
	})
	byKey, list := map[string]cty.Value{}, []cty.Value{}
	for i, k := range keys {
		if errs[i] != nil {
			return cty.NilVal, errs[i]
		}
		switch key := k.key.(type) {
		case string:
			byKey[key] = outs[i]
		case json.Number:
			list = append(list, outs[i])
		default:
			return outs[i], nil
		}
	}
	if blockAttr(b, "count") != nil {
		return cty.TupleVal(list), nil
	}
	return cty.ObjectVal(byKey), nil
}

// declaredTypes lists the resource types a module and the local modules
// it calls declare, for a gap; nil when some are not known.
func (e *evaluator) declaredTypes(dir string, depth int) []string {
	mod, err := e.module(dir)
	if err != nil || depth > maxNesting {
		return nil
	}
	var types []string
	for address := range mod.Blocks {
		if typ, _, ok := strings.Cut(address, "."); ok && typ != "module" && typ != "data" {
			types = append(types, typ)
		}
	}
	for _, source := range mod.Calls {
		if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
			return nil
		}
		inner := e.declaredTypes(filepath.Join(dir, source), depth+1)
		if inner == nil {
			return nil
		}
		types = append(types, inner...)
	}
	slices.Sort(types)
	return slices.Compact(types)
}

// record turns an evaluated object into a model resource: known values,
// unknown paths, sensitive values hidden, links from reference marks.
func (e *evaluator) record(r *model.Resource, obj cty.Value) {
	unmarked, pvms := obj.UnmarkDeepWithPaths()
	r.Values = map[string]any{}
	if goVal, ok := toModel(unmarked, "", &r.Unknown).(map[string]any); ok {
		r.Values = goVal
	}
	seen := map[string]bool{}
	for _, pvm := range pvms {
		p := pathString(pvm.Path)
		for m := range pvm.Marks {
			if m == tffunc.Sensitive {
				if setSensitive(r.Values, pvm.Path) {
					r.Sensitive = append(r.Sensitive, p)
				}
				continue
			}
			if mk, ok := m.(ref); ok {
				attr := attributeName(pvm.Path)
				if attr == "" || mk.address == r.Address || seen[mk.address+"\x00"+attr] {
					continue
				}
				seen[mk.address+"\x00"+attr] = true
				r.References = append(r.References, model.Link{Address: mk.address, Type: typeOf(mk.address), Attribute: attr, Via: model.ViaHCLTraversal})
			}
		}
	}
	r.Sensitive = append(r.Sensitive, hideProviderSensitive(r.Mode, r.Type, r.Values)...)
	slices.Sort(r.Unknown)
	slices.Sort(r.Sensitive)
	r.Sensitive = slices.Compact(r.Sensitive)
	e.mu.Lock()
	e.resources = append(e.resources, r)
	e.mu.Unlock()
}

// attributeName is the dotted attribute path of a value path, without
// list positions: rule.apply_server_side_encryption_by_default.kms_master_key_id.
func attributeName(p cty.Path) string {
	var names []string
	for _, step := range p {
		if s, ok := step.(cty.GetAttrStep); ok {
			names = append(names, s.Name)
		}
	}
	return strings.Join(names, ".")
}

func pathString(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Name)
		case cty.IndexStep:
			if s.Key.Type() == cty.String {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(s.Key.AsString())
			} else {
				i, _ := s.Key.AsBigFloat().Int64()
				fmt.Fprintf(&b, "[%d]", i)
			}
		}
	}
	return b.String()
}

// toModel converts a known-or-partly-known value to the model's JSON
// shapes, recording the paths of unknown parts.
func toModel(v cty.Value, path string, unknown *[]string) any {
	if !v.IsKnown() {
		if path != "" {
			*unknown = append(*unknown, path)
		}
		return nil
	}
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		return json.Number(v.AsBigFloat().Text('g', -1))
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := []any{}
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			out = append(out, toModel(ev, fmt.Sprintf("%s[%d]", path, i), unknown))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			key := k.AsString()
			sub := key
			if path != "" {
				sub = path + "." + key
			}
			g := toModel(ev, sub, unknown)
			if ev.IsKnown() {
				out[key] = g
			}
		}
		return out
	}
	return nil
}

// setSensitive replaces the value at a path with the marker; it reports
// whether there was a value to hide.
func setSensitive(values map[string]any, p cty.Path) bool {
	var cur any = values
	for i, step := range p {
		lastStep := i == len(p)-1
		switch s := step.(type) {
		case cty.GetAttrStep:
			obj, ok := cur.(map[string]any)
			if !ok {
				return false
			}
			if lastStep {
				if obj[s.Name] == nil {
					return false
				}
				obj[s.Name] = model.SensitiveMarker
				return true
			}
			cur = obj[s.Name]
		case cty.IndexStep:
			switch container := cur.(type) {
			case map[string]any:
				if s.Key.Type() != cty.String {
					return false
				}
				k := s.Key.AsString()
				if lastStep {
					if container[k] == nil {
						return false
					}
					container[k] = model.SensitiveMarker
					return true
				}
				cur = container[k]
			case []any:
				idx, _ := s.Key.AsBigFloat().Int64()
				if idx < 0 || int(idx) >= len(container) {
					return false
				}
				if lastStep {
					container[idx] = model.SensitiveMarker
					return true
				}
				cur = container[idx]
			default:
				return false
			}
		}
	}
	if len(p) == 0 {
		for k := range values {
			values[k] = model.SensitiveMarker
		}
		return true
	}
	return false
}
