// Package hclsrc reads Terraform source directories (.tf and .tf.json)
// with hcl/v2: where each resource, data and module block is written, the
// module calls and their sources, and the backend block. It reads without
// evaluating, so it needs no variables, providers or credentials.
package hclsrc

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/internal/model"
)

// Range is where a block is written: a file and its first and last lines.
type Range struct {
	File      string // as found on disk, joined to the module directory
	StartLine int
	EndLine   int
}

// Module is what one directory of .tf files declares.
type Module struct {
	// Dir is the directory read.
	Dir string
	// Blocks maps configuration addresses ("aws_s3_bucket.b",
	// "data.aws_iam_policy_document.d", "module.m") to their ranges.
	Blocks map[string]Range
	// Calls maps module call names to their source arguments; a call whose
	// source is not a literal string is absent.
	Calls map[string]string
	// Backend is the backend block of the terraform block, nil when there
	// is none.
	Backend *Backend
	// Suppressions maps configuration addresses to the inline
	// suppressions written on or above their blocks.
	Suppressions map[string][]Suppression
	// Settings is the first terraform block, where findings about the
	// configuration as a whole are shown; nil when there is none.
	Settings *Range
	// Locals maps the names of local values to the references in their
	// expressions, written as a plan's configuration writes references:
	// "var.x", "local.y", "aws_s3_bucket.b", "module.m", "data.t.n".
	Locals map[string][]string
	// LocalItems maps the names of local values written as object
	// constructors with literal keys ({ logs = ..., data = ... }) to the
	// references of each item's expression, by key, so that
	// local.x[each.key] can be followed to one item.
	LocalItems map[string]map[string][]string
	// Written maps configuration addresses of resource and data blocks to
	// what the sources show of the top-level arguments and blocks they
	// write, which a plan does not show in full.
	Written map[string]Written
	// Documents maps configuration addresses of resource blocks to the
	// jsonencode(...) expressions of their policy document attributes
	// (documentAttributes), by attribute, for StaticDraft.
	Documents map[string]map[string]hcl.Expression
	// Transformed maps configuration addresses of resource blocks to
	// their policy document attributes whose expression may change the
	// documents it reads (replace(data.x.json, ...), a merge of decoded
	// JSON), rather than pass one on as it is (data.x.json, coalesce,
	// try, a conditional): such a document is not its data source's.
	Transformed map[string][]string
	// Files are the parsed files, overrides last, for evaluation.
	Files []*hcl.File
	// TransformedInputs and TransformedOutputs are, by module call (as
	// "module.NAME") and input, and by output, those whose expression may
	// change the values it reads (passesOn): a document passed through
	// them is not its data source's.
	TransformedInputs  map[string]map[string]bool
	TransformedOutputs map[string]bool
	// documentExprs, inputExprs, outputExprs and localExprs are what the
	// Transformed maps are worked out from, once every file is read.
	documentExprs, inputExprs, outputExprs []documentExpr
	localExprs                             map[string]hcl.Expression
	// Overrides counts the override files (*_override.tf) at the end of
	// Files, whose blocks merge into the others'.
	Overrides int
	// funcs are the functions StaticDraft evaluates with, made once.
	funcs func() map[string]function.Function
}

// StaticDraft returns the draft (model.Resource.Drafts) of a policy
// document attribute of a resource block, as its source says it whatever
// the values it refers to: every reference is taken as unknown, so the
// draft holds only what the source writes literally. ok is false when the
// attribute is not written as jsonencode(...) or its draft would not
// decide its statements.
func (m *Module) StaticDraft(address, attribute string) (string, bool) {
	expr, ok := m.Documents[address][attribute]
	if !ok {
		return "", false
	}
	return staticDraftOf(expr, m.funcs())
}

// Written is what the sources show of one resource block.
type Written struct {
	// Dynamic names the top-level blocks written with dynamic blocks,
	// which a plan's configuration leaves out.
	Dynamic []string
	// Volatile names the top-level arguments whose expressions call a
	// function whose value is known only after apply (timestamp, uuid,
	// bcrypt).
	Volatile []string
	// DynamicRefs maps the dotted paths of the arguments written inside
	// dynamic blocks ("rule.apply_server_side_encryption_by_default.kms_master_key_id")
	// to their references, as a plan's configuration writes references; a
	// reference to the block's iterator stands for the references of its
	// for_each. A plan's configuration leaves all of them out.
	DynamicRefs map[string][]string
}

// Backend is a backend block. Backend blocks cannot use variables, so a
// literal reading gives their whole configuration.
type Backend struct {
	Type string
	// Config holds the arguments with literal values: strings, bools,
	// json.Number, and lists and maps of them.
	Config map[string]any
	// NotLiteral lists the arguments whose values are not literals.
	NotLiteral []string
	Range      Range
}

var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "terraform"},
		{Type: "locals"},
	},
}

var terraformSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{{Type: "backend", LabelNames: []string{"type"}}},
}

var moduleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "source"}},
}

// ReadModule reads the .tf and .tf.json files of a directory (not its
// subdirectories). Override files (*_override.tf) are read too: their
// blocks merge into the others, and a backend in an override wins, as in
// Terraform. A syntax error is returned with its file, line and column.
func ReadModule(dir string) (*Module, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read module %s: %w", dir, errors.Unwrap(err))
	}
	var names, overrides []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")) {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			overrides = append(overrides, name)
		} else {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	slices.Sort(overrides)
	m := &Module{Dir: dir, Blocks: map[string]Range{}, Calls: map[string]string{}, Suppressions: map[string][]Suppression{}, Locals: map[string][]string{}, LocalItems: map[string]map[string][]string{}, Written: map[string]Written{}}
	m.funcs = sync.OnceValue(func() map[string]function.Function { return functions(dir, time.Now()) })
	parser := hclparse.NewParser()
	for _, name := range append(names, overrides...) {
		path := filepath.Join(dir, name)
		var file *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(name, ".json") {
			file, diags = parser.ParseJSONFile(path)
		} else {
			file, diags = parser.ParseHCLFile(path)
		}
		if diags.HasErrors() {
			return nil, diagnosticError(diags)
		}
		if err := m.readFile(file, len(m.Files) >= len(names)); err != nil {
			return nil, err
		}
		m.Files = append(m.Files, file)
	}
	m.Overrides = len(overrides)
	for _, d := range m.documentExprs {
		if !m.passesOn(d.expr, 0) || d.forEach != nil && readsEach(d.expr) && !m.passesOn(d.forEach, 0) {
			if m.Transformed == nil {
				m.Transformed = map[string][]string{}
			}
			m.Transformed[d.address] = append(m.Transformed[d.address], d.attribute)
		}
	}
	for _, d := range m.inputExprs {
		if !m.passesOn(d.expr, 0) {
			if m.TransformedInputs == nil {
				m.TransformedInputs = map[string]map[string]bool{}
			}
			if m.TransformedInputs[d.address] == nil {
				m.TransformedInputs[d.address] = map[string]bool{}
			}
			m.TransformedInputs[d.address][d.attribute] = true
		}
	}
	for _, d := range m.outputExprs {
		if !m.passesOn(d.expr, 0) {
			if m.TransformedOutputs == nil {
				m.TransformedOutputs = map[string]bool{}
			}
			m.TransformedOutputs[strings.TrimPrefix(d.address, "output.")] = true
		}
	}
	return m, nil
}

// documentExpr is a policy document attribute's expression (or a module
// input's, an output's value), with its block's for_each.
type documentExpr struct {
	address, attribute string
	expr               hcl.Expression
	forEach            hcl.Expression
}

// moduleMeta are a module block's arguments that are not inputs.
var moduleMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

// forEachOf is a block's for_each expression, nil without one.
func forEachOf(body *hclsyntax.Body) hcl.Expression {
	if a, ok := body.Attributes["for_each"]; ok {
		return a.Expr
	}
	return nil
}

// readsEach reports whether an expression reads each.value (each.key
// only picks an instance).
func readsEach(expr hcl.Expression) bool {
	for _, t := range expr.Variables() {
		if t.RootName() != "each" || len(t) < 2 {
			continue
		}
		if a, ok := t[1].(hcl.TraverseAttr); ok && a.Name == "value" {
			return true
		}
	}
	return false
}

// passOn are the functions that return one of their arguments as it is.
var passOn = map[string]bool{"coalesce": true, "try": true, "one": true, "tostring": true, "element": true, "lookup": true,
	"compact": true, "concat": true, "flatten": true, "distinct": true, "tolist": true, "coalescelist": true}

// passesOn reports whether an expression gives one of the values it reads
// as it is: a reference (with indexes and splats), a literal, a
// conditional or a pass-through function (coalesce, try, ...) of such.
// Anything else (replace, format, jsonencode(merge(jsondecode(...))))
// may change what it reads. A local value of the module passes on what
// its own expression does.
func (m *Module) passesOn(expr hcl.Expression, depth int) bool {
	if depth > 16 {
		return false
	}
	next := func(e hcl.Expression) bool { return m.passesOn(e, depth+1) }
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.ScopeTraversalExpr:
		if e.Traversal.RootName() == "local" && len(e.Traversal) > 1 {
			if attr, ok := e.Traversal[1].(hcl.TraverseAttr); ok {
				if local, ok := m.localExprs[attr.Name]; ok {
					return next(local)
				}
			}
		}
		return true
	case *hclsyntax.RelativeTraversalExpr:
		return next(e.Source)
	case *hclsyntax.IndexExpr:
		return next(e.Collection)
	case *hclsyntax.SplatExpr:
		return next(e.Source)
	case *hclsyntax.TemplateWrapExpr:
		return next(e.Wrapped)
	case *hclsyntax.TemplateExpr:
		return e.IsStringLiteral()
	case *hclsyntax.ParenthesesExpr:
		return next(e.Expression)
	case *hclsyntax.ConditionalExpr:
		return next(e.TrueResult) && next(e.FalseResult)
	case *hclsyntax.TupleConsExpr:
		for _, item := range e.Exprs {
			if !next(item) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			if !next(item.ValueExpr) {
				return false
			}
		}
		return true
	case *hclsyntax.ForExpr:
		return next(e.CollExpr) && next(e.ValExpr)
	case *hclsyntax.FunctionCallExpr:
		if !passOn[e.Name] || e.ExpandFinal {
			return false
		}
		for _, arg := range e.Args {
			if !next(arg) {
				return false
			}
		}
		return true
	}
	return false
}

// HasSources reports whether a directory holds any .tf or .tf.json file.
func HasSources(dir string) bool {
	for _, pattern := range []string{"*.tf", "*.tf.json"} {
		if matches, _ := filepath.Glob(filepath.Join(dir, pattern)); len(matches) > 0 {
			return true
		}
	}
	return false
}

func (m *Module) readFile(file *hcl.File, override bool) error {
	// PartialContent: blocks tfgate does not read (variable, output,
	// locals, provider, import, moved, check, ...) are skipped.
	content, _, diags := file.Body.PartialContent(fileSchema)
	if diags.HasErrors() {
		return diagnosticError(diags)
	}
	for _, block := range content.Blocks {
		var address string
		switch block.Type {
		case "resource":
			address = block.Labels[0] + "." + block.Labels[1]
		case "data":
			address = "data." + block.Labels[0] + "." + block.Labels[1]
		}
		if address != "" {
			m.Blocks[address] = blockRange(block)
			if w := written(block); len(w.Dynamic)+len(w.Volatile)+len(w.DynamicRefs) > 0 {
				m.Written[address] = w
			}
			// The documents a policy document data source merges: one
			// written other than as references to other data sources'
			// JSON (a conditional with a jsonencode branch) is not
			// theirs.
			if body, ok := block.Body.(*hclsyntax.Body); ok && block.Type == "data" && block.Labels[0] == "aws_iam_policy_document" {
				for _, attr := range model.DocumentLists {
					if a, ok := body.Attributes[attr]; ok {
						m.documentExprs = append(m.documentExprs, documentExpr{address, attr, a.Expr, forEachOf(body)})
					}
				}
			}
			// In JSON syntax the expressions are strings of templates: a
			// document attribute written there is taken as transformed.
			if _, native := block.Body.(*hclsyntax.Body); !native && (block.Type == "resource" || block.Type == "data" && block.Labels[0] == "aws_iam_policy_document") {
				if attrs, diags := block.Body.JustAttributes(); !diags.HasErrors() {
					for _, attr := range append(slices.Clone(documentAttributes), model.DocumentLists...) {
						if _, ok := attrs[attr]; ok {
							if m.Transformed == nil {
								m.Transformed = map[string][]string{}
							}
							m.Transformed[address] = append(m.Transformed[address], attr)
						}
					}
				}
			}
			if body, ok := block.Body.(*hclsyntax.Body); ok && block.Type == "resource" {
				for _, attr := range documentAttributes {
					if a, ok := body.Attributes[attr]; ok {
						if call, ok := a.Expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "jsonencode" {
							if m.Documents == nil {
								m.Documents = map[string]map[string]hcl.Expression{}
							}
							if m.Documents[address] == nil {
								m.Documents[address] = map[string]hcl.Expression{}
							}
							m.Documents[address][attr] = a.Expr
						}
						m.documentExprs = append(m.documentExprs, documentExpr{address, attr, a.Expr, forEachOf(body)})
					}
				}
			}
			found, err := suppressions(file.Bytes, block.DefRange.Filename, block.DefRange.Start.Line)
			if err != nil {
				return err
			}
			m.Suppressions[address] = append(m.Suppressions[address], found...)
		}
		switch block.Type {
		case "locals":
			attrs, diags := block.Body.JustAttributes()
			if diags.HasErrors() {
				return diagnosticError(diags)
			}
			for name, a := range attrs {
				if m.localExprs == nil {
					m.localExprs = map[string]hcl.Expression{}
				}
				m.localExprs[name] = a.Expr
				m.Locals[name] = referencesOf(a.Expr)
				if items := objectItems(a.Expr); items != nil {
					m.LocalItems[name] = items
				}
			}
		case "module":
			m.Blocks["module."+block.Labels[0]] = blockRange(block)
			attrs, _, diags := block.Body.PartialContent(moduleSchema)
			if diags.HasErrors() {
				return diagnosticError(diags)
			}
			if attr, ok := attrs.Attributes["source"]; ok {
				if v, d := attr.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					m.Calls[block.Labels[0]] = v.AsString()
				}
			}
			if body, ok := block.Body.(*hclsyntax.Body); ok {
				for name, a := range body.Attributes {
					if !moduleMeta[name] {
						m.inputExprs = append(m.inputExprs, documentExpr{"module." + block.Labels[0], name, a.Expr, nil})
					}
				}
			}
		case "output":
			if body, ok := block.Body.(*hclsyntax.Body); ok {
				if a, ok := body.Attributes["value"]; ok {
					m.outputExprs = append(m.outputExprs, documentExpr{"output." + block.Labels[0], "value", a.Expr, nil})
				}
			}
		case "terraform":
			if m.Settings == nil {
				r := blockRange(block)
				m.Settings = &r
			}
			inner, _, diags := block.Body.PartialContent(terraformSchema)
			if diags.HasErrors() {
				return diagnosticError(diags)
			}
			for _, b := range inner.Blocks {
				backend, err := readBackend(b)
				if err != nil {
					return err
				}
				if m.Backend != nil && !override {
					// Terraform refuses a second backend block: which one
					// would it use?
					return fmt.Errorf("%s: a second backend block (the first is at %s:%d); a module has one, and only an override file may replace it", b.DefRange.String(), m.Backend.Range.File, m.Backend.Range.StartLine)
				}
				m.Backend = backend
			}
		}
	}
	return nil
}

// referencesOf lists the references of an expression the way a plan's
// configuration writes them, as far as a reader needs them: the root and
// the name after it ("var.x", "aws_s3_bucket.b"), and for data sources
// the type and name too.
func referencesOf(expr hcl.Expression) []string {
	var out []string
	for _, tr := range expr.Variables() {
		parts := []string{tr.RootName()}
		key := ""
		for _, step := range tr[1:] {
			if len(parts) == 3 || len(parts) == 2 && parts[0] != "data" {
				// The name is complete; a literal instance key may follow.
				if i, ok := step.(hcl.TraverseIndex); ok {
					key = literalKey(i.Key)
				}
				break
			}
			a, ok := step.(hcl.TraverseAttr)
			if !ok {
				break
			}
			parts = append(parts, a.Name)
		}
		ref := strings.Join(parts, ".") + key
		if !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}

// objectItems returns the references of each item of an object
// constructor whose keys are all literal names or strings, by key; nil for
// any other expression.
func objectItems(expr hcl.Expression) map[string][]string {
	obj, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	items := map[string][]string{}
	for _, item := range obj.Items {
		k, diags := item.KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
			return nil
		}
		items[k.AsString()] = referencesOf(item.ValueExpr)
	}
	return items
}

// literalKey writes an instance key as a reference writes it (["a"], [0]),
// "" for anything but a known string or whole number.
func literalKey(v cty.Value) string {
	if !v.IsKnown() || v.IsNull() {
		return ""
	}
	switch v.Type() {
	case cty.String:
		return model.FormatKey(v.AsString())
	case cty.Number:
		if i, acc := v.AsBigFloat().Int64(); acc == big.Exact {
			return model.FormatKey(json.Number(strconv.FormatInt(i, 10)))
		}
	}
	return ""
}

// volatile are the functions whose values a plan knows only after apply.
var volatile = map[string]bool{"timestamp": true, "uuid": true, "bcrypt": true}

// written reads what a plan does not show of a resource block: its
// dynamic blocks and the arguments that call volatile functions.
func written(block *hcl.Block) Written {
	var w Written
	body, ok := block.Body.(*hclsyntax.Body)
	if !ok {
		return w
	}
	for _, b := range body.Blocks {
		if b.Type == "dynamic" && len(b.Labels) == 1 && !slices.Contains(w.Dynamic, b.Labels[0]) {
			w.Dynamic = append(w.Dynamic, b.Labels[0])
		}
	}
	dynamicRefs(body, "", nil, false, &w.DynamicRefs)
	for name, a := range body.Attributes {
		calls := false
		hclsyntax.VisitAll(a.Expr, func(n hclsyntax.Node) hcl.Diagnostics {
			if f, ok := n.(*hclsyntax.FunctionCallExpr); ok && volatile[f.Name] {
				calls = true
			}
			return nil
		})
		if calls {
			w.Volatile = append(w.Volatile, name)
		}
	}
	slices.Sort(w.Dynamic)
	slices.Sort(w.Volatile)
	return w
}

// InitializedBackend reads the backend settings terraform init recorded
// in dir/.terraform/terraform.tfstate, where the block's arguments and
// those given with -backend-config are merged: its type and the settings
// with values. ok is false when dir was not initialized, or the record
// cannot be read.
func InitializedBackend(dir string) (typ string, config map[string]any, ok bool) {
	data, err := os.ReadFile(filepath.Join(dir, ".terraform", "terraform.tfstate"))
	if err != nil {
		return "", nil, false
	}
	var record struct {
		Backend *struct {
			Type   string         `json:"type"`
			Config map[string]any `json:"config"`
		} `json:"backend"`
	}
	if json.Unmarshal(data, &record) != nil || record.Backend == nil || record.Backend.Type == "" {
		return "", nil, false
	}
	config = map[string]any{}
	for k, v := range record.Backend.Config {
		if v != nil {
			config[k] = v
		}
	}
	return record.Backend.Type, config, true
}

// backendRequires lists, by backend type, the settings without which a
// backend block is only part of the configuration.
var backendRequires = map[string][]string{"s3": {"bucket", "key"}}

// Partial reports whether the block leaves settings its backend needs to
// -backend-config.
func (b *Backend) Partial() bool {
	for _, name := range backendRequires[b.Type] {
		if _, ok := b.Config[name]; !ok && !slices.Contains(b.NotLiteral, name) {
			return true
		}
	}
	return false
}

// dynamicRefs collects the references of the arguments written inside
// dynamic blocks of body, whose path is prefix, into out. iterators maps
// the iterator names of the enclosing dynamic blocks to the references of
// their for_each; inside says whether body is within a dynamic block.
func dynamicRefs(body *hclsyntax.Body, prefix string, iterators map[string][]string, inside bool, out *map[string][]string) {
	join := func(name string) string {
		if prefix == "" {
			return name
		}
		return prefix + "." + name
	}
	if inside {
		for name, a := range body.Attributes {
			var refs []string
			for _, ref := range referencesOf(a.Expr) {
				root, _, _ := strings.Cut(ref, ".")
				if through, ok := iterators[root]; ok {
					refs = append(refs, through...)
					continue
				}
				refs = append(refs, ref)
			}
			if len(refs) > 0 {
				if *out == nil {
					*out = map[string][]string{}
				}
				(*out)[join(name)] = append((*out)[join(name)], refs...)
			}
		}
	}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "dynamic" && len(b.Labels) == 1:
			content, forEach := (*hclsyntax.Body)(nil), []string(nil)
			for _, inner := range b.Body.Blocks {
				if inner.Type == "content" {
					content = inner.Body
				}
			}
			if a, ok := b.Body.Attributes["for_each"]; ok {
				forEach = referencesOf(a.Expr)
			}
			iterator := b.Labels[0]
			if a, ok := b.Body.Attributes["iterator"]; ok {
				if tr, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() && len(tr) == 1 {
					iterator = tr.RootName()
				}
			}
			if content != nil {
				inner := maps.Clone(iterators)
				if inner == nil {
					inner = map[string][]string{}
				}
				inner[iterator] = forEach
				dynamicRefs(content, join(b.Labels[0]), inner, true, out)
			}
		case b.Type != "lifecycle" && b.Type != "provisioner" && b.Type != "connection":
			dynamicRefs(b.Body, join(b.Type), iterators, inside, out)
		}
	}
}

func readBackend(block *hcl.Block) (*Backend, error) {
	attrs, diags := block.Body.JustAttributes()
	if diags.HasErrors() {
		return nil, diagnosticError(diags)
	}
	b := &Backend{Type: block.Labels[0], Config: map[string]any{}, Range: blockRange(block)}
	for name, attr := range attrs {
		v, d := attr.Expr.Value(nil)
		if d.HasErrors() {
			b.NotLiteral = append(b.NotLiteral, name)
			continue
		}
		if g, ok := toGo(v); ok {
			b.Config[name] = g
		} else {
			b.NotLiteral = append(b.NotLiteral, name)
		}
	}
	slices.Sort(b.NotLiteral)
	return b, nil
}

// toGo converts a literal cty value to the JSON-shaped Go value the model
// uses.
func toGo(v cty.Value) (any, bool) {
	if !v.IsWhollyKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString(), true
	case t == cty.Bool:
		return v.True(), true
	case t == cty.Number:
		return json.Number(v.AsBigFloat().Text('g', -1)), true
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		var out []any
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			g, ok := toGo(e)
			if !ok {
				return nil, false
			}
			out = append(out, g)
		}
		return out, true
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			g, ok := toGo(e)
			if !ok {
				return nil, false
			}
			out[k.AsString()] = g
		}
		return out, true
	}
	return nil, false
}

// blockRange is the block's whole extent where the syntax gives it, else
// its header line.
func blockRange(block *hcl.Block) Range {
	r := Range{File: block.DefRange.Filename, StartLine: block.DefRange.Start.Line, EndLine: block.DefRange.End.Line}
	if body, ok := block.Body.(*hclsyntax.Body); ok {
		r.EndLine = body.SrcRange.End.Line
	}
	return r
}

// diagnosticError turns HCL error diagnostics into one line: the first
// error's file:line:col, summary and detail, and how many more there are.
func diagnosticError(diags hcl.Diagnostics) error {
	var errs hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	d := errs[0]
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	if d.Subject != nil {
		msg = fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, msg)
	}
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	return errors.New(strings.Join(strings.Fields(msg), " "))
}
