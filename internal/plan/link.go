package plan

import (
	"maps"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/parallel"
)

// maxDepth bounds how many module variables and outputs one reference may
// pass through; Terraform forbids cycles, but a crafted plan may not.
const maxDepth = 64

// linker resolves the references in a plan's configuration section to
// resource instances.
type linker struct {
	// modules and calls are indexed by call path ("" for the root,
	// "a.b" for module.a.module.b, whatever the instance keys).
	modules map[string]*tfjson.ConfigModule
	calls   map[string]*tfjson.ModuleCall
	// instances groups resource instances by module instance and
	// configuration address.
	instances map[group][]*model.Resource
	// moduleKeys lists the instance keys of each module call, by parent
	// module instance and call name.
	moduleKeys map[group][]any
	// locals gives the references of local values (Options.Locals), and
	// dynamic those of the arguments in dynamic blocks
	// (Options.Dynamic); nil when the sources are not known.
	locals  func(calls, name string, key any) ([]string, bool)
	dynamic func(calls, address string) map[string][]string
	// rootVars are the root module's input values.
	rootVars map[string]*tfjson.PlanVariable

	// Each chunk of resources has a copy of the linker with these two of
	// its own (see link):
	//
	// memo holds what a module variable or output of a module instance
	// resolves to; it does not depend on who asks. A key present with a
	// nil value is being resolved: a cycle, which resolves to nothing.
	memo map[string][]target
	// references holds parseReference's results: a configuration's
	// references recur at every instance.
	references map[string]reference
}

// group names a set of instances: a module instance address and a name in
// it (a resource's configuration address, or a module call's name).
type group struct{ module, name string }

// scope is where an expression is evaluated.
type scope struct {
	path model.ModulePath
	// module is path.String(), the module instance's address.
	module string
	// self is the instance key of the resource or module call whose
	// expression this is: count.index and each.key stand for it.
	self any
	// forEach holds the references of that block's for_each expression:
	// each.value stands for one element of it.
	forEach []string
}

// newScope makes the scope of a module instance; module is path written
// out (path.String()), which callers often have at hand.
func newScope(path model.ModulePath, module string, self any, forEach []string) scope {
	return scope{path: path, module: module, self: self, forEach: forEach}
}

// target is a resource instance that an expression refers to.
type target struct {
	r       *model.Resource
	byKey   bool
	through []string
}

// link adds to every resource the links that its configuration's
// references establish, through count and for_each instances and module
// variables and outputs.
func link(resources []*model.Resource, cfg *tfjson.Config, vars map[string]*tfjson.PlanVariable, opts Options) error {
	if cfg.RootModule == nil {
		return nil
	}
	l := &linker{
		modules:    map[string]*tfjson.ConfigModule{},
		calls:      map[string]*tfjson.ModuleCall{},
		instances:  make(map[group][]*model.Resource, len(resources)),
		moduleKeys: map[group][]any{},
		locals:     opts.Locals,
		dynamic:    opts.Dynamic,
		rootVars:   vars,
	}
	l.indexModule("", cfg.RootModule)
	// The index below is built on one CPU; the addresses it needs are
	// written out on all of them first.
	addresses := make([]string, len(resources))
	parallel.Chunks(len(resources), chunk, func(start, end int) {
		for i := start; i < end; i++ {
			addresses[i] = resources[i].ConfigAddress()
		}
	})
	paths := make([]model.ModulePath, len(resources))
	parsed := map[string]model.ModulePath{}
	type moduleKey struct {
		g  group
		id any // model.KeyID
	}
	recorded := map[moduleKey]bool{}
	for i, r := range resources {
		g := group{r.Module, addresses[i]}
		l.instances[g] = append(l.instances[g], r)
		if path, ok := parsed[r.Module]; ok {
			paths[i] = path // its module keys are recorded
			continue
		}
		path, err := model.ParseModulePath(r.Module)
		if err != nil {
			return err
		}
		paths[i] = path
		parsed[r.Module] = path
		for depth := range path {
			g := group{path[:depth].String(), path[depth].Name}
			if k := (moduleKey{g, model.KeyID(path[depth].Key)}); !recorded[k] {
				recorded[k] = true
				l.moduleKeys[g] = append(l.moduleKeys[g], path[depth].Key)
			}
		}
	}
	// The indexes are complete and only read from here on. Each chunk of
	// resources has a memo and parsed references of its own.
	parallel.Chunks(len(resources), chunk, func(start, end int) {
		cl := *l
		cl.memo = map[string][]target{}
		cl.references = map[string]reference{}
		for i := start; i < end; i++ {
			cl.linkResource(resources[i], paths[i])
		}
	})
	return nil
}

// linkResource adds the links of one resource and records the arguments
// its configuration sets.
func (l *linker) linkResource(r *model.Resource, path model.ModulePath) {
	mod := l.modules[path.Calls()]
	if mod == nil {
		return
	}
	cr := findConfigResource(mod, r.ConfigAddress())
	if cr == nil {
		return
	}
	// path was parsed from r.Module, which newResource wrote from a
	// parsed path: writing it out again gives r.Module.
	sc := newScope(path, r.Module, r.Index, references(cr.ForEachExpression))
	r.Configured = make([]string, 0, len(cr.Expressions))
	for name, expr := range cr.Expressions {
		if !l.setsNull(r, sc, name, expr) {
			r.Configured = append(r.Configured, name)
		}
	}
	slices.Sort(r.Configured)
	r.Provider = cr.ProviderConfigKey
	l.linkExpressions(r, sc, "", cr.Expressions)
	l.candidates(r, sc, cr)
	if l.dynamic != nil {
		byPath := l.dynamic(path.Calls(), r.ConfigAddress())
		for _, name := range slices.Sorted(maps.Keys(byPath)) {
			l.linkReferences(r, sc, name, byPath[name])
		}
	}
}

// setsNull reports whether the configuration sets the argument name to
// null, which is leaving it unset: its value is unknown in the plan,
// though the expression only reads what is known while planning
// (variables, count and each, path and terraform, and locals that read
// only those). Such a value can only be unknown because it is null and the
// provider computes the argument, as for name = var.use_prefix ? null :
// var.name. An expression that reads nothing at all may call timestamp()
// or uuid(), which are known only after apply, so it does not count.
func (l *linker) setsNull(r *model.Resource, sc scope, name string, expr *tfjson.Expression) bool {
	if expr == nil || expr.ExpressionData == nil || len(expr.NestedBlocks) > 0 || len(expr.References) == 0 {
		return false
	}
	if !slices.Contains(r.Unknown, name) {
		return false
	}
	return l.knownWhilePlanning(sc, expr.References, 0)
}

// knownWhilePlanning reports whether every reference reads a value known
// while planning.
func (l *linker) knownWhilePlanning(sc scope, refs []string, depth int) bool {
	if depth > maxDepth {
		return false
	}
	for _, ref := range refs {
		root, rest, _ := strings.Cut(ref, ".")
		switch root {
		case "count", "path", "terraform":
		case "each":
			if !l.knownWhilePlanning(scope{path: sc.path, module: sc.module, self: sc.self}, sc.forEach, depth+1) {
				return false
			}
		case "var":
			if !l.variableKnown(sc, strings.SplitN(rest, ".", 2)[0], depth) {
				return false
			}
		case "local":
			name := strings.SplitN(strings.SplitN(rest, "[", 2)[0], ".", 2)[0]
			if l.locals == nil {
				return false
			}
			inner, ok := l.locals(sc.path.Calls(), name, nil)
			if !ok || !l.knownWhilePlanning(sc, inner, depth+1) {
				return false
			}
		default:
			return false // a resource, a data source, a module output
		}
	}
	return true
}

// variableKnown reports whether a module variable is known while
// planning: a root variable always is; a module's is when the calling
// module's argument for it is (or it is not set, and takes its default).
func (l *linker) variableKnown(sc scope, name string, depth int) bool {
	n := len(sc.path)
	if n == 0 {
		return true
	}
	call := l.calls[sc.path.Calls()]
	if call == nil {
		return false
	}
	expr := call.Expressions[name]
	if expr == nil || expr.ExpressionData == nil {
		return true
	}
	if len(expr.References) == 0 {
		// A constant, or a function of nothing such as timestamp().
		return expr.ConstantValue != nil
	}
	parent := newScope(sc.path[:n-1], sc.path[:n-1].String(), sc.path[n-1].Key, references(call.ForEachExpression))
	return l.knownWhilePlanning(parent, expr.References, depth+1)
}

func (l *linker) indexModule(calls string, mod *tfjson.ConfigModule) {
	l.modules[calls] = mod
	for name, call := range mod.ModuleCalls {
		if call == nil || call.Module == nil {
			continue
		}
		child := name
		if calls != "" {
			child = calls + "." + name
		}
		l.calls[child] = call
		l.indexModule(child, call.Module)
	}
}

func (l *linker) linkExpressions(r *model.Resource, sc scope, prefix string, exprs map[string]*tfjson.Expression) {
	for attr, expr := range exprs {
		if expr == nil || expr.ExpressionData == nil {
			continue
		}
		name := attr
		if prefix != "" {
			name = prefix + "." + attr
		}
		for _, block := range expr.NestedBlocks {
			l.linkExpressions(r, sc, name, block)
		}
		l.linkReferences(r, sc, name, expr.References)
	}
}

// linkReferences links r to what the references of the expression of its
// attribute name resolve to.
func (l *linker) linkReferences(r *model.Resource, sc scope, name string, refs []string) {
	if len(refs) == 0 {
		return
	}
	for _, t := range l.resolve(sc, refs, keyed(refs), 0) {
		if t.r == r {
			continue
		}
		via := model.ViaReference
		if t.byKey {
			via = model.ViaInstanceKey
		}
		r.References = append(r.References, model.Link{
			Address:   t.r.Address,
			Type:      t.r.Type,
			Attribute: name,
			Via:       via,
			Through:   t.through,
		})
	}
}

// keyed reports whether an expression uses its block's instance key, so
// that a reference to a resource or module with many instances means the
// instance with the same key. each.value stands for the instance with the
// same key of what for_each iterates; beside a reference to a resource
// with many instances it may instead pick one of them by value
// (aws_s3_bucket.env[each.value]), which the plan does not show: then the
// reference means every instance, and the links are ambiguous.
func keyed(refs []string) bool {
	value, resource := false, false
	for _, ref := range refs {
		switch {
		case ref == "count.index" || ref == "each.key":
			return true
		case ref == "each.value" || strings.HasPrefix(ref, "each.value.") || strings.HasPrefix(ref, "each.value["):
			value = true
		default:
			root, _, _ := strings.Cut(ref, ".")
			switch root {
			case "var", "local", "path", "terraform", "count", "each", "self":
			default:
				resource = true // a resource, a data source or a module output
			}
		}
	}
	return value && !resource
}

// resolve finds the resource instances that the references reach.
func (l *linker) resolve(sc scope, refs []string, keyed bool, depth int) []target {
	if depth > maxDepth {
		return nil
	}
	parsed := make([]reference, len(refs))
	var keyedNames []string
	for i, ref := range refs {
		p, ok := l.references[ref]
		if !ok {
			p = parseReference(ref)
			l.references[ref] = p
		}
		parsed[i] = p
		if p.hasKey {
			keyedNames = append(keyedNames, p.name)
		}
	}
	var out []target
	for _, p := range parsed {
		if !p.hasKey && slices.Contains(keyedNames, p.name) && (p.kind == refResource || p.kind == refModule) {
			// Terraform lists aws_x.y beside aws_x.y[0]: the keyed
			// reference says which instance is meant.
			continue
		}
		switch p.kind {
		case refResource:
			out = append(out, l.resourceTargets(sc, p, keyed)...)
		case refEachValue:
			inner := scope{path: sc.path, module: sc.module, self: sc.self}
			for _, t := range l.resolve(inner, sc.forEach, true, depth+1) {
				t.byKey = true
				out = append(out, t)
			}
		case refVariable:
			out = append(out, l.variableTargets(sc, p.name, depth)...)
		case refLocal:
			out = append(out, l.localTargets(sc, p.name, keyed, depth)...)
		case refModule:
			out = append(out, l.outputTargets(sc, p, keyed, depth)...)
		}
	}
	return out
}

func (l *linker) resourceTargets(sc scope, p reference, keyed bool) []target {
	instances := l.instances[group{sc.module, p.name}]
	var out []target
	switch {
	case p.hasKey:
		for _, r := range instances {
			if model.SameKey(r.Index, p.key) {
				out = append(out, target{r: r})
			}
		}
	case len(instances) == 1 && instances[0].Index == nil:
		out = append(out, target{r: instances[0]})
	case keyed && sc.self != nil:
		for _, r := range instances {
			if model.SameKey(r.Index, sc.self) {
				out = append(out, target{r: r, byKey: true})
			}
		}
	default:
		// A reference to all instances, as in a splat expression.
		for _, r := range instances {
			out = append(out, target{r: r})
		}
	}
	return out
}

// variableTargets follows var.NAME to the module call argument that sets
// it, evaluated in the calling module.
func (l *linker) variableTargets(sc scope, name string, depth int) []target {
	n := len(sc.path)
	if n == 0 {
		return nil // a root variable comes from outside the configuration
	}
	call := l.calls[sc.path.Calls()]
	if call == nil {
		return nil
	}
	expr := call.Expressions[name]
	if expr == nil || expr.ExpressionData == nil || len(expr.References) == 0 {
		return nil
	}
	hop := sc.module + ".var." + name
	return l.memoized(hop, func() []target {
		parent := newScope(sc.path[:n-1], sc.path[:n-1].String(), sc.path[n-1].Key, references(call.ForEachExpression))
		return withHop(hop, l.resolve(parent, expr.References, keyed(expr.References), depth+1))
	})
}

// localTargets follows local.NAME through the references of the local
// value's expression, which only the sources tell (Options.Locals); a plan
// keeps just the reference to the local.
func (l *linker) localTargets(sc scope, name string, keyed bool, depth int) []target {
	if l.locals == nil {
		return nil
	}
	hop := sc.module + ".local." + name
	if sc.module == "" {
		hop = "local." + name
	}
	if keyed && sc.self != nil {
		// local.x[each.key]: the item of the instance's key, when the
		// local is an object with one.
		if refs, ok := l.locals(sc.path.Calls(), name, sc.self); ok {
			return l.localHop(sc, hop+model.FormatKey(sc.self), refs, depth)
		}
	}
	refs, ok := l.locals(sc.path.Calls(), name, nil)
	if !ok || len(refs) == 0 {
		return nil
	}
	return l.localHop(sc, hop, refs, depth)
}

// localHop resolves the references of a local value (or of one of its
// items), once per module instance: a local is evaluated without count or
// each, so its references name instances by their own keys.
func (l *linker) localHop(sc scope, hop string, refs []string, depth int) []target {
	inner := newScope(sc.path, sc.module, nil, nil)
	return l.memoized(hop, func() []target {
		return withHop(hop, l.resolve(inner, refs, false, depth+1))
	})
}

// memoized returns what resolve computes for a module variable or output,
// computing it once; cyclic configurations resolve to nothing instead of
// recursing.
func (l *linker) memoized(key string, resolve func() []target) []target {
	if cached, ok := l.memo[key]; ok {
		return slices.Clone(cached)
	}
	l.memo[key] = nil
	targets := resolve()
	l.memo[key] = targets
	return slices.Clone(targets)
}

// outputTargets follows module.NAME.OUTPUT into the called module's
// instances. Terraform drops the output name from a reference whose key is
// not a literal (module.kms[each.key].key_arn is recorded as "module.kms"
// and "each.key"); then every output of the instance is followed.
func (l *linker) outputTargets(sc scope, p reference, keyed bool, depth int) []target {
	childCalls := p.name
	if c := sc.path.Calls(); c != "" {
		childCalls = c + "." + p.name
	}
	call := l.calls[childCalls]
	if call == nil || call.Module == nil {
		return nil
	}
	var outputs []string
	if p.output != "" {
		outputs = []string{p.output}
	} else if !p.hasKey && keyed {
		for name := range call.Module.Outputs {
			outputs = append(outputs, name)
		}
		slices.Sort(outputs)
	}
	var out []target
	for _, key := range l.moduleKeys[group{sc.module, p.name}] {
		byKey := false
		switch {
		case p.hasKey:
			if !model.SameKey(key, p.key) {
				continue
			}
		case key != nil && keyed && sc.self != nil:
			if !model.SameKey(key, sc.self) {
				continue
			}
			byKey = true
		}
		child := append(slices.Clip(sc.path), model.Step{Name: p.name, Key: key})
		module := child.String()
		for _, name := range outputs {
			output := call.Module.Outputs[name]
			if output == nil || output.Expression == nil || output.Expression.ExpressionData == nil {
				continue
			}
			hop := module + "." + name
			if p.output == "" {
				// The output was guessed: say so in the path.
				hop = module + ".*"
			}
			refs := output.Expression.References
			resolved := l.memoized(module+".output."+name+"\x00"+hop, func() []target {
				return withHop(hop, l.resolve(newScope(child, module, nil, nil), refs, false, depth+1))
			})
			for _, t := range resolved {
				t.byKey = t.byKey || byKey
				out = append(out, t)
			}
		}
	}
	return out
}

func withHop(hop string, targets []target) []target {
	for i := range targets {
		targets[i].through = append([]string{hop}, targets[i].through...)
	}
	return targets
}

func references(e *tfjson.Expression) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	return e.References
}

func findConfigResource(mod *tfjson.ConfigModule, address string) *tfjson.ConfigResource {
	for _, cr := range mod.Resources {
		if cr != nil && cr.Address == address {
			return cr
		}
	}
	return nil
}
