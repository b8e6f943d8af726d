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

	"github.com/tfgate/tfgate/internal/benchplan"
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
	out, err := benchplan.Synthesise(data, n)
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
func BenchmarkCheck50k(b *testing.B)     { benchmarkCheck(b, 50000) }
func BenchmarkDecodeAny1k(b *testing.B)  { benchmarkDecodeAny(b, 1000) }
func BenchmarkDecodeAny10k(b *testing.B) { benchmarkDecodeAny(b, 10000) }
func BenchmarkDecodeAny50k(b *testing.B) { benchmarkDecodeAny(b, 50000) }

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
	out, err := benchplan.Synthesise(data, 3*len(plan.ResourceChanges))
	if err != nil {
		t.Fatal(err)
	}
	// Both plans are checked away from the sources, which the copies'
	// addresses do not match.
	dir := t.TempDir()
	path, base := filepath.Join(dir, "plan.json"), filepath.Join(dir, "base.json")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base, data, 0o644); err != nil {
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
	once, copies := summary(base), summary(path)
	for k, n := range once {
		if copies[k] != 3*n {
			t.Errorf("%s: %d in three copies, want 3 × %d", k, copies[k], n)
		}
	}
}

// The directory benchmarks check the sources equivalent to the synthesised
// plans (benchplan.SynthesiseSources): the noncompliant foundation called
// as module.copy["N"], each copy with its own modules, so that the
// directory check of BenchmarkCheckDir10k meets the configuration whose
// plan BenchmarkCheck10k checks.

var synthesisedDirs sync.Map // copies -> directory

func largeDir(b *testing.B, copies int) string {
	b.Helper()
	if p, ok := synthesisedDirs.Load(copies); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "tfgate-bench-dir")
	if err != nil {
		b.Fatal(err)
	}
	env := "../../testdata/foundation/environments/prod-noncompliant"
	if err := benchplan.SynthesiseSources(dir, env, "../../testdata/foundation/modules", filepath.Join(env, "tfvars.example"), copies); err != nil {
		b.Fatal(err)
	}
	synthesisedDirs.Store(copies, dir)
	return dir
}

// copiesFor is how many copies of the foundation make about n resource
// instances: as many as Synthesise makes of the base plan.
func copiesFor(b testing.TB, n int) int {
	data, err := os.ReadFile(basePlan)
	if err != nil {
		b.Fatal(err)
	}
	var plan struct {
		ResourceChanges []any `json:"resource_changes"`
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		b.Fatal(err)
	}
	return (n + len(plan.ResourceChanges) - 1) / len(plan.ResourceChanges)
}

func benchmarkCheckDir(b *testing.B, n int) {
	dir := largeDir(b, copiesFor(b, n))
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"check", "--format", "json", "--allow-incomplete", dir}, io.Discard, io.Discard); code != exitFail {
			b.Fatalf("exit code %d, want %d", code, exitFail)
		}
	}
}

func BenchmarkCheckDir1k(b *testing.B)  { benchmarkCheckDir(b, 1000) }
func BenchmarkCheckDir10k(b *testing.B) { benchmarkCheckDir(b, 10000) }
