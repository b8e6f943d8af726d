// Package benchplan makes large plans for benchmarks out of a real one.
package benchplan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Synthesise repeats a plan's resource instances under module.copy["N"]
// until there are at least n of them. The configuration, prior state and
// planned values are wrapped to match and every name ("acme-…") is made
// unique per copy, so the linker follows the same references at every
// copy and a check finds the same results at every copy.
func Synthesise(data []byte, n int) ([]byte, error) {
	var plan map[string]any
	if err := json.Unmarshal(data, &plan); err != nil {
		return nil, err
	}
	changes, _ := plan["resource_changes"].([]any)
	if len(changes) == 0 {
		return nil, fmt.Errorf("base plan has no resource changes")
	}
	copies := (n + len(changes) - 1) / len(changes)
	prefix := func(i int) string { return fmt.Sprintf("module.copy[%q]", fmt.Sprint(i)) }

	var newChanges []any
	for i := range copies {
		for _, c := range changes {
			rc := rename(c, i).(map[string]any)
			rc["address"] = prefix(i) + "." + rc["address"].(string)
			if ma, ok := rc["module_address"].(string); ok {
				rc["module_address"] = prefix(i) + "." + ma
			} else {
				rc["module_address"] = prefix(i)
			}
			newChanges = append(newChanges, rc)
		}
	}
	plan["resource_changes"] = newChanges
	wrapValues := func(values any) {
		v, ok := values.(map[string]any)
		if !ok {
			return
		}
		root, ok := v["root_module"].(map[string]any)
		if !ok {
			return
		}
		var children []any
		for i := range copies {
			children = append(children, rebase(rename(root, i).(map[string]any), prefix(i)))
		}
		v["root_module"] = map[string]any{"child_modules": children}
	}
	wrapValues(plan["planned_values"])
	if prior, ok := plan["prior_state"].(map[string]any); ok {
		wrapValues(prior["values"])
	}
	if cfg, ok := plan["configuration"].(map[string]any); ok {
		cfg["root_module"] = map[string]any{"module_calls": map[string]any{"copy": map[string]any{
			"source":              "./copy",
			"for_each_expression": map[string]any{"references": []any{"var.copies"}},
			"module":              cfg["root_module"],
		}}}
	}
	delete(plan, "variables")
	delete(plan, "relevant_attributes")
	return json.Marshal(plan)
}

// rebase copies a state module, putting it and its resources under prefix.
func rebase(mod map[string]any, prefix string) map[string]any {
	out := shallow(mod)
	if addr, ok := mod["address"].(string); ok {
		out["address"] = prefix + "." + addr
	} else {
		out["address"] = prefix
	}
	if rs, ok := mod["resources"].([]any); ok {
		list := make([]any, len(rs))
		for i, r := range rs {
			rr := shallow(r)
			rr["address"] = prefix + "." + rr["address"].(string)
			list[i] = rr
		}
		out["resources"] = list
	}
	if cs, ok := mod["child_modules"].([]any); ok {
		list := make([]any, len(cs))
		for i, c := range cs {
			list[i] = rebase(c.(map[string]any), prefix)
		}
		out["child_modules"] = list
	}
	return out
}

// rename deep-copies a value, giving every name its copy's own prefix
// ("acme-" becomes "acme7-"), as real resources have unique names.
func rename(v any, copy int) any {
	switch x := v.(type) {
	case string:
		return strings.ReplaceAll(x, "acme-", fmt.Sprintf("acme%d-", copy))
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = rename(e, copy)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = rename(e, copy)
		}
		return out
	}
	return v
}

func shallow(v any) map[string]any {
	m := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[k] = e
	}
	return out
}

// SynthesiseSources writes under out a configuration equivalent to what
// Synthesise makes of the plan of env: a root module that calls env (a
// Terraform root with its modules under modules, called as
// ../../modules/NAME) copies times as module "copy", for_each over "0" to
// "copies-1", with the variable assignments of the file vars as its
// inputs. The directory check of out then meets what the plan check of a
// synthesised plan meets.
func SynthesiseSources(out, env, modules, vars string, copies int) error {
	assignments, err := os.ReadFile(vars)
	if err != nil {
		return err
	}
	var keys []string
	for i := range copies {
		keys = append(keys, fmt.Sprintf("%q", fmt.Sprint(i)))
	}
	root := fmt.Sprintf("module \"copy\" {\n  source   = \"./env\"\n  for_each = toset([%s])\n\n%s\n}\n", strings.Join(keys, ", "), assignments)
	if err := os.MkdirAll(filepath.Join(out, "env"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "main.tf"), []byte(root), 0o644); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(env, "*.tf"))
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "backend \"") || strings.Contains(string(data), "required_providers") {
			continue // settings of a root module only
		}
		text := strings.ReplaceAll(string(data), "../../modules/", "../modules/")
		if err := os.WriteFile(filepath.Join(out, "env", filepath.Base(f)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return os.CopyFS(filepath.Join(out, "modules"), os.DirFS(modules))
}
