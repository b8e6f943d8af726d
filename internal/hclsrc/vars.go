package hclsrc

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/tffunc"
)

// variable is a variable block read: its type constraint with the
// defaults of its optional attributes, its default, and whether it is
// sensitive or may be null.
type variable struct {
	block     *hcl.Block
	typ       cty.Type
	defaults  *typeexpr.Defaults
	value     cty.Value // the default; NilVal when there is none
	sensitive bool
	nullable  bool
}

// readVariable reads a variable block.
func readVariable(b *hcl.Block) (variable, error) {
	v := variable{block: b, typ: cty.DynamicPseudoType, nullable: true, sensitive: sensitive(b)}
	if a := blockAttr(b, "type"); a != nil {
		ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
		if diags.HasErrors() {
			return v, diagnosticError(diags)
		}
		v.typ, v.defaults = ty, defaults
	}
	if a := blockAttr(b, "nullable"); a != nil {
		if n, diags := a.Expr.Value(nil); !diags.HasErrors() && n.Type() == cty.Bool && n.IsKnown() && !n.IsNull() {
			v.nullable = n.True()
		}
	}
	if a := blockAttr(b, "default"); a != nil {
		d, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			return v, diagnosticError(diags)
		}
		v.value = d
	}
	return v, nil
}

// complex reports whether values of the type are written as HCL
// expressions on the command line: Terraform takes -var and TF_VAR_ values
// of other types as strings.
func (v variable) complex() bool {
	t := v.typ
	return t.IsListType() || t.IsSetType() || t.IsMapType() || t.IsObjectType() || t.IsTupleType()
}

// variables gives a module's variables their values: the inputs given,
// else their defaults, with the defaults of optional attributes applied
// and converted to their types, as Terraform does. A root variable with
// no value is unknown.
func (e *evaluator) variables(path model.ModulePath, d *declarations, inputs map[string]cty.Value) (map[string]cty.Value, error) {
	out := map[string]cty.Value{}
	for name, b := range d.variables {
		v, err := readVariable(b)
		if err != nil {
			return nil, err
		}
		val, given := inputs[name]
		if !given || val.IsNull() && !v.nullable {
			val = v.value
		}
		if val == cty.NilVal {
			val = cty.DynamicVal // no value: what plan would ask for
		}
		val, marks := val.UnmarkDeepWithPaths()
		// Terraform applies the defaults of optional attributes whatever
		// the value holds: a value with parts known only after apply
		// keeps them, and gets its defaults all the same.
		if v.defaults != nil {
			val = v.defaults.Apply(val)
		}
		converted, err := convert.Convert(val, v.typ)
		if err != nil {
			where := "variable"
			if len(path) > 0 {
				where = path.String() + " input"
			}
			r := b.DefRange
			return nil, fmt.Errorf("%s:%d:%d: invalid value for %s %q: %s", r.Filename, r.Start.Line, r.Start.Column, where, name, err)
		}
		converted = converted.MarkWithPaths(marks)
		if v.sensitive {
			converted = converted.Mark(tffunc.Sensitive)
		}
		out[name] = converted
	}
	return out, nil
}

// rootVariables reads the root module's variable values in Terraform's
// order: TF_VAR_ environment, terraform.tfvars(.json), *.auto.tfvars(.json), then
// --var-file and --var in the order given. A -var or TF_VAR_ value is an
// HCL expression for a variable of a complex type and a string otherwise,
// as in Terraform.
func (e *evaluator) rootVariables(dir string, d *declarations) (map[string]cty.Value, error) {
	declared := map[string]variable{}
	for name, b := range d.variables {
		v, err := readVariable(b)
		if err != nil {
			return nil, err
		}
		declared[name] = v
	}
	vals := map[string]cty.Value{}
	raw := func(name, text, origin string) error {
		v, ok := declared[name]
		if !ok || !v.complex() {
			vals[name] = cty.StringVal(text)
			return nil
		}
		expr, diags := hclsyntax.ParseExpression([]byte(text), origin, hcl.InitialPos)
		if diags.HasErrors() {
			return fmt.Errorf("%s: variable %q: %s", origin, name, oneDiagnostic(diags))
		}
		val, diags := expr.Value(nil)
		if diags.HasErrors() {
			return fmt.Errorf("%s: variable %q: %s", origin, name, oneDiagnostic(diags))
		}
		vals[name] = val
		return nil
	}
	names := make([]string, 0, len(e.opts.Env))
	for name := range e.opts.Env {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := raw(name, e.opts.Env[name], "TF_VAR_"+name); err != nil {
			return nil, err
		}
	}
	// Terraform reads terraform.tfvars, then terraform.tfvars.json, then
	// every *.auto.tfvars and *.auto.tfvars.json in the order of their names.
	files := []string{}
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && !info.IsDir() {
			files = append(files, filepath.Join(dir, name))
		}
	}
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	slices.Sort(auto)
	files = append(append(files, auto...), e.opts.VarFiles...)
	parser := hclparse.NewParser()
	for _, f := range files {
		var file *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(f, ".json") {
			file, diags = parser.ParseJSONFile(f)
		} else {
			file, diags = parser.ParseHCLFile(f)
		}
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
		name, text, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("--var %q: want NAME=VALUE", kv)
		}
		if err := raw(name, text, "--var "+name); err != nil {
			return nil, err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(e.opts.Values)) {
		data, err := json.Marshal(e.opts.Values[name])
		if err != nil {
			return nil, fmt.Errorf("variable %q: %v", name, err)
		}
		ty, err := ctyjson.ImpliedType(data)
		if err != nil {
			return nil, fmt.Errorf("variable %q: %v", name, err)
		}
		v, err := ctyjson.Unmarshal(data, ty)
		if err != nil {
			return nil, fmt.Errorf("variable %q: %v", name, err)
		}
		vals[name] = v
	}
	return vals, nil
}

// markedTry is Terraform's try, except that when it cannot decide yet
// (an argument is known only after apply), its unknown result keeps the
// marks of its arguments' values: try(aws_iam_policy.x.arn, "") still
// links to the policy.
func markedTry(try function.Function) function.Function {
	return function.New(&function.Spec{
		VarParam: try.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return try.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			v, err := try.Call(args)
			if err != nil || v.IsKnown() {
				return v, err
			}
			marks := cty.ValueMarks{}
			for _, arg := range args {
				closure := customdecode.ExpressionClosureFromVal(arg)
				for m := range referencedMarks(closure.Expression, closure.EvalContext) {
					marks[m] = struct{}{}
				}
			}
			return v.WithMarks(marks), nil
		},
	})
}
