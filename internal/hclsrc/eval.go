package hclsrc

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/internal/model"
)

// LoadOptions are the inputs of static evaluation.
type LoadOptions struct {
	// VarFiles are -var-file files, applied in order after
	// terraform.tfvars and *.auto.tfvars.
	VarFiles []string
	// Vars are -var values (NAME=VALUE), applied last.
	Vars []string
	// Env holds TF_VAR_NAME values by NAME, applied first.
	Env map[string]string
	// Now is what plantimestamp() and timestamp() return.
	Now time.Time
}

// passes is how many times a module is evaluated so that values flow
// through references between resources, locals and modules.
const passes = 4

// ref marks a value as coming from a resource instance; the marks that
// reach an attribute become its links.
type ref struct{ address string }

// secret marks a value derived from a sensitive variable.
type secret struct{}

// Load evaluates the Terraform sources in dir statically into a model:
// variables (defaults, tfvars files, --var-file, --var, TF_VAR_), locals,
// count and for_each, local module calls and the functions in functions().
// Whatever cannot be known without a plan is unknown, never guessed. It
// returns warnings for what it skipped, such as remote modules.
func Load(dir string, opts LoadOptions) (m *model.Model, warnings []string, err error) {
	// cty panics on some malformed operations; a configuration must get an
	// error, never a crash.
	defer func() {
		if p := recover(); p != nil {
			m, warnings, err = nil, nil, fmt.Errorf("%s: cannot evaluate the configuration statically: %v", dir, p)
		}
	}()
	e := &evaluator{opts: opts, funcs: functions(opts.Now), modules: map[string]*Module{}, resources: map[string]*model.Resource{}, installed: installedModules(dir)}
	root, err := e.module(dir)
	if err != nil {
		return nil, nil, err
	}
	vars, err := e.rootVariables(dir)
	if err != nil {
		return nil, nil, err
	}
	if len(root.Files) == 0 {
		return nil, nil, fmt.Errorf("%s holds no .tf or .tf.json files", dir)
	}
	if _, err := e.evalModule(nil, dir, vars); err != nil {
		return nil, nil, err
	}
	m = &model.Model{Kind: model.KindHCL, Source: dir}
	for _, r := range e.resources {
		m.Resources = append(m.Resources, r)
	}
	m.Complete()
	slices.Sort(e.warnings)
	return m, slices.Compact(e.warnings), nil
}

type evaluator struct {
	opts      LoadOptions
	funcs     map[string]function.Function
	modules   map[string]*Module
	resources map[string]*model.Resource // by address; the last pass wins
	warnings  []string
	// installed maps module call paths ("a.b") to the directories
	// terraform init downloaded them to (.terraform/modules/modules.json).
	installed map[string]string
}

// installedModules reads .terraform/modules/modules.json, where terraform
// init records the directories of remote modules; nil when absent.
func installedModules(root string) map[string]string {
	data, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		return nil
	}
	var manifest struct {
		Modules []struct{ Key, Dir string }
	}
	if json.Unmarshal(data, &manifest) != nil {
		return nil
	}
	out := map[string]string{}
	for _, m := range manifest.Modules {
		if m.Key != "" && m.Dir != "" {
			out[m.Key] = filepath.Join(root, m.Dir)
		}
	}
	return out
}

func (e *evaluator) module(dir string) (*Module, error) {
	if m, ok := e.modules[dir]; ok {
		return m, nil
	}
	m, err := ReadModule(dir)
	if err != nil {
		return nil, err
	}
	e.modules[dir] = m
	return m, nil
}

// declarations are the blocks of one module evaluation reads.
type declarations struct {
	variables map[string]*hcl.Block
	locals    []*hcl.Attribute
	resources []*hcl.Block // resource and data
	calls     []*hcl.Block
	outputs   map[string]*hcl.Block
}

var declSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
}}

func declare(mod *Module) (*declarations, error) {
	d := &declarations{variables: map[string]*hcl.Block{}, outputs: map[string]*hcl.Block{}}
	for _, f := range mod.Files {
		content, _, diags := f.Body.PartialContent(declSchema)
		if diags.HasErrors() {
			return nil, diagnosticError(diags)
		}
		for _, b := range content.Blocks {
			switch b.Type {
			case "variable":
				d.variables[b.Labels[0]] = b
			case "locals":
				attrs, diags := b.Body.JustAttributes()
				if diags.HasErrors() {
					return nil, diagnosticError(diags)
				}
				for _, a := range attrs {
					d.locals = append(d.locals, a)
				}
			case "resource", "data":
				d.resources = append(d.resources, b)
			case "module":
				d.calls = append(d.calls, b)
			case "output":
				d.outputs[b.Labels[0]] = b
			}
		}
	}
	slices.SortFunc(d.locals, func(a, b *hcl.Attribute) int { return strings.Compare(a.Name, b.Name) })
	return d, nil
}

// blockAttr returns an attribute of a block, or nil.
func blockAttr(b *hcl.Block, name string) *hcl.Attribute {
	attrs, _ := b.Body.JustAttributes()
	if attrs == nil {
		if sb, ok := b.Body.(*hclsyntax.Body); ok {
			if a, ok := sb.Attributes[name]; ok {
				return a.AsHCLAttribute()
			}
		}
		return nil
	}
	return attrs[name]
}

// maxNesting bounds module nesting: a module whose source is itself (or
// a cycle of modules) must end in an error, not a stack overflow.
const maxNesting = 32

// evalModule evaluates one module instance and returns its outputs.
func (e *evaluator) evalModule(path model.ModulePath, dir string, inputs map[string]cty.Value) (cty.Value, error) {
	if len(path) > maxNesting {
		return cty.NilVal, fmt.Errorf("%s: modules nest deeper than %d levels; does a module call itself?", path.String(), maxNesting)
	}
	mod, err := e.module(dir)
	if err != nil {
		return cty.NilVal, err
	}
	d, err := declare(mod)
	if err != nil {
		return cty.NilVal, err
	}
	vars := map[string]cty.Value{}
	for name, b := range d.variables {
		v, ok := inputs[name]
		if !ok {
			v = cty.DynamicVal
			if a := blockAttr(b, "default"); a != nil {
				if dv, diags := a.Expr.Value(nil); !diags.HasErrors() {
					v = dv
				}
			}
		}
		if a := blockAttr(b, "sensitive"); a != nil {
			if sv, diags := a.Expr.Value(nil); !diags.HasErrors() && sv.Type() == cty.Bool && sv.True() {
				v = v.Mark(secret{})
			}
		}
		vars[name] = v
	}
	locals := map[string]cty.Value{}
	for _, a := range d.locals {
		locals[a.Name] = cty.DynamicVal
	}
	full := map[string]map[string]cty.Value{}   // type → name → instances value
	opaque := map[string]map[string]cty.Value{} // the same, every instance unknown but marked
	calls := map[string]cty.Value{}
	for _, b := range d.calls {
		calls[b.Labels[0]] = cty.DynamicVal
	}
	var outputs cty.Value
	for pass := range passes {
		last := pass == passes-1
		ctx := e.context(dir, vars, locals, full, calls, false)
		for range 3 { // locals may refer to each other
			octx := e.context(dir, vars, locals, opaque, calls, true)
			for _, a := range d.locals {
				locals[a.Name] = e.value(a.Expr, ctx, octx)
			}
			ctx = e.context(dir, vars, locals, full, calls, false)
		}
		octx := e.context(dir, vars, locals, opaque, calls, true)
		nextFull := map[string]map[string]cty.Value{}
		nextOpaque := map[string]map[string]cty.Value{}
		for _, b := range d.resources {
			f, o := e.evalResource(path, b, ctx, octx, last)
			typ := b.Labels[0]
			if b.Type == "data" {
				typ = "data." + typ
			}
			if nextFull[typ] == nil {
				nextFull[typ], nextOpaque[typ] = map[string]cty.Value{}, map[string]cty.Value{}
			}
			nextFull[typ][b.Labels[1]], nextOpaque[typ][b.Labels[1]] = f, o
		}
		full, opaque = nextFull, nextOpaque
		// Called modules are evaluated in the last two passes only: what
		// they need from this module has settled by then, and nesting does
		// not multiply the work by the number of passes at every level.
		if pass >= passes-2 {
			for _, b := range d.calls {
				ctx = e.context(dir, vars, locals, full, calls, false)
				v, err := e.evalCall(path, dir, b, ctx, mod, last)
				if err != nil {
					return cty.NilVal, err
				}
				calls[b.Labels[0]] = v
			}
		}
		ctx = e.context(dir, vars, locals, full, calls, false)
		octx = e.context(dir, vars, locals, opaque, calls, true)
		outs := map[string]cty.Value{}
		for name, b := range d.outputs {
			if a := blockAttr(b, "value"); a != nil {
				outs[name] = e.value(a.Expr, ctx, octx)
			}
		}
		outputs = cty.ObjectVal(outs)
	}
	return outputs, nil
}

// context builds the evaluation context of a module; opaque makes every
// resource instance an unknown value that only carries its mark.
func (e *evaluator) context(dir string, vars, locals map[string]cty.Value, resources map[string]map[string]cty.Value, calls map[string]cty.Value, opaque bool) *hcl.EvalContext {
	v := map[string]cty.Value{
		"var":       cty.ObjectVal(vars),
		"local":     cty.ObjectVal(locals),
		"module":    cty.ObjectVal(calls),
		"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(dir), "root": cty.StringVal(dir), "cwd": cty.StringVal(".")}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	data := map[string]cty.Value{}
	for typ, byName := range resources {
		if t, ok := strings.CutPrefix(typ, "data."); ok {
			data[t] = cty.ObjectVal(byName)
			continue
		}
		v[typ] = cty.ObjectVal(byName)
	}
	v["data"] = cty.ObjectVal(data)
	return &hcl.EvalContext{Variables: v, Functions: e.funcs}
}

// value evaluates an expression; when it fails (an attribute only apply
// knows, an unsupported function), it evaluates again against opaque
// resources so that the result is unknown but keeps its links.
func (e *evaluator) value(expr hcl.Expression, ctx, opaque *hcl.EvalContext) cty.Value {
	v, diags := expr.Value(ctx)
	if !diags.HasErrors() {
		return v
	}
	v, diags = expr.Value(opaque)
	if !diags.HasErrors() {
		return cty.UnknownVal(v.Type()).WithMarks(v.Marks())
	}
	// Keep whatever marks the referenced values carry.
	marks := cty.ValueMarks{}
	for _, tr := range expr.Variables() {
		// The longest part of the traversal that exists carries the
		// marks: each.value.id stops at each.value, the instance.
		for n := len(tr); n > 1; n-- {
			rv, d := tr[:n].TraverseAbs(opaque)
			if d.HasErrors() {
				continue
			}
			_, deep := rv.UnmarkDeep()
			for m := range deep {
				marks[m] = struct{}{}
			}
			break
		}
	}
	return cty.DynamicVal.WithMarks(marks)
}

// instanceKey is one instance of a resource or module call: its key (nil,
// json.Number or string) and the each/count values its body sees.
type instanceKey struct {
	key   any
	count cty.Value // count.index, or NilVal
	each  cty.Value // {key, value}, or NilVal
}

// instances expands count and for_each; ok is false when they are known
// only after apply.
func (e *evaluator) instances(b *hcl.Block, ctx, octx *hcl.EvalContext) ([]instanceKey, bool) {
	if a := blockAttr(b, "count"); a != nil {
		v := e.value(a.Expr, ctx, octx)
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
			return nil, false
		}
		n, _ := v.AsBigFloat().Int64()
		keys := make([]instanceKey, 0, n)
		for i := range n {
			keys = append(keys, instanceKey{key: json.Number(strconv.FormatInt(i, 10)), count: cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})})
		}
		return keys, true
	}
	if a := blockAttr(b, "for_each"); a != nil {
		v := e.value(a.Expr, ctx, octx)
		top, topMarks := v.Unmark()
		if !top.IsKnown() || top.IsNull() || !top.CanIterateElements() {
			return nil, false
		}
		// A map's keys must be known (its values need not be); a set's
		// elements are its keys.
		isSet := top.Type().IsSetType() || top.Type().IsListType() || top.Type().IsTupleType()
		if isSet && !top.IsWhollyKnown() {
			return nil, false
		}
		var keys []instanceKey
		for it := top.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if isSet {
				k = ev
			}
			k, _ = k.Unmark()
			if !k.IsKnown() || k.Type() != cty.String {
				return nil, false
			}
			keys = append(keys, instanceKey{key: k.AsString(), each: cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev.WithMarks(topMarks)})})
		}
		return keys, true
	}
	return []instanceKey{{}}, true
}

// withInstance adds count and each to a context.
func withInstance(ctx *hcl.EvalContext, k instanceKey) *hcl.EvalContext {
	child := ctx.NewChild()
	child.Variables = map[string]cty.Value{}
	if k.count != cty.NilVal {
		child.Variables["count"] = k.count
	}
	if k.each != cty.NilVal {
		child.Variables["each"] = k.each
	}
	return child
}

// evalResource evaluates every instance of a resource or data block and
// returns the values other expressions see: the evaluated object, and an
// opaque unknown; both marked with the instance's address. In the last
// pass it records the instances in the model.
func (e *evaluator) evalResource(path model.ModulePath, b *hcl.Block, ctx, octx *hcl.EvalContext, last bool) (cty.Value, cty.Value) {
	typ, name := b.Labels[0], b.Labels[1]
	mode := "managed"
	prefix := ""
	if b.Type == "data" {
		mode, prefix = "data", "data."
	}
	base := prefix + typ + "." + name
	if len(path) > 0 {
		base = path.String() + "." + base
	}
	keys, known := e.instances(b, ctx, octx)
	if !known {
		if last {
			e.warnings = append(e.warnings, fmt.Sprintf("%s: count or for_each is known only after apply; its instances are not checked", base))
		}
		mark := ref{base}
		return cty.DynamicVal.Mark(mark), cty.DynamicVal.Mark(mark)
	}
	fullVals, opaqueVals := map[string]cty.Value{}, map[string]cty.Value{}
	var fullList, opaqueList []cty.Value
	for _, k := range keys {
		address := base + model.FormatKey(k.key)
		mark := ref{address}
		ictx, ioctx := withInstance(ctx, k), withInstance(octx, k)
		obj, configured := e.evalBody(b.Body, ictx, ioctx, true)
		if typ == "aws_iam_policy_document" && b.Type == "data" {
			obj = withPolicyJSON(obj)
		}
		if last {
			r := &model.Resource{Address: address, Module: path.String(), Mode: mode, Type: typ, Name: name, Index: k.key, Configured: configured}
			e.record(r, obj)
		}
		visible := withComputed(obj).Mark(mark)
		switch key := k.key.(type) {
		case string:
			fullVals[key], opaqueVals[key] = visible, cty.DynamicVal.Mark(mark)
		case json.Number:
			fullList, opaqueList = append(fullList, visible), append(opaqueList, cty.DynamicVal.Mark(mark))
		default:
			return visible, cty.DynamicVal.Mark(mark)
		}
	}
	if blockAttr(b, "count") != nil {
		if len(fullList) == 0 {
			return cty.EmptyTupleVal, cty.EmptyTupleVal
		}
		return cty.TupleVal(fullList), cty.TupleVal(opaqueList)
	}
	if len(fullVals) == 0 {
		return cty.EmptyObjectVal, cty.EmptyObjectVal
	}
	return cty.ObjectVal(fullVals), cty.ObjectVal(opaqueVals)
}

// metaArguments are written in resource blocks but are not attributes.
var metaArguments = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// evalBody evaluates the attributes and nested blocks of a body into an
// object; it returns the names the body writes.
func (e *evaluator) evalBody(body hcl.Body, ctx, octx *hcl.EvalContext, top bool) (cty.Value, []string) {
	vals := map[string]cty.Value{}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		for name, a := range attrs {
			if !top || !metaArguments[name] {
				vals[name] = e.value(a.Expr, ctx, octx)
			}
		}
		return cty.ObjectVal(vals), sortedKeys(vals)
	}
	for name, a := range sb.Attributes {
		if top && metaArguments[name] {
			continue
		}
		vals[name] = e.value(a.Expr, ctx, octx)
	}
	blocks := map[string][]cty.Value{}
	for _, nb := range sb.Blocks {
		switch nb.Type {
		case "lifecycle", "provisioner", "connection":
			continue
		case "dynamic":
			if len(nb.Labels) == 1 {
				vals[nb.Labels[0]] = cty.DynamicVal
			}
			continue
		}
		v, _ := e.evalBody(nb.Body, ctx, octx, false)
		blocks[nb.Type] = append(blocks[nb.Type], v)
	}
	for name, list := range blocks {
		vals[name] = cty.TupleVal(list)
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
func (e *evaluator) evalCall(path model.ModulePath, dir string, b *hcl.Block, ctx *hcl.EvalContext, mod *Module, last bool) (cty.Value, error) {
	name := b.Labels[0]
	source := mod.Calls[name]
	childDir := filepath.Join(dir, source)
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		key := name
		if calls := path.Calls(); calls != "" {
			key = calls + "." + name
		}
		installed, ok := e.installed[key]
		if !ok {
			if last {
				e.warnings = append(e.warnings, fmt.Sprintf("%s: module %q from %q is not local and not installed (terraform init); it is not checked", dir, name, source))
			}
			return cty.DynamicVal, nil
		}
		childDir = installed
	}
	octx := ctx // module inputs fall back to unknown through value()
	keys, known := e.instances(b, ctx, octx)
	if !known {
		if last {
			e.warnings = append(e.warnings, fmt.Sprintf("%s: module %q has count or for_each known only after apply; it is not checked", dir, name))
		}
		return cty.DynamicVal, nil
	}
	sb, _ := b.Body.(*hclsyntax.Body)
	byKey, list := map[string]cty.Value{}, []cty.Value{}
	for _, k := range keys {
		ictx := withInstance(ctx, k)
		inputs := map[string]cty.Value{}
		if sb != nil {
			for an, a := range sb.Attributes {
				switch an {
				case "source", "version", "count", "for_each", "providers", "depends_on":
					continue
				}
				inputs[an] = e.value(a.Expr, ictx, ictx)
			}
		}
		childPath := append(slices.Clip(path), model.Step{Name: name, Key: k.key})
		out, err := e.evalModule(childPath, childDir, inputs)
		if err != nil {
			return cty.NilVal, err
		}
		switch key := k.key.(type) {
		case string:
			byKey[key] = out
		case json.Number:
			list = append(list, out)
		default:
			return out, nil
		}
	}
	if blockAttr(b, "count") != nil {
		return cty.TupleVal(list), nil
	}
	return cty.ObjectVal(byKey), nil
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
			switch mk := m.(type) {
			case secret:
				if setSensitive(r.Values, pvm.Path) {
					r.Sensitive = append(r.Sensitive, p)
				}
			case ref:
				attr := attributeName(pvm.Path)
				if attr == "" || mk.address == r.Address || seen[mk.address+"\x00"+attr] {
					continue
				}
				seen[mk.address+"\x00"+attr] = true
				r.References = append(r.References, model.Link{Address: mk.address, Type: typeOf(mk.address), Attribute: attr, Via: model.ViaHCLTraversal})
			}
		}
	}
	slices.Sort(r.Unknown)
	slices.Sort(r.Sensitive)
	r.Sensitive = slices.Compact(r.Sensitive)
	e.resources[r.Address] = r
}

// typeOf reads the resource type from an instance address.
func typeOf(address string) string {
	parts := strings.Split(address, ".")
	for i := 0; i+1 < len(parts); i++ {
		switch {
		case parts[i] == "module":
			i++
		case parts[i] == "data":
			return parts[i+1]
		default:
			return parts[i]
		}
	}
	return ""
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
				if int(idx) >= len(container) {
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

// rootVariables reads the root module's variable values in Terraform's
// order: TF_VAR_ environment, terraform.tfvars, *.auto.tfvars, then
// --var-file and --var in the order given.
func (e *evaluator) rootVariables(dir string) (map[string]cty.Value, error) {
	vals := map[string]cty.Value{}
	for name, raw := range e.opts.Env {
		vals[name] = parseVarValue(raw)
	}
	files := []string{}
	if _, err := os.Stat(filepath.Join(dir, "terraform.tfvars")); err == nil {
		files = append(files, filepath.Join(dir, "terraform.tfvars"))
	}
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	slices.Sort(auto)
	files = append(append(files, auto...), e.opts.VarFiles...)
	parser := hclparse.NewParser()
	for _, f := range files {
		file, diags := parser.ParseHCLFile(f)
		if diags.HasErrors() {
			return nil, diagnosticError(diags)
		}
		attrs, diags := file.Body.JustAttributes()
		if diags.HasErrors() {
			return nil, diagnosticError(diags)
		}
		for name, a := range attrs {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				return nil, diagnosticError(diags)
			}
			vals[name] = v
		}
	}
	for _, kv := range e.opts.Vars {
		name, raw, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("--var %q: want NAME=VALUE", kv)
		}
		vals[name] = parseVarValue(raw)
	}
	return vals, nil
}

// parseVarValue reads a -var or TF_VAR_ value: an HCL literal (number,
// bool, list, map) when it is one, else the string.
func parseVarValue(raw string) cty.Value {
	if expr, diags := hclsyntax.ParseExpression([]byte(raw), "var", hcl.InitialPos); !diags.HasErrors() {
		if v, diags := expr.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() {
			if v.Type() != cty.String {
				return v
			}
		}
	}
	return cty.StringVal(raw)
}

// withComputed adds the attributes every resource has after apply (id,
// arn) as unknowns, so references to them evaluate and keep their marks.
func withComputed(obj cty.Value) cty.Value {
	plain, marks := obj.Unmark()
	if plain.IsNull() || !plain.IsKnown() || !plain.Type().IsObjectType() {
		return obj
	}
	vals := plain.AsValueMap()
	if vals == nil {
		vals = map[string]cty.Value{}
	}
	for _, name := range []string{"id", "arn"} {
		if _, ok := vals[name]; !ok {
			vals[name] = cty.UnknownVal(cty.String)
		}
	}
	return cty.ObjectVal(vals).WithMarks(marks)
}
