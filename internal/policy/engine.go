// Package policy compiles the Rego rules, reads their METADATA into the
// rule catalogue and evaluates them against a model.
package policy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/parallel"
)

// rulesPrefix is the package every rule lives directly under.
const rulesPrefix = "data.tfgate.rules."

// reports are the rule package members that hold a rule's findings, with
// the status of each.
var reports = []struct {
	member string
	status gate.Status
}{{"deny", gate.Fail}, {"unknown", gate.Unknown}, {"pass", gate.Pass}}

// Source is a tree of Rego files: the built-in policies or a --policy
// directory.
type Source struct {
	// Name prefixes file names in errors and in the catalogue, such as
	// "policies" or the directory the user gave.
	Name string
	FS   fs.FS
	// Builtin marks the rules shipped inside tfgate.
	Builtin bool
}

// Engine evaluates a compiled set of policies. It is safe for concurrent
// use by several evaluations.
type Engine struct {
	rules   []*gate.Rule
	queries []rego.PreparedEvalQuery // one per rule, in the order of rules
}

// New parses and compiles every non-test .rego file of the sources, with
// the sandboxed capabilities, and prepares one query per rule.
func New(ctx context.Context, sources []Source) (*Engine, error) {
	caps := Capabilities()
	modules, builtin, err := parseSources(sources, caps, false)
	if err != nil {
		return nil, err
	}
	if err := isolate(modules, builtin); err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().
		WithCapabilities(caps).
		WithEnablePrintStatements(false)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, compileError(compiler.Errors)
	}
	rules, err := catalogue(modules, builtin)
	if err != nil {
		return nil, err
	}
	if err := checkReports(modules); err != nil {
		return nil, err
	}
	e := &Engine{rules: rules, queries: make([]rego.PreparedEvalQuery, len(rules))}
	for i, r := range rules {
		// A member the package leaves out gives an empty list; one it
		// defines gives a list of its one value.
		var q []string
		for _, rep := range reports {
			q = append(q, fmt.Sprintf("%s := [x | x := %s.%s]", rep.member, r.Package, rep.member))
		}
		e.queries[i], err = rego.New(
			rego.Compiler(compiler),
			rego.Query(strings.Join(q, "; ")),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare %s: %w", r.File, err)
		}
	}
	return e, nil
}

// isolate keeps user policies out of the built-in ones: a user module may
// not declare a package of the helper library (tfgate.lib), of a built-in
// rule (tfgate.rules.<built-in>), or one that holds them (tfgate,
// tfgate.rules), where its rules would merge into theirs and could switch
// them off or redefine what they read.
func isolate(modules map[string]*ast.Module, builtin map[string]bool) error {
	builtinPackages := map[string]bool{}
	for name, mod := range modules {
		if builtin[name] {
			builtinPackages[mod.Package.Path.String()] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		if builtin[name] {
			continue
		}
		mod := modules[name]
		pkg := mod.Package.Path.String()
		switch {
		case pkg == "data.tfgate" || pkg == "data.tfgate.rules" || pkg == "data.tfgate.lib" || strings.HasPrefix(pkg, "data.tfgate.lib."):
			return fmt.Errorf("%s:%d: package %s is tfgate's own: declare your rules under tfgate.rules.<name> and your helpers in a package of your own", name, mod.Package.Location.Row, strings.TrimPrefix(pkg, "data."))
		}
		for p := range builtinPackages {
			if pkg == p || strings.HasPrefix(pkg, p+".") {
				return fmt.Errorf("%s:%d: package %s belongs to the built-in rule of %s: give your rule a package of its own", name, mod.Package.Location.Row, strings.TrimPrefix(pkg, "data."), strings.TrimPrefix(p, "data."))
			}
		}
	}
	return nil
}

// checkReports refuses a rule package whose deny, unknown or pass is not a
// set built with "contains": anything else would be read as no findings.
func checkReports(modules map[string]*ast.Module) error {
	names := slices.Sorted(maps.Keys(modules))
	for _, name := range names {
		mod := modules[name]
		if !strings.HasPrefix(mod.Package.Path.String(), rulesPrefix) {
			continue
		}
		for _, rule := range mod.Rules {
			member := rule.Head.Name.String()
			if len(rule.Head.Reference) > 0 {
				member = rule.Head.Reference[0].String()
			}
			for _, rep := range reports {
				if member == rep.member && (rule.Head.RuleKind() != ast.MultiValue || len(rule.Head.Reference) > 1) {
					return fmt.Errorf("%s:%d: %s must be a set of findings: %s contains {\"resource\": ..., \"message\": ...} if { ... }",
						name, rule.Location.Row, member, member)
				}
			}
		}
	}
	return nil
}

// Rules returns the catalogue, sorted by rule id.
func (e *Engine) Rules() []*gate.Rule { return e.rules }

// Evaluate runs every rule against the model with the params. Every
// resource of a type a rule names gets a result; so does every resource a
// rule reports on.
func (e *Engine) Evaluate(ctx context.Context, m *model.Model, p Params) ([]gate.Result, error) {
	input, err := Input(m, p)
	if err != nil {
		return nil, err
	}
	return e.EvaluateInput(ctx, m, input)
}

// EvaluateInput is Evaluate on an input Input made of the model. Of the
// model's resources it reads what model.DropDetails keeps, so a caller
// short of memory may drop the rest once the input is made.
func (e *Engine) EvaluateInput(ctx context.Context, m *model.Model, input ast.Value) ([]gate.Result, error) {
	perRule, err := e.evaluate(ctx, m, input)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("evaluate policies on %s: %w", m.Source, ctx.Err())
		}
		return nil, fmt.Errorf("evaluate policies on %s: %w", m.Source, err)
	}
	return inOrder(perRule), nil
}

// finding is one entry a rule reported; which rule is its place in the
// findings evaluate returns.
type finding struct {
	status   gate.Status
	resource string
	message  string
}

// evaluate runs the rules on every CPU, the rules with the most resources
// to judge first, and returns each rule's results at its position in the
// catalogue. The first rule that fails in catalogue order gives the error.
//
// A rule's findings become its results as soon as it has run, on the same
// CPU, so that this work fills the time a CPU would otherwise wait for the
// last rule. Every rule runs even after one has failed, so that which
// error is reported does not depend on timing.
func (e *Engine) evaluate(ctx context.Context, m *model.Model, input ast.Value) ([][]gate.Result, error) {
	byAddress := make(map[string]*model.Resource, len(m.Resources))
	byType := map[string][]*model.Resource{}
	for _, r := range m.Resources {
		byAddress[r.Address] = r
		if r.Mode == "managed" && !isDelete(r.Actions) {
			byType[r.Type] = append(byType[r.Type], r)
		}
	}
	touched := touchedBy(m.Resources, byAddress)
	order := e.byWork(m)
	perRule := make([][]gate.Result, len(e.rules))
	errs := make([]error, len(e.rules))
	parallel.For(len(order), func(n int) {
		i := order[n]
		var findings []finding
		if findings, errs[i] = e.evalRule(ctx, i, input); errs[i] == nil {
			perRule[i] = ruleResults(m, e.rules[i], findings, lookups{byAddress, byType, touched})
		}
	})
	for _, err := range errs {
		if err != nil && !topdown.IsCancel(err) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return perRule, nil
}

// lookups are the model's resources by address and, kept by the change,
// by type, and the addresses whose results count as changed (touchedBy).
type lookups struct {
	byAddress map[string]*model.Resource
	byType    map[string][]*model.Resource
	touched   map[string]bool
}

// touchedBy lists the resources whose results count as changed for
// --changed-only: those the change creates, updates, replaces or deletes,
// and those within touchHops links of one, in either direction. A bucket
// whose public access block is loosened or deleted, a role that a new
// attachment gives administrator access, or a break-glass user whose
// group's policy is widened (policy → attachment → group → membership →
// user) is
// changed by the change, though the plan keeps it as it is. The reach is
// generous on purpose: a result counted as changed only may fail the gate.
func touchedBy(rs []*model.Resource, byAddress map[string]*model.Resource) map[string]bool {
	touched := map[string]bool{}
	var frontier []*model.Resource
	for _, r := range rs {
		if changes(r.Actions) {
			touched[r.Address] = true
			frontier = append(frontier, r)
		}
	}
	if len(frontier) == 0 {
		return touched
	}
	// What a replaced object named before the change (a bucket its block
	// protected) is touched too: the plan keeps only the new links.
	for _, r := range frontier {
		for _, address := range r.PriorLinks {
			if x := byAddress[address]; x != nil && !touched[address] {
				touched[address] = true
				frontier = append(frontier, x)
			}
		}
	}
	// The links back, from References (the model may have dropped
	// ReferencedBy by now).
	referrers := map[string][]*model.Resource{}
	for _, r := range rs {
		for _, l := range r.References {
			referrers[l.Address] = append(referrers[l.Address], r)
		}
	}
	for hop := 0; hop < touchHops && len(frontier) > 0; hop++ {
		var next []*model.Resource
		reach := func(address string, r *model.Resource) {
			if touched[address] {
				return
			}
			touched[address] = true
			if r != nil {
				next = append(next, r)
			}
		}
		for _, r := range frontier {
			for _, l := range r.References {
				reach(l.Address, byAddress[l.Address])
			}
			for _, back := range referrers[r.Address] {
				reach(back.Address, back)
			}
		}
		frontier = next
	}
	return touched
}

// touchHops is how many links away from a changed resource a result still
// counts as changed.
const touchHops = 4

// byWork orders the rules so that the longest evaluations start first and
// the last ones to start are short: first the rules that declare no
// resource types, whose work the model does not tell (they find what they
// judge themselves, as the emergency access rules do, and some of them
// are among the costliest), then the others by how many resources of
// their types the model has, most first.
func (e *Engine) byWork(m *model.Model) []int {
	count := map[string]int{}
	for _, r := range m.Resources {
		count[r.Type]++
	}
	work := make([]int, len(e.rules))
	order := make([]int, len(e.rules))
	for i, r := range e.rules {
		order[i] = i
		if len(r.ResourceTypes) == 0 {
			work[i] = math.MaxInt
		}
		for _, t := range r.ResourceTypes {
			work[i] += count[t]
		}
		for t := range r.Related {
			work[i] += count[t]
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(work[b], work[a]) })
	return order
}

// evalRule evaluates rule i and checks the shape of what it reports.
func (e *Engine) evalRule(ctx context.Context, i int, input ast.Value) ([]finding, error) {
	rule := e.rules[i]
	rs, err := e.queries[i].Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		if topdown.IsCancel(err) {
			return nil, err
		}
		return nil, errors.New(oneLine(err))
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("rule %s (%s): evaluation gave %d results, want 1", rule.ID, rule.File, len(rs))
	}
	var out []finding
	for _, rep := range reports {
		values, _ := rs[0].Bindings[rep.member].([]any)
		for _, v := range values {
			set, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("rule %s (%s): %s is %T, not a set", rule.ID, rule.File, rep.member, v)
			}
			for _, item := range set {
				f, _ := item.(map[string]any)
				resource, _ := f["resource"].(string)
				message, _ := f["message"].(string)
				if resource == "" || message == "" {
					return nil, fmt.Errorf("rule %s (%s): each %s entry must be an object with string fields resource and message, got %v", rule.ID, rule.File, rep.member, item)
				}
				out = append(out, finding{status: rep.status, resource: resource, message: message})
			}
		}
	}
	return out, nil
}

// inOrder joins the rules' results in the order gate.Sort gives them: by
// resource address, then by rule id, which is the catalogue's order. Each
// rule has at most one result per resource, so a counting sort on the
// rank of the address does it, comparing only the distinct addresses.
func inOrder(perRule [][]gate.Result) []gate.Result {
	rank := map[string]int{}
	for _, rs := range perRule {
		for _, r := range rs {
			rank[r.Resource] = 0
		}
	}
	addresses := slices.Sorted(maps.Keys(rank))
	for i, a := range addresses {
		rank[a] = i
	}
	next := make([]int, len(addresses)+1) // where the next result of each address goes
	for _, rs := range perRule {
		for _, r := range rs {
			next[rank[r.Resource]+1]++
		}
	}
	for i := 1; i < len(next); i++ {
		next[i] += next[i-1]
	}
	out := make([]gate.Result, next[len(addresses)])
	for _, rs := range perRule {
		for _, r := range rs {
			k := rank[r.Resource]
			out[next[k]] = r
			next[k]++
		}
	}
	return out
}

// ruleResults gives one rule's results, one per resource: a pass for
// every resource of its types, changed by its findings, and a result for
// every other resource a finding names. Where findings about a resource
// differ, a failure outweighs an unknown, which outweighs a pass.
//
// Two properties hold for every rule, whatever its Rego says. A resource
// whose attribute the rule reads (Rule.Reads) is pending cannot pass: it
// is unknown. And a sub-resource's findings (Rule.Related) are its
// subject's: the subject's result is the worst of its own and its
// sub-resources', naming each; the sub-resource keeps a result of its own
// only when its type is judged too, or when it has no subject in the
// input to carry a failure or an unknown.
func ruleResults(m *model.Model, rule *gate.Rule, findings []finding, look lookups) []gate.Result {
	byAddress, byType := look.byAddress, look.byType
	var order []string
	verdicts := map[string]*verdict{}
	get := func(address string) *verdict {
		v := verdicts[address]
		if v == nil {
			v = &verdict{status: gate.Pass}
			verdicts[address] = v
			order = append(order, address)
		}
		return v
	}
	for _, t := range rule.ResourceTypes {
		for _, r := range byType[t] {
			get(r.Address)
		}
	}
	for t := range rule.Related {
		for _, r := range byType[t] {
			get(r.Address)
		}
	}
	for _, f := range findings {
		get(f.resource).add(f.status, f.message)
	}
	// What was not evaluated is unknown to every rule that judges what it
	// may hold.
	for _, g := range m.Gaps {
		if judges(rule, g.Types) {
			get(g.Address).add(gate.Unknown, "not evaluated: "+g.Reason)
		}
		// A sub-resource block not evaluated may configure any of the
		// rule's subjects (an ACL block may grant the public a bucket):
		// none of them passes.
		for _, t := range g.Types {
			if _, related := rule.Related[t]; !related {
				continue
			}
			for _, st := range rule.ResourceTypes {
				for _, r := range byType[st] {
					if v := get(r.Address); v.status == gate.Pass || v.status == "" {
						v.add(gate.Unknown, fmt.Sprintf("%s, which was not evaluated, may configure it", g.Address))
						v.notEvaluated = true
					}
				}
			}
		}
	}
	if len(rule.Reads) > 0 {
		for _, address := range order {
			r := byAddress[address]
			if r == nil || r.Mode != "managed" || isDelete(r.Actions) {
				continue
			}
			for _, path := range rule.Reads[r.Type] {
				if r.Pending(path) {
					verdicts[address].add(gate.Unknown, path+" is known only after apply")
				}
			}
		}
	}
	folded := fold(rule, order, verdicts, byAddress)
	out := make([]gate.Result, 0, len(order))
	for _, address := range order {
		v := verdicts[address]
		res := gate.Result{Rule: rule, Input: m.Source, Resource: address, Status: v.status, Related: v.related, Changed: v.changed}
		switch r := byAddress[address]; {
		case r != nil:
			_, related := rule.Related[r.Type]
			if related && !slices.Contains(rule.ResourceTypes, r.Type) && (folded[address] || v.status == gate.Pass) {
				continue
			}
			res.ResourceType = r.Type
			res.Location = r.Location
			res.Calls = r.Calls
			res.Changed = res.Changed || look.touched[address]
		case address == model.PlanAddress:
			res.ResourceType = "terraform_plan"
			res.Location = m.Settings
			res.Changed = true
		case address == model.BackendAddress && m.Backend != nil:
			res.ResourceType = "terraform_backend"
			res.Location = m.Backend.Location
			res.Changed = true
		default:
			if i := slices.IndexFunc(m.Gaps, func(g model.Gap) bool { return g.Address == address }); i >= 0 {
				res.NotEvaluated = true
				res.ResourceType = "module"
				if len(m.Gaps[i].Types) == 1 {
					res.ResourceType = m.Gaps[i].Types[0]
				}
				res.Location = m.Gaps[i].Location
				res.Changed = true
			}
		}
		res.NotEvaluated = res.NotEvaluated || v.notEvaluated && v.status == gate.Unknown
		if len(v.messages) > 0 {
			slices.Sort(v.messages)
			res.Message = strings.Join(slices.Compact(v.messages), "; ")
		}
		out = append(out, res)
	}
	return out
}

// judges reports whether a rule judges, folds or reads any of the types
// (any type at all for nil).
func judges(rule *gate.Rule, types []string) bool {
	if types == nil {
		return len(rule.ResourceTypes)+len(rule.Related)+len(rule.Reads) > 0
	}
	for _, t := range types {
		_, related := rule.Related[t]
		_, read := rule.Reads[t]
		if related || read || slices.Contains(rule.ResourceTypes, t) {
			return true
		}
	}
	return false
}

// verdict is what a rule has found about one resource so far.
type verdict struct {
	status   gate.Status
	messages []string // those of the findings of status
	related  []gate.Related
	changed  bool // a sub-resource whose findings it carries changes
	// notEvaluated is set when the verdict is unknown for a part of the
	// configuration that was not evaluated (a model.Gap).
	notEvaluated bool
}

func (v *verdict) add(status gate.Status, message string) {
	switch {
	case weight(status) > weight(v.status):
		v.status, v.messages = status, []string{message}
	case status == v.status:
		v.messages = append(v.messages, message)
	}
}

// fold gives each subject the failures and unknowns of its sub-resources
// (Rule.Related), and returns the sub-resources that have a subject in the
// input.
func fold(rule *gate.Rule, order []string, verdicts map[string]*verdict, byAddress map[string]*model.Resource) map[string]bool {
	if len(rule.Related) == 0 {
		return nil
	}
	folded := map[string]bool{}
	for _, address := range order {
		r := byAddress[address]
		if r == nil {
			continue
		}
		attribute, ok := rule.Related[r.Type]
		if !ok {
			continue
		}
		sub := verdicts[address]
		for _, l := range r.References {
			subject := byAddress[l.Address]
			if l.Attribute != attribute || subject == nil || subject.Mode != "managed" || isDelete(subject.Actions) || !slices.Contains(rule.ResourceTypes, l.Type) {
				continue
			}
			folded[address] = true
			if sub.status == gate.Pass {
				continue
			}
			v := verdicts[l.Address]
			if v == nil {
				continue // not judged: the subject's type is not the rule's
			}
			// A sub-resource that may belong to this subject or to
			// another (an ambiguous link) gives its findings to every
			// candidate: one of them has it, and none may pass by it.
			by := r.Address + ": "
			if l.Ambiguous {
				by = r.Address + " (it refers to this resource or to another, which one is known only after apply): "
			}
			for _, msg := range sub.messages {
				v.add(sub.status, by+msg)
			}
			v.related = append(v.related, gate.Related{Resource: r.Address, Location: r.Location})
			v.changed = v.changed || changes(r.Actions)
		}
	}
	for _, v := range verdicts {
		slices.SortFunc(v.related, func(a, b gate.Related) int { return strings.Compare(a.Resource, b.Resource) })
		v.related = slices.CompactFunc(v.related, func(a, b gate.Related) bool { return a.Resource == b.Resource })
	}
	return folded
}

func weight(s gate.Status) int {
	switch s {
	case gate.Fail:
		return 2
	case gate.Unknown:
		return 1
	}
	return 0
}

// changes reports whether planned actions change the resource.
func changes(actions []string) bool {
	for _, a := range actions {
		if a != "no-op" && a != "read" {
			return true
		}
	}
	return false
}

// isDelete reports whether a change leaves no object: a delete. A forget
// (a removed block with destroy = false) leaves the object as it is, with
// what it grants or controls, only outside Terraform: it is judged as it
// stands (its values before the change).
func isDelete(actions []string) bool {
	return len(actions) == 1 && actions[0] == "delete"
}

// parseSources parses the .rego files of the sources against the
// capabilities: the policies when tests is false, the policies and their
// tests when it is true. It also returns which module names are built in.
func parseSources(sources []Source, caps *ast.Capabilities, tests bool) (map[string]*ast.Module, map[string]bool, error) {
	modules := map[string]*ast.Module{}
	builtin := map[string]bool{}
	for _, src := range sources {
		var files []string
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".rego") {
				return nil
			}
			if !d.Type().IsRegular() {
				// A FIFO or device would block the read forever.
				return fmt.Errorf("%s is not a regular file", path.Join(src.Name, p))
			}
			if strings.HasSuffix(p, "_test.rego") && !tests {
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("read policies %s: %w", src.Name, err)
		}
		if len(files) == 0 && !src.Builtin {
			return nil, nil, fmt.Errorf("read policies %s: no .rego files found", src.Name)
		}
		for _, p := range files {
			data, err := fs.ReadFile(src.FS, p)
			if err != nil {
				return nil, nil, fmt.Errorf("read policy %s: %w", path.Join(src.Name, p), err)
			}
			name := path.Join(src.Name, p)
			mod, err := ast.ParseModuleWithOpts(name, string(data), ast.ParserOptions{
				ProcessAnnotation: true,
				RegoVersion:       ast.RegoV1,
				Capabilities:      caps,
			})
			if err != nil {
				return nil, nil, compileError(err)
			}
			if mod == nil {
				return nil, nil, fmt.Errorf("%s: empty policy file", name)
			}
			if _, taken := modules[name]; taken {
				return nil, nil, fmt.Errorf("%s: a policy file of that name is already loaded (the built-in policies, or another --policy directory); rename it or its directory", name)
			}
			modules[name] = mod
			builtin[name] = src.Builtin
		}
	}
	return modules, builtin, nil
}

// compileError turns OPA's errors into one line that starts with the file,
// line and column of the first.
func compileError(err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return fmt.Errorf("policy: %s", oneLine(err))
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Location.Compare(errs[j].Location) < 0 })
	first := errs[0]
	msg := first.Message
	if name, ok := strings.CutPrefix(msg, "undefined function "); ok && refused(name) && ast.BuiltinMap[name] != nil {
		why := denied[name]
		if why == "" {
			why = "it has not been reviewed for the sandbox"
		}
		msg = name + " is not available: policies run sandboxed, without network, file, runtime, clock or chance (" + why + ")"
	}
	if first.Location != nil {
		msg = fmt.Sprintf("%s:%d:%d: %s", first.Location.File, first.Location.Row, first.Location.Col, msg)
	}
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	return errors.New(oneLine(errors.New(msg)))
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
