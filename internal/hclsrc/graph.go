package hclsrc

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/tffunc"
)

// node is one thing a module declares that others may refer to: a local
// value ("local.x"), a resource or data block ("aws_s3_bucket.b",
// "data.t.n"), a module call ("module.m") or an output ("output.o").
type node struct {
	name  string
	local *hcl.Attribute
	block *hcl.Block
	deps  []string // the names of the nodes its expressions refer to
}

// evalModule evaluates one module instance, each of its blocks once in
// the order their references require, and returns its outputs.
func (e *evaluator) evalModule(path model.ModulePath, dir string, inputs map[string]cty.Value, inherited providers) (cty.Value, error) {
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
	vars, err := e.variables(path, d, inputs)
	if err != nil {
		return cty.NilVal, err
	}
	nodes, order, err := graph(d)
	if err != nil {
		return cty.NilVal, fmt.Errorf("%s: %w", dir, err)
	}
	referenced := referencedAttributes(d)
	s := &scope{
		vars:      vars,
		locals:    map[string]cty.Value{},
		resources: map[string]map[string]cty.Value{},
		data:      map[string]map[string]cty.Value{},
		calls:     map[string]cty.Value{},
		path:      e.modulePath(dir),
		cwd:       e.cwd(),
		funcs:     e.funcs,
	}
	outputs := map[string]cty.Value{}
	ps := providers{}
	for k, v := range inherited {
		ps[k] = v
	}
	ctx := s.context()
	for _, name := range order {
		n := nodes[name]
		switch kind, rest, _ := strings.Cut(name, "."); {
		case kind == "provider":
			ps[rest] = e.evalProvider(path, n.block, ctx)
		case kind == "local":
			s.locals[rest] = e.value(n.local.Expr, ctx)
			ctx.Variables["local"] = cty.ObjectVal(s.locals)
		case kind == "output":
			v := cty.NullVal(cty.DynamicPseudoType)
			if a := blockAttr(n.block, "value"); a != nil {
				v = e.value(a.Expr, ctx)
			}
			if mod.TransformedOutputs[rest] {
				v = withoutDocumentRefs(v)
			}
			if sensitive(n.block) {
				v = v.Mark(tffunc.Sensitive)
			}
			outputs[rest] = v
		case kind == "module":
			v, err := e.evalCall(path, dir, n.block, ctx, mod, childProviders(ps, n.block))
			if err != nil {
				return cty.NilVal, err
			}
			s.calls[rest] = v
			ctx.Variables["module"] = cty.ObjectVal(s.calls)
		case kind == "data":
			typ, rname, _ := strings.Cut(rest, ".")
			if s.data[typ] == nil {
				s.data[typ] = map[string]cty.Value{}
			}
			s.data[typ][rname] = e.evalResource(path, n.block, ctx, referenced[name], ps, mod.Transformed[name])
			data := map[string]cty.Value{}
			for t, byName := range s.data {
				data[t] = cty.ObjectVal(byName)
			}
			ctx.Variables["data"] = cty.ObjectVal(data)
		default:
			if s.resources[kind] == nil {
				s.resources[kind] = map[string]cty.Value{}
			}
			s.resources[kind][rest] = e.evalResource(path, n.block, ctx, referenced[name], ps, mod.Transformed[name])
			ctx.Variables[kind] = cty.ObjectVal(s.resources[kind])
		}
	}
	e.removedBlocks(path, d.removed)
	return cty.ObjectVal(outputs), nil
}

// cwd is path.cwd: the directory Terraform runs in, the root module's,
// absolute.
func (e *evaluator) cwd() string {
	if abs, err := filepath.Abs(e.root); err == nil {
		return abs
	}
	return e.root
}

// modulePath is path.module for a module directory: relative to the root,
// as Terraform gives it.
func (e *evaluator) modulePath(dir string) string {
	rel, err := filepath.Rel(e.root, dir)
	if err != nil {
		return dir
	}
	return filepath.ToSlash(rel)
}

func sensitive(b *hcl.Block) bool {
	a := blockAttr(b, "sensitive")
	if a == nil {
		return false
	}
	v, diags := a.Expr.Value(nil)
	return !diags.HasErrors() && v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() && v.True()
}

// scope holds what a module instance has evaluated so far.
type scope struct {
	vars, locals, calls map[string]cty.Value
	resources, data     map[string]map[string]cty.Value
	path                string
	cwd                 string // path.cwd: the absolute root directory
	funcs               map[string]function.Function
}

// context builds the evaluation context of the scope; evalModule keeps it
// current as it evaluates, replacing only what each node changes.
func (s *scope) context() *hcl.EvalContext {
	v := map[string]cty.Value{
		"var":       cty.ObjectVal(s.vars),
		"local":     cty.ObjectVal(s.locals),
		"module":    cty.ObjectVal(s.calls),
		"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(s.path), "root": cty.StringVal("."), "cwd": cty.StringVal(s.cwd)}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	data := map[string]cty.Value{}
	for typ, byName := range s.data {
		data[typ] = cty.ObjectVal(byName)
	}
	v["data"] = cty.ObjectVal(data)
	for typ, byName := range s.resources {
		v[typ] = cty.ObjectVal(byName)
	}
	return &hcl.EvalContext{Variables: v, Functions: s.funcs}
}

// graph orders the nodes of a module so that each comes after what it
// refers to. A cycle is an error, as in Terraform.
func graph(d *declarations) (map[string]*node, []string, error) {
	nodes := map[string]*node{}
	for name, a := range d.locals {
		nodes["local."+name] = &node{name: "local." + name, local: a}
	}
	for _, b := range d.resources {
		name := b.Labels[0] + "." + b.Labels[1]
		if b.Type == "data" {
			name = "data." + name
		}
		nodes[name] = &node{name: name, block: b}
	}
	for _, b := range d.calls {
		nodes["module."+b.Labels[0]] = &node{name: "module." + b.Labels[0], block: b}
	}
	for name, b := range d.outputs {
		nodes["output."+name] = &node{name: "output." + name, block: b}
	}
	for _, b := range d.providers {
		name := "provider." + providerName(b)
		nodes[name] = &node{name: name, block: b}
	}
	for _, n := range nodes {
		var exprs []hcl.Expression
		if n.local != nil {
			exprs = []hcl.Expression{n.local.Expr}
		} else {
			exprs = bodyExpressions(n.block.Body)
		}
		for _, expr := range exprs {
			for _, tr := range expr.Variables() {
				if dep := nodeName(tr); dep != "" && dep != n.name && nodes[dep] != nil && !slices.Contains(n.deps, dep) {
					n.deps = append(n.deps, dep)
				}
			}
		}
		// An AWS resource waits for the provider configuration it uses,
		// a module call for those it passes down.
		for _, dep := range providerDeps(n) {
			if nodes[dep] != nil && dep != n.name && !slices.Contains(n.deps, dep) {
				n.deps = append(n.deps, dep)
			}
		}
	}
	order, cycle := sortNodes(nodes)
	if len(cycle) > 0 {
		// A module call in a cycle (a policy document that reads the
		// module's bucket ARN and goes back into the module as its
		// policy) is no cycle for Terraform, which follows each input
		// and output on its own. Here the call is evaluated before the
		// rest of the cycle, its inputs from the cycle unknown.
		inCycle := map[string]bool{}
		for _, name := range cycle {
			inCycle[name] = true
		}
		broken := false
		for _, name := range cycle {
			if n := nodes[name]; strings.HasPrefix(name, "module.") {
				n.deps = slices.DeleteFunc(n.deps, func(dep string) bool { return inCycle[dep] })
				broken = true
			}
		}
		if broken {
			order, cycle = sortNodes(nodes)
		}
	}
	if len(cycle) > 0 {
		return nil, nil, fmt.Errorf("a cycle runs through %s", strings.Join(cycle, ", "))
	}
	return nodes, order, nil
}

// sortNodes orders nodes after their dependencies, by Kahn's algorithm,
// taking the ready nodes in name order so that the order is the same on
// every run; cycle lists the nodes left waiting, sorted.
func sortNodes(nodes map[string]*node) (order, cycle []string) {
	waiting := map[string]int{}
	dependents := map[string][]string{}
	for name, n := range nodes {
		waiting[name] = len(n.deps)
		for _, dep := range n.deps {
			dependents[dep] = append(dependents[dep], name)
		}
	}
	var ready []string
	for name, w := range waiting {
		if w == 0 {
			ready = append(ready, name)
		}
	}
	for len(ready) > 0 {
		slices.Sort(ready)
		name := ready[0]
		ready = ready[1:]
		order = append(order, name)
		for _, dep := range dependents[name] {
			if waiting[dep]--; waiting[dep] == 0 {
				ready = append(ready, dep)
			}
		}
	}
	for name, w := range waiting {
		if w > 0 {
			cycle = append(cycle, name)
		}
	}
	slices.Sort(cycle)
	return order, cycle
}

// nodeName is the node a traversal refers to, "" for anything else
// (var, count, each, path, self, ...).
func nodeName(tr hcl.Traversal) string {
	root := tr.RootName()
	attr := func(i int) string {
		if i < len(tr) {
			if a, ok := tr[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	switch root {
	case "var", "count", "each", "path", "terraform", "self":
		return ""
	case "local", "module":
		if a := attr(1); a != "" {
			return root + "." + a
		}
	case "data":
		if t, n := attr(1), attr(2); t != "" && n != "" {
			return "data." + t + "." + n
		}
	default:
		if a := attr(1); a != "" {
			return root + "." + a
		}
	}
	return ""
}

// bodyExpressions lists every expression in a body, nested and dynamic
// blocks included.
func bodyExpressions(body hcl.Body) []hcl.Expression {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		var out []hcl.Expression
		for _, a := range attrs {
			out = append(out, a.Expr)
		}
		return out
	}
	var out []hcl.Expression
	for _, a := range sb.Attributes {
		out = append(out, a.Expr)
	}
	for _, b := range sb.Blocks {
		out = append(out, bodyExpressions(b.Body)...)
	}
	return out
}

// referencedAttributes lists, for each resource and data node, the
// attributes its module's expressions read from it
// (aws_s3_bucket.b.arn, aws_s3_bucket.b[0].id, aws_s3_bucket.b[*].id):
// those its value must hold, known or not.
func referencedAttributes(d *declarations) map[string][]string {
	var exprs []hcl.Expression
	for _, a := range d.locals {
		exprs = append(exprs, a.Expr)
	}
	for _, b := range d.resources {
		exprs = append(exprs, bodyExpressions(b.Body)...)
	}
	for _, b := range d.calls {
		exprs = append(exprs, bodyExpressions(b.Body)...)
	}
	for _, b := range d.outputs {
		exprs = append(exprs, bodyExpressions(b.Body)...)
	}
	out := map[string][]string{}
	add := func(name, attr string) {
		if attr != "" && !slices.Contains(out[name], attr) {
			out[name] = append(out[name], attr)
		}
	}
	for _, expr := range exprs {
		hclsyntax.VisitAll(asSyntax(expr), func(n hclsyntax.Node) hcl.Diagnostics {
			switch x := n.(type) {
			case *hclsyntax.ScopeTraversalExpr:
				name := nodeName(x.Traversal)
				if name == "" || strings.HasPrefix(name, "local.") || strings.HasPrefix(name, "module.") {
					return nil
				}
				skip := 2
				if strings.HasPrefix(name, "data.") {
					skip = 3
				}
				add(name, firstAttr(x.Traversal[skip:]))
			case *hclsyntax.SplatExpr:
				if src, ok := x.Source.(*hclsyntax.ScopeTraversalExpr); ok {
					if name := nodeName(src.Traversal); name != "" {
						if each, ok := x.Each.(*hclsyntax.RelativeTraversalExpr); ok {
							add(name, firstAttr(each.Traversal))
						}
					}
				}
			case *hclsyntax.RelativeTraversalExpr:
				if src, ok := x.Source.(*hclsyntax.IndexExpr); ok {
					if coll, ok := src.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
						if name := nodeName(coll.Traversal); name != "" {
							add(name, firstAttr(x.Traversal))
						}
					}
				}
			}
			return nil
		})
	}
	return out
}

// firstAttr is the first attribute a traversal reads, past instance keys.
func firstAttr(tr hcl.Traversal) string {
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseAttr:
			return s.Name
		case hcl.TraverseIndex, hcl.TraverseSplat:
		default:
			return ""
		}
	}
	return ""
}

// asSyntax gives the syntax node of an expression, or a stand-in that
// visits nothing for expressions of other syntaxes (JSON).
func asSyntax(expr hcl.Expression) hclsyntax.Node {
	if n, ok := expr.(hclsyntax.Node); ok {
		return n
	}
	return &hclsyntax.LiteralValueExpr{Val: cty.NullVal(cty.DynamicPseudoType)}
}

// providerDeps names the provider nodes a node needs: an AWS resource's
// configuration, the ones a module call passes to its module.
func providerDeps(n *node) []string {
	if n.block == nil {
		return nil
	}
	switch n.block.Type {
	case "resource", "data":
		if !strings.HasPrefix(n.block.Labels[0], "aws_") {
			return nil
		}
		name := "aws"
		if a := blockAttr(n.block, "provider"); a != nil {
			if p, ok := traversalName(a.Expr); ok {
				name = p
			}
		}
		return []string{"provider." + name}
	case "module":
		deps := []string{"provider.aws"}
		if a := blockAttr(n.block, "providers"); a != nil {
			if pairs, diags := hcl.ExprMap(a.Expr); !diags.HasErrors() {
				for _, pair := range pairs {
					if p, ok := traversalName(pair.Value); ok {
						deps = append(deps, "provider."+p)
					}
				}
			}
		}
		return deps
	}
	return nil
}
