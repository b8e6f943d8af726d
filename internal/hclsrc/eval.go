package hclsrc

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/tffunc"
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
	// Values are root variable values already evaluated, by name (a
	// plan's variables, as JSON decodes them), applied after everything
	// else with their own types.
	Values map[string]any
	// Now is what plantimestamp() returns.
	Now time.Time
}

// ref marks a value as coming from a resource instance; the marks that
// reach an attribute become its links.
type ref struct{ address string }

// maxNesting bounds module nesting: a module whose source is itself (or
// a cycle of modules) must end in an error, not a stack overflow.
const maxNesting = 32

// Load evaluates the Terraform sources in dir statically into a model, as
// terraform plan would evaluate them without a provider: variables with
// their types and defaults (tfvars files, --var-file, --var, TF_VAR_),
// locals, count and for_each, dynamic blocks, local and installed module
// calls, and Terraform's functions. Each module instance is evaluated
// once, its blocks in the order their references require. Whatever only
// apply can know is unknown, never guessed; a block that cannot be
// evaluated at all (a count known only after apply, a module that is not
// installed) is a gap of the model (model.Gap), never a silent omission.
// It returns warnings for what was evaluated only in part.
func Load(dir string, opts LoadOptions) (*model.Model, []string, error) {
	m, _, warnings, err := evaluate(dir, opts)
	return m, warnings, err
}

// evaluate is Load, which also returns the root module's outputs.
func evaluate(dir string, opts LoadOptions) (m *model.Model, outputs cty.Value, warnings []string, err error) {
	// cty panics on some malformed operations; a configuration must get an
	// error, never a crash.
	defer func() {
		if p := recover(); p != nil {
			m, outputs, warnings, err = nil, cty.NilVal, nil, fmt.Errorf("%s: cannot evaluate the configuration statically: %v", dir, p)
		}
	}()
	e := &evaluator{
		root:      dir,
		opts:      opts,
		funcs:     functions(dir, opts.Now),
		modules:   map[string]*Module{},
		installed: installedModules(dir),
	}
	root, err := e.module(dir)
	if err != nil {
		return nil, cty.NilVal, nil, err
	}
	if len(root.Files) == 0 {
		return nil, cty.NilVal, nil, fmt.Errorf("%s holds no .tf or .tf.json files", dir)
	}
	d, err := declare(root)
	if err != nil {
		return nil, cty.NilVal, nil, err
	}
	inputs, err := e.rootVariables(dir, d)
	if err != nil {
		return nil, cty.NilVal, nil, err
	}
	if outputs, err = e.evalModule(nil, dir, inputs, rootProviders()); err != nil {
		return nil, cty.NilVal, nil, err
	}
	m = &model.Model{Kind: model.KindHCL, Source: dir, Resources: e.resources, Gaps: e.gaps}
	slices.SortFunc(m.Gaps, func(a, b model.Gap) int { return strings.Compare(a.Address, b.Address) })
	m.Complete()
	slices.Sort(e.warnings)
	return m, outputs, slices.Compact(e.warnings), nil
}

// functions are Terraform's functions (tffunc), with try keeping the
// links of what it could not yet decide between.
func functions(root string, now time.Time) map[string]function.Function {
	funcs := tffunc.Functions(tffunc.Options{BaseDir: root, Now: now})
	funcs["try"] = markedTry(funcs["try"])
	return funcs
}

// evaluator evaluates one configuration. The instances of a module call
// are evaluated concurrently: mu guards what they add to (modules,
// resources, gaps, warnings); the rest is read only.
type evaluator struct {
	root      string // the root module's directory
	opts      LoadOptions
	funcs     map[string]function.Function
	mu        sync.Mutex
	modules   map[string]*Module // by directory
	resources []*model.Resource
	gaps      []model.Gap
	warnings  []string
	// installed maps module call paths ("a.b") to the directories
	// terraform init downloaded them to (.terraform/modules/modules.json).
	installed map[string]installedModule
}

// installedModule is a remote module terraform init installed: where, and
// the source and version it recorded.
type installedModule struct {
	dir, source, version string
}

// installedModules reads .terraform/modules/modules.json, where terraform
// init records the directories of remote modules; nil when absent.
func installedModules(root string) map[string]installedModule {
	data, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		return nil
	}
	var manifest struct {
		Modules []struct{ Key, Source, Version, Dir string }
	}
	if json.Unmarshal(data, &manifest) != nil {
		return nil
	}
	out := map[string]installedModule{}
	for _, m := range manifest.Modules {
		if m.Key != "" && m.Dir != "" {
			out[m.Key] = installedModule{dir: filepath.Join(root, m.Dir), source: m.Source, version: m.Version}
		}
	}
	return out
}

// normalSource writes a module source as terraform init records it: the
// public registry's host written out, GitHub and Bitbucket shorthands as
// the git URLs they stand for.
func normalSource(s string) string {
	s = strings.TrimPrefix(s, "registry.terraform.io/")
	for _, host := range []string{"github.com/", "bitbucket.org/"} {
		if strings.HasPrefix(s, host) {
			rest, query, _ := strings.Cut(strings.TrimPrefix(s, host), "?")
			path, sub, _ := strings.Cut(rest, "//")
			s = "git::https://" + host + strings.TrimSuffix(path, ".git") + ".git"
			if sub != "" {
				s += "//" + sub
			}
			if query != "" {
				s += "?" + query
			}
		}
	}
	return s
}

// stale says why an installed module is not the one a call asks for (its
// source changed, or its version no longer meets the call's constraint),
// as Terraform refuses to plan until terraform init runs again; "" when
// it is the one.
func (m installedModule) stale(source, constraint string) string {
	if m.source != "" && normalSource(m.source) != normalSource(source) {
		return fmt.Sprintf("the installed module's source is %q, not the call's %q", m.source, source)
	}
	if constraint == "" || m.version == "" {
		return ""
	}
	c, err1 := version.NewConstraint(constraint)
	v, err2 := version.NewVersion(m.version)
	if err1 != nil || err2 != nil || !c.Check(v) {
		return fmt.Sprintf("the installed module's version %s does not meet the call's %q", m.version, constraint)
	}
	return ""
}

func (e *evaluator) module(dir string) (*Module, error) {
	e.mu.Lock()
	m, ok := e.modules[dir]
	e.mu.Unlock()
	if ok {
		return m, nil
	}
	m, err := ReadModule(dir)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if prev, ok := e.modules[dir]; ok {
		return prev, nil // another instance read it meanwhile
	}
	e.modules[dir] = m
	return m, nil
}

// location is where a range is written, its file relative to the root.
func (e *evaluator) location(r hcl.Range) *model.Location {
	file := r.Filename
	if rel, err := filepath.Rel(e.root, file); err == nil {
		file = rel
	}
	return &model.Location{File: filepath.ToSlash(file), StartLine: r.Start.Line, EndLine: r.End.Line}
}

// gap records a block that was not evaluated.
func (e *evaluator) gap(address string, types []string, reason string, r hcl.Range) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.gaps = append(e.gaps, model.Gap{Address: address, Types: types, Reason: reason, Location: e.location(r)})
}

// declarations are the blocks of one module evaluation reads.
type declarations struct {
	variables map[string]*hcl.Block
	locals    map[string]*hcl.Attribute
	resources []*hcl.Block // resource and data
	calls     []*hcl.Block
	outputs   map[string]*hcl.Block
	// providers are the module's own aws provider blocks.
	providers []*hcl.Block
	// removed are the module's removed blocks.
	removed []*hcl.Block
}

var declSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "removed"},
}}

func declare(mod *Module) (*declarations, error) {
	d := &declarations{variables: map[string]*hcl.Block{}, locals: map[string]*hcl.Attribute{}, outputs: map[string]*hcl.Block{}}
	for i, f := range mod.Files {
		content, _, diags := f.Body.PartialContent(declSchema)
		if diags.HasErrors() {
			return nil, diagnosticError(diags)
		}
		if i >= len(mod.Files)-mod.Overrides {
			if err := d.override(content.Blocks); err != nil {
				return nil, err
			}
			continue
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
				for name, a := range attrs {
					d.locals[name] = a
				}
			case "resource", "data":
				d.resources = append(d.resources, b)
			case "module":
				d.calls = append(d.calls, b)
			case "output":
				d.outputs[b.Labels[0]] = b
			case "provider":
				if b.Labels[0] == "aws" {
					d.providers = append(d.providers, b)
				}
			case "removed":
				d.removed = append(d.removed, b)
			}
		}
	}
	return d, nil
}

// blockAttr returns an attribute of a block, or nil.
func blockAttr(b *hcl.Block, name string) *hcl.Attribute {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		if a, ok := sb.Attributes[name]; ok {
			return a.AsHCLAttribute()
		}
		return nil
	}
	attrs, _ := b.Body.JustAttributes()
	return attrs[name]
}

// value evaluates an expression. When it fails (a reference to something
// that does not exist, a function error), the value is unknown but keeps
// the marks of what it refers to, so that its links survive.
func (e *evaluator) value(expr hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	v, diags := expr.Value(ctx)
	if !diags.HasErrors() {
		return v
	}
	return cty.DynamicVal.WithMarks(referencedMarks(expr, ctx))
}

// referencedMarks collects the marks of the values an expression refers
// to: of the longest part of each traversal that exists (each.value.id
// stops at each.value, the instance).
func referencedMarks(expr hcl.Expression, ctx *hcl.EvalContext) cty.ValueMarks {
	marks := cty.ValueMarks{}
	for _, tr := range expr.Variables() {
		for n := len(tr); n > 0; n-- {
			rv, d := tr[:n].TraverseAbs(ctx)
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
	return marks
}

// instanceKey is one instance of a resource or module call: its key (nil,
// json.Number or string) and the each/count values its body sees.
type instanceKey struct {
	key   any
	count cty.Value // count.index, or NilVal
	each  cty.Value // {key, value}, or NilVal
}

// instances expands count and for_each. It returns why they cannot be
// expanded, "" when they can.
func (e *evaluator) instances(b *hcl.Block, ctx *hcl.EvalContext) ([]instanceKey, string) {
	if a := blockAttr(b, "count"); a != nil {
		v, diags := a.Expr.Value(ctx)
		if diags.HasErrors() {
			return nil, "its count cannot be evaluated: " + oneDiagnostic(diags)
		}
		v, _ = v.Unmark()
		switch {
		case !v.IsKnown():
			return nil, "its count is known only after apply"
		case v.IsNull() || v.Type() != cty.Number:
			return nil, "its count is not a number"
		}
		n, acc := v.AsBigFloat().Int64()
		if n < 0 || acc != 0 && acc.String() != "Exact" {
			return nil, "its count is not a whole number of at least 0"
		}
		keys := make([]instanceKey, 0, n)
		for i := range n {
			keys = append(keys, instanceKey{key: json.Number(strconv.FormatInt(i, 10)), count: cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})})
		}
		return keys, ""
	}
	if a := blockAttr(b, "for_each"); a != nil {
		v, diags := a.Expr.Value(ctx)
		if diags.HasErrors() {
			return nil, "its for_each cannot be evaluated: " + oneDiagnostic(diags)
		}
		top, topMarks := v.Unmark()
		switch {
		case !top.IsKnown():
			return nil, "its for_each is known only after apply"
		case top.IsNull() || !top.CanIterateElements():
			return nil, "its for_each is not a map or a set"
		}
		// A map's keys must be known (its values need not be); a set's
		// elements are its keys.
		isSet := top.Type().IsSetType() || top.Type().IsListType() || top.Type().IsTupleType()
		if isSet && !top.IsWhollyKnown() {
			return nil, "its for_each is a set with elements known only after apply"
		}
		var keys []instanceKey
		for it := top.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if isSet {
				k = ev
			}
			k, _ = k.Unmark()
			if !k.IsKnown() || k.Type() != cty.String {
				return nil, "its for_each has keys that are not known strings"
			}
			keys = append(keys, instanceKey{key: k.AsString(), each: cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev.WithMarks(topMarks)})})
		}
		slices.SortFunc(keys, func(a, b instanceKey) int { return strings.Compare(a.key.(string), b.key.(string)) })
		return keys, ""
	}
	return []instanceKey{{}}, ""
}

func oneDiagnostic(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			if d.Detail != "" {
				return strings.Join(strings.Fields(d.Summary+": "+d.Detail), " ")
			}
			return d.Summary
		}
	}
	return "an error"
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

// override merges the blocks of an override file into the declarations,
// as Terraform does: a block merges into the block of the same kind and
// labels, its arguments replacing the original's and its nested blocks
// of a type replacing all the original's of that type; local values
// replace the original's. A block that overrides nothing is an error in
// Terraform, and here, except a provider block, which Terraform takes as
// the configuration.
func (d *declarations) override(blocks hcl.Blocks) error {
	merge := func(base, over *hcl.Block) *hcl.Block {
		out := *base
		out.Body = mergeBodies(base.Body, over.Body)
		return &out
	}
	same := func(a, b *hcl.Block) bool { return a.Type == b.Type && slices.Equal(a.Labels, b.Labels) }
	for _, b := range blocks {
		found := false
		switch b.Type {
		case "variable":
			if base, ok := d.variables[b.Labels[0]]; ok {
				d.variables[b.Labels[0]], found = merge(base, b), true
			}
		case "output":
			if base, ok := d.outputs[b.Labels[0]]; ok {
				d.outputs[b.Labels[0]], found = merge(base, b), true
			}
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			if diags.HasErrors() {
				return diagnosticError(diags)
			}
			for name, a := range attrs {
				if _, ok := d.locals[name]; !ok {
					return fmt.Errorf("%s: the override local value %s overrides nothing: an override file may only change what the other files declare", a.NameRange.String(), name)
				}
				d.locals[name] = a
			}
			found = true
		case "resource", "data":
			for i, base := range d.resources {
				if same(base, b) {
					d.resources[i], found = merge(base, b), true
				}
			}
		case "module":
			for i, base := range d.calls {
				if same(base, b) {
					d.calls[i], found = merge(base, b), true
				}
			}
		case "provider":
			if b.Labels[0] != "aws" {
				found = true
				break
			}
			for i, base := range d.providers {
				if providerName(base) == providerName(b) {
					d.providers[i], found = merge(base, b), true
				}
			}
			if !found { // Terraform takes it as the configuration
				d.providers, found = append(d.providers, b), true
			}
		}
		if !found {
			return fmt.Errorf("%s: the override %s block %s overrides nothing: an override file may only change blocks the other files declare", b.DefRange.String(), b.Type, strings.Join(b.Labels, "."))
		}
	}
	return nil
}

// unmerged is the body of a block that an override in JSON syntax (or an
// override of a block written in JSON) merges into: Terraform merges it
// argument by argument, by the provider's schema, which a static reader
// does not have. Such a resource is a gap, never the override alone.
type unmerged struct{ hcl.Body }

// mergeBodies is the body of a block an override merges into. Bodies not
// both written in native syntax cannot be merged here (unmerged).
func mergeBodies(base, over hcl.Body) hcl.Body {
	b, ok1 := base.(*hclsyntax.Body)
	o, ok2 := over.(*hclsyntax.Body)
	if !ok1 || !ok2 {
		return unmerged{over}
	}
	out := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: b.SrcRange, EndRange: b.EndRange}
	for name, a := range b.Attributes {
		out.Attributes[name] = a
	}
	for name, a := range o.Attributes {
		out.Attributes[name] = a
	}
	kind := func(blk *hclsyntax.Block) string {
		if blk.Type == "dynamic" && len(blk.Labels) > 0 {
			return blk.Labels[0]
		}
		return blk.Type
	}
	replaced := map[string]bool{}
	for _, blk := range o.Blocks {
		replaced[kind(blk)] = true
	}
	for _, blk := range b.Blocks {
		if !replaced[kind(blk)] {
			out.Blocks = append(out.Blocks, blk)
		}
	}
	out.Blocks = append(out.Blocks, o.Blocks...)
	return out
}
