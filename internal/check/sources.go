package check

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tfgate/tfgate/internal/hclsrc"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/plan"
	"github.com/tfgate/tfgate/internal/waiver"
)

// sourceDir is the Terraform source root for an input: --dir when given,
// the input itself when it is a directory, else the input file's folder
// when it holds .tf files, else "".
func sourceDir(flag, input string) string {
	if flag != "" {
		return flag
	}
	if info, err := os.Stat(input); err == nil && info.IsDir() {
		return input
	}
	if dir := filepath.Dir(input); hclsrc.HasSources(dir) {
		return dir
	}
	return ""
}

// maxNesting bounds module nesting, as the directory evaluator does: a
// module whose source is itself must end in an error, not in a loop.
const maxNesting = 32

// sourceTree is a Terraform configuration read from its root: each local
// module, by call path ("" for the root, "a.b" for module.a.module.b).
// Modules from remote sources are not downloaded and are not in it.
type sourceTree map[string]*hclsrc.Module

// readSources reads the root module in dir and the local modules it calls.
func readSources(dir string) (sourceTree, error) {
	tree := sourceTree{}
	var read func(calls, moduleDir string, depth int) error
	read = func(calls, moduleDir string, depth int) error {
		if depth > maxNesting {
			return fmt.Errorf("module %q (in %s) nests deeper than %d levels; does it call itself?", strings.SplitN(calls, ".", 2)[0], dir, maxNesting)
		}
		mod, err := hclsrc.ReadModule(moduleDir)
		if err != nil {
			return err
		}
		tree[calls] = mod
		for name, source := range mod.Calls {
			if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
				continue
			}
			child := name
			if calls != "" {
				child = calls + "." + name
			}
			if _, seen := tree[child]; seen {
				continue
			}
			if err := read(child, filepath.Join(moduleDir, source), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := read("", dir, 0); err != nil {
		return nil, err
	}
	return tree, nil
}

// planOptions tell the plan decoder what the sources say and a plan does
// not: the references of local values.
func (t sourceTree) planOptions() plan.Options {
	if t == nil {
		return plan.Options{}
	}
	return plan.Options{Locals: func(calls, name string, key any) ([]string, bool) {
		mod := t[calls]
		if mod == nil {
			return nil, false
		}
		if key != nil {
			k, isString := key.(string)
			refs, ok := mod.LocalItems[name][k]
			return refs, ok && isString
		}
		refs, ok := mod.Locals[name]
		return refs, ok
	}, Dynamic: func(calls, address string) map[string][]string {
		if mod := t[calls]; mod != nil {
			return mod.Written[address].DynamicRefs
		}
		return nil
	}}
}

// locate joins a model to its sources under dir: every resource written in
// a local module gets the file and lines of its block (files relative to
// dir) and, among the arguments its configuration writes, the dynamic
// blocks and volatile arguments a plan does not show; the model gets the
// root module's backend. It returns the inline suppressions written above
// the resources' blocks as waivers of those resources.
func locate(m *model.Model, dir string, tree sourceTree) ([]waiver.Waiver, map[string][]string, error) {
	relative := func(r hclsrc.Range) *model.Location {
		file := r.File
		if rel, err := filepath.Rel(dir, r.File); err == nil {
			file = rel
		}
		return &model.Location{File: filepath.ToSlash(file), StartLine: r.StartLine, EndLine: r.EndLine}
	}
	var waivers []waiver.Waiver
	dynamic := map[string][]string{}
	for _, r := range m.Resources {
		path, err := model.ParseModulePath(r.Module)
		if err != nil {
			return nil, nil, err
		}
		mod := tree[path.Calls()]
		if mod == nil {
			continue
		}
		if rg, ok := mod.Blocks[r.ConfigAddress()]; ok {
			r.Location = relative(rg)
			r.Calls = nil
			for depth := range path {
				parent := tree[path[:depth].Calls()]
				if parent == nil {
					break
				}
				if call, ok := parent.Blocks["module."+path[depth].Name]; ok {
					r.Calls = append(r.Calls, *relative(call))
				}
			}
		}
		// A policy document known only after apply is read from its
		// source, every reference unknown (hclsrc.Module.StaticDraft).
		if docs := mod.Documents[r.ConfigAddress()]; len(docs) > 0 && r.Mode == "managed" {
			for _, attr := range slices.Sorted(maps.Keys(docs)) {
				if _, known := r.Values[attr]; known || !slices.Contains(r.Unknown, attr) {
					continue
				}
				if d, ok := mod.StaticDraft(r.ConfigAddress(), attr); ok {
					if r.Drafts == nil {
						r.Drafts = map[string]string{}
					}
					r.Drafts[attr] = d
				}
			}
		}
		if t := mod.Transformed[r.ConfigAddress()]; len(t) > 0 {
			r.Transformed = t
		}
		for _, l := range r.References {
			if slices.Contains(r.Transformed, l.Attribute) || !documentAttribute(l.Attribute) {
				continue
			}
			if slices.ContainsFunc(l.Through, func(step string) bool { return transformedStep(tree, step) }) {
				r.Transformed = append(slices.Clip(r.Transformed), l.Attribute)
			}
		}
		if w, ok := mod.Written[r.ConfigAddress()]; ok && r.Configured != nil {
			if len(w.Dynamic) > 0 {
				dynamic[r.Address] = w.Dynamic
			}
			r.Configured = slices.Compact(slices.Sorted(slices.Values(append(slices.Clip(r.Configured), append(w.Dynamic, w.Volatile...)...))))
		}
		for _, s := range mod.Suppressions[r.ConfigAddress()] {
			w, err := inlineWaiver(s, r.Address, relative(hclsrc.Range{File: s.File}).File)
			if err != nil {
				return nil, nil, err
			}
			waivers = append(waivers, w)
		}
	}
	root := tree[""]
	if rg := root.Settings; rg != nil {
		m.Settings = relative(*rg)
	}
	if b := root.Backend; b != nil {
		m.Backend = &model.Backend{Type: b.Type, Config: b.Config, NotLiteral: b.NotLiteral, Location: relative(b.Range), Partial: b.Partial()}
		// terraform init records the block's settings merged with
		// -backend-config: they decide what the block leaves open.
		if typ, config, ok := hclsrc.InitializedBackend(dir); ok && typ == b.Type {
			m.Backend.Config = maps.Clone(b.Config)
			for k, v := range config {
				if _, set := m.Backend.Config[k]; !set {
					m.Backend.Config[k] = v
				}
			}
			m.Backend.NotLiteral = slices.DeleteFunc(slices.Clone(b.NotLiteral), func(name string) bool { return config[name] != nil })
			m.Backend.Partial, m.Backend.Initialized = false, true
		}
		if m.Backend.NotLiteral == nil {
			m.Backend.NotLiteral = []string{}
		}
		m.Backend.Redact()
	}
	return waivers, dynamic, nil
}

// documentAttribute reports whether an attribute holds policy documents
// (a policy, a trust policy, a data source's merged documents).
func documentAttribute(attr string) bool {
	return attr == "policy" || attr == "assume_role_policy" || slices.Contains(model.DocumentLists, attr)
}

// transformedStep reports whether a step a link passed through (a module
// input, module.a["k"].var.policy, or output, module.a.policy_json) may
// change the value it passes, as the sources write it.
func transformedStep(tree sourceTree, step string) bool {
	if !strings.HasPrefix(step, "module.") {
		return false // a local value, followed by the module's Transformed
	}
	if instance, input, ok := strings.Cut(step, ".var."); ok && !strings.Contains(input, ".") {
		path, err := model.ParseModulePath(instance)
		if err != nil || len(path) == 0 {
			return true
		}
		caller := tree[path[:len(path)-1].Calls()]
		return caller == nil || caller.TransformedInputs["module."+path[len(path)-1].Name][input]
	}
	i := strings.LastIndex(step, ".")
	if i < 0 {
		return true
	}
	path, err := model.ParseModulePath(step[:i])
	if err != nil {
		return true
	}
	mod := tree[path.Calls()]
	return mod == nil || mod.TransformedOutputs[step[i+1:]]
}

// inlineWaiver turns an inline suppression into a waiver of one resource
// instance.
func inlineWaiver(s hclsrc.Suppression, address, file string) (waiver.Waiver, error) {
	source := fmt.Sprintf("%s:%d", file, s.Line)
	w := waiver.Waiver{
		Name:        "inline " + source,
		Rule:        s.Rule,
		Resource:    address,
		Exact:       true,
		Reason:      s.Reason,
		Owner:       s.Owner,
		Ticket:      s.Ticket,
		ExpiresText: s.Expires,
		Source:      source,
		InSource:    true,
	}
	if s.Expires != "" {
		expires, err := waiver.ParseExpiry(s.Expires)
		if err != nil {
			return w, fmt.Errorf("%s: %w", source, err)
		}
		w.Expires = expires
	}
	return w, nil
}

// staticModel returns a function that evaluates a plan's sources
// statically, once, with the plan's variables and clock (now, else the
// plan's timestamp, else the wall clock): what the sources say of values
// the plan leaves unknown. It returns nil when the evaluation fails, and
// for inputs other than plans.
func staticModel(m *model.Model, dir string, now time.Time) func() *model.Model {
	return sync.OnceValue(func() *model.Model {
		if m.Kind != model.KindPlan {
			return nil
		}
		opts := hclsrc.LoadOptions{Now: now}
		if t, err := time.Parse(time.RFC3339, m.Timestamp); err == nil && opts.Now.IsZero() {
			opts.Now = t
		}
		if opts.Now.IsZero() {
			opts.Now = time.Now()
		}
		opts.Values = m.Variables
		static, _, err := hclsrc.Load(dir, opts)
		if err != nil {
			return nil
		}
		return static
	})
}

// sourceCandidates reads from a plan's sources what the plan leaves out of
// a list of merged policy documents that is wholly unknown in it
// (model.Resource.Candidates): when such a list's expression reads more
// than the plan can resolve, the sources are evaluated with the plan's
// variables and clock, and each such data source takes the candidates the
// evaluation finds for it. An evaluation that fails sets nothing: those
// lists stay undecided.
func sourceCandidates(m *model.Model, static func() *model.Model) {
	if m.Kind != model.KindPlan {
		return
	}
	var wanted []*model.Resource
	for _, r := range m.Resources {
		if r.Mode != "data" || r.Type != "aws_iam_policy_document" {
			continue
		}
		for _, attr := range model.DocumentLists {
			if _, done := r.Candidates[attr]; !done && slices.Contains(r.Unknown, attr) {
				wanted = append(wanted, r)
				break
			}
		}
	}
	if len(wanted) == 0 {
		return
	}
	sm := static()
	if sm == nil {
		return
	}
	found := map[string]map[string][]string{}
	for _, r := range sm.Resources {
		if r.Candidates != nil {
			found[r.Address] = r.Candidates
		}
	}
	for _, r := range wanted {
		for attr, docs := range found[r.Address] {
			if _, done := r.Candidates[attr]; done || !slices.Contains(r.Unknown, attr) {
				continue
			}
			if r.Candidates == nil {
				r.Candidates = map[string][]string{}
			}
			r.Candidates[attr] = docs
		}
	}
}

// emptyDynamicBlocks takes out of a plan's resources' configured
// arguments the blocks written as dynamic blocks (which a plan's
// configuration does not show; locate lists them) that the
// sources, evaluated with the plan's variables, expand to nothing, when
// the plan leaves the block's value unknown: the provider computes such a
// block, as if the configuration did not write it (the s3-bucket module's
// access_control_policy on a bucket with a canned ACL). A block the
// evaluation does not show empty and known stays configured.
func emptyDynamicBlocks(m *model.Model, dynamic map[string][]string, static func() *model.Model) {
	if m.Kind != model.KindPlan || len(dynamic) == 0 {
		return
	}
	var byAddress map[string]*model.Resource
	for _, r := range m.Resources {
		for _, name := range dynamic[r.Address] {
			if !slices.Contains(r.Unknown, name) {
				continue
			}
			if byAddress == nil {
				sm := static()
				if sm == nil {
					return
				}
				byAddress = map[string]*model.Resource{}
				for _, sr := range sm.Resources {
					byAddress[sr.Address] = sr
				}
			}
			sr := byAddress[r.Address]
			if sr == nil || !expandsToNothing(sr, name) {
				continue
			}
			r.Configured = slices.DeleteFunc(slices.Clone(r.Configured), func(c string) bool { return c == name })
		}
	}
}

// expandsToNothing reports whether a statically evaluated resource's
// block is known and empty.
func expandsToNothing(r *model.Resource, name string) bool {
	for _, u := range r.Unknown {
		if u == name || strings.HasPrefix(u, name+".") || strings.HasPrefix(u, name+"[") {
			return false
		}
	}
	switch v := r.Values[name].(type) {
	case nil:
		_, present := r.Values[name]
		return !present || v == nil
	case []any:
		return len(v) == 0
	}
	return false
}
