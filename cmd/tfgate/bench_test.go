package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The benchmarks run the whole check on plans synthesised from the real
// noncompliant foundation plan: its 45 resource instances repeated under
// module.copy["N"] until there are at least n of them, with the
// configuration, prior state and planned values wrapped to match, so the
// linker follows the same references at every copy.
//
//	go test -run '^$' -bench . -benchmem ./cmd/tfgate
//
// BenchmarkDecodeAny is the lower bound: encoding/json decoding the same
// file into interface{}.

const basePlan = "../../testdata/foundation/environments/prod-noncompliant/plan.json"

var synthesised sync.Map // size -> path

func largePlan(b *testing.B, n int) string {
	b.Helper()
	if p, ok := synthesised.Load(n); ok {
		return p.(string)
	}
	data, err := os.ReadFile(basePlan)
	if err != nil {
		b.Fatal(err)
	}
	out, err := synthesise(data, n)
	if err != nil {
		b.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "tfgate-bench")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("plan-%d.json", n))
	if err := os.WriteFile(path, out, 0o644); err != nil {
		b.Fatal(err)
	}
	synthesised.Store(n, path)
	return path
}

// synthesise repeats a plan's resources until there are at least n.
func synthesise(data []byte, n int) ([]byte, error) {
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

func benchmarkCheck(b *testing.B, n int) {
	path := largePlan(b, n)
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"check", "--format", "json", path}, io.Discard, io.Discard); code != exitFail {
			b.Fatalf("exit code %d, want %d", code, exitFail)
		}
	}
}

func benchmarkDecodeAny(b *testing.B, n int) {
	path := largePlan(b, n)
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	b.ResetTimer()
	for b.Loop() {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck1k(b *testing.B)      { benchmarkCheck(b, 1000) }
func BenchmarkCheck10k(b *testing.B)     { benchmarkCheck(b, 10000) }
func BenchmarkDecodeAny1k(b *testing.B)  { benchmarkDecodeAny(b, 1000) }
func BenchmarkDecodeAny10k(b *testing.B) { benchmarkDecodeAny(b, 10000) }

// TestSynthesisedPlanIsChecked keeps the generator honest: a synthesised
// plan of three copies has three times the base plan's results of each
// status.
func TestSynthesisedPlanIsChecked(t *testing.T) {
	data, err := os.ReadFile(basePlan)
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		ResourceChanges []any `json:"resource_changes"`
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	out, err := synthesise(data, 3*len(plan.ResourceChanges))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	summary := func(path string) map[string]int {
		var stdout, stderr strings.Builder
		if code := run([]string{"check", "--format", "json", path}, &stdout, &stderr); code != exitFail {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		var report struct {
			Results []struct{ Resource, Status string } `json:"results"`
		}
		if err := json.Unmarshal([]byte(stdout.String()), &report); err != nil {
			t.Fatal(err)
		}
		// Results about the plan as a whole and the backend (read from the
		// base plan's folder only) are not repeated.
		counts := map[string]int{}
		for _, r := range report.Results {
			if r.Resource != "plan" && r.Resource != "backend" {
				counts[r.Status]++
			}
		}
		return counts
	}
	base, copies := summary(basePlan), summary(path)
	for k, n := range base {
		if copies[k] != 3*n {
			t.Errorf("%s: %d in three copies, want 3 × %d", k, copies[k], n)
		}
	}
}
