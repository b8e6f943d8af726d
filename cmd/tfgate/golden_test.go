package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenReports checks the JSON report of every fixture plan against
// its golden file, semantically, and that a second run is byte-identical.
func TestGoldenReports(t *testing.T) {
	tests := []struct {
		name, input string
		code        int
	}{
		{"foundation-prod", "../../testdata/foundation/environments/prod/plan.json", exitPass},
		{"foundation-prod-noncompliant", "../../testdata/foundation/environments/prod-noncompliant/plan.json", exitFail},
		// The two cases are about encryption only: they lack public
		// access blocks and versioning, so they fail the gate.
		{"s3-encryption-unknown", "../../testdata/cases/s3-encryption-unknown/plan.json", exitFail},
		{"s3-encryption-module", "../../testdata/cases/s3-encryption-module/plan.json", exitFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkJSON(t, tt.input, tt.code)
			if again := checkJSON(t, tt.input, tt.code); !bytes.Equal(got, again) {
				t.Fatal("two runs on the same input gave different reports")
			}
			golden := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			var gotV, wantV any
			if err := json.Unmarshal(got, &gotV); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &wantV); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantV, gotV); diff != "" {
				t.Errorf("report differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func checkJSON(t *testing.T, input string, wantCode int) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--format", "json", input}, &stdout, &stderr); code != wantCode {
		t.Fatalf("exit code %d, want %d; stderr: %s", code, wantCode, stderr.String())
	}
	return stdout.Bytes()
}

// TestRulesDocIsCurrent fails when docs/rules.md no longer matches the
// rules' METADATA; `make docs` regenerates it.
func TestRulesDocIsCurrent(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--format", "markdown"}, &stdout, &stderr); code != exitPass {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), stdout.String()); diff != "" {
		t.Errorf("docs/rules.md is stale; run make docs (-file +generated):\n%s", diff)
	}
}

// TestExamplePolicies keeps the authoring guide's example working: its
// tests pass and it joins a check.
func TestExamplePolicies(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"test", "../../examples/policies"}, &stdout, &stderr); code != exitPass {
		t.Fatalf("tfgate test: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	code := run([]string{"check", "--format", "json", "--policy", "../../examples/policies", "../../testdata/foundation/environments/prod/plan.json"}, &stdout, &stderr)
	if code != exitFail {
		t.Fatalf("check: exit %d, want %d (the fixture has no Owner tags): %s", code, exitFail, stderr.String())
	}
	if !bytes.Contains(stdout.Bytes(), []byte(`"rule": "acme-owner-tag"`)) {
		t.Error("the example rule produced no results")
	}
}

// TestPostApplyState checks the state the compliant plan leaves behind. A
// state records no time, so the clock is the plan's: the break-glass grant
// it creates lasts three hours from then, and must be live.
func TestPostApplyState(t *testing.T) {
	data, err := os.ReadFile("../../testdata/foundation/environments/prod/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Timestamp string `json:"timestamp"`
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--now", plan.Timestamp, "../../testdata/foundation/environments/prod/state.json"}, &stdout, &stderr)
	if code != exitPass {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{
		"state ../../testdata/foundation/environments/prod/state.json: 50 resources (terraform 1.11.4), post-apply verification\n",
		"PASS: 0 failed (0 blocking), 0 unknown (0 blocking), 0 waived, 111 passed",
	} {
		if !bytes.Contains(stdout.Bytes(), []byte(want)) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestAllFormatsFromOneRun writes every format from one evaluation of the
// noncompliant fixture: the SARIF validates against the official schema
// with every result at a .tf file and line, the JUnit validates against
// its schema (with xmllint, when installed), and the JSON agrees.
func TestAllFormatsFromOneRun(t *testing.T) {
	dir := t.TempDir()
	args := []string{"check", "-q"}
	for _, f := range []string{"json", "sarif", "junit", "markdown", "github", "text"} {
		args = append(args, "--report", f+"="+filepath.Join(dir, "report."+f))
	}
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "../../testdata/foundation/environments/prod-noncompliant/plan.json"), &stdout, &stderr); code != exitFail {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	read := func(f string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, "report."+f))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	schemaFile, err := os.Open("../../internal/report/testdata/schemas/sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	sarif, err := jsonschema.UnmarshalJSON(bytes.NewReader(read("sarif")))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(sarif); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(read("sarif"), &log); err != nil {
		t.Fatal(err)
	}
	var report struct {
		Summary struct{ Failed int } `json:"summary"`
	}
	if err := json.Unmarshal(read("json"), &report); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != report.Summary.Failed {
		t.Errorf("SARIF has %d results, the JSON report %d failures", len(results), report.Summary.Failed)
	}
	for _, r := range results {
		loc := r.Locations[0].PhysicalLocation
		if !strings.HasSuffix(loc.ArtifactLocation.URI, ".tf") {
			t.Errorf("%s is located at %s, not a .tf file", r.RuleID, loc.ArtifactLocation.URI)
		}
		if loc.Region.StartLine < 1 {
			t.Errorf("%s has no line", r.RuleID)
		}
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		out, err := exec.Command(xmllint, "--noout", "--schema", "../../internal/report/testdata/schemas/junit.xsd", filepath.Join(dir, "report.junit")).CombinedOutput()
		if err != nil {
			t.Errorf("JUnit does not validate: %v\n%s", err, out)
		}
	}
	for _, f := range []string{"markdown", "github", "text"} {
		if len(read(f)) == 0 {
			t.Errorf("%s report is empty", f)
		}
	}
}

// TestRedactionInEveryFormat checks a real plan in which a sensitive
// variable feeds a description, tags and a parameter value, with a rule
// that copies those values into its messages: no format prints the secret.
func TestRedactionInEveryFormat(t *testing.T) {
	const secret = "TOPSECRET"
	input := "../../testdata/cases/redaction/plan.json"
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(secret)) {
		t.Fatalf("the fixture no longer holds %s; the test proves nothing", secret)
	}
	inputs := map[string][]string{
		"plan": {input},
		"hcl":  {"--var-file", "../../testdata/cases/redaction/tfvars.example", "../../testdata/cases/redaction"},
	}
	for _, format := range []string{"text", "json", "sarif", "junit", "markdown", "github"} {
		for kind, in := range inputs {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"check", "--format", format, "--policy", "testdata/leaky"}, in...), &stdout, &stderr)
			if code == exitError {
				t.Fatalf("%s %s: exit %d: %s", kind, format, code, stderr.String())
			}
			if bytes.Contains(stdout.Bytes(), []byte(secret)) || bytes.Contains(stderr.Bytes(), []byte(secret)) {
				t.Errorf("%s report of the %s input leaks the secret", format, kind)
			}
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"check", "--format", format, "--policy", "testdata/leaky", input}, &stdout, &stderr)
		if code == exitError {
			t.Fatalf("%s: exit %d: %s", format, code, stderr.String())
		}
		if bytes.Contains(stdout.Bytes(), []byte(secret)) || bytes.Contains(stderr.Bytes(), []byte(secret)) {
			t.Errorf("%s report leaks the secret", format)
		}
		if format == "json" && !bytes.Contains(stdout.Bytes(), []byte("(sensitive value)")) {
			t.Errorf("json report does not show the redaction marker")
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"inspect", input}, &stdout, &stderr); code != exitPass {
		t.Fatalf("inspect: exit %d: %s", code, stderr.String())
	}
	if bytes.Contains(stdout.Bytes(), []byte(secret)) {
		t.Error("inspect leaks the secret")
	}
}

// TestSeveralInputsAreDeterministic checks several inputs at once: the
// report lists them in the order given, and is byte-identical whatever
// GOMAXPROCS is (the inputs are checked concurrently).
func TestSeveralInputsAreDeterministic(t *testing.T) {
	inputs := []string{
		"../../testdata/foundation/environments/prod-noncompliant/plan.json",
		"../../testdata/cases/aws-kms-rotation-cases/plan.json",
		"../../testdata/foundation/environments/prod/state.json",
		"../../testdata/foundation/environments/prod/plan.json",
	}
	runWith := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var stdout, stderr bytes.Buffer
		args := append([]string{"check", "--format", "json", "--now", "2026-11-28T12:00:00Z"}, inputs...)
		if code := run(args, &stdout, &stderr); code != exitFail {
			t.Fatalf("GOMAXPROCS=%d: exit %d: %s", procs, code, stderr.String())
		}
		return stdout.Bytes()
	}
	one := runWith(1)
	for _, procs := range []int{2, 4, 8} {
		if got := runWith(procs); !bytes.Equal(one, got) {
			t.Fatalf("GOMAXPROCS=%d gives a different report than GOMAXPROCS=1", procs)
		}
	}
	var report struct {
		Inputs []struct{ Path string } `json:"inputs"`
	}
	if err := json.Unmarshal(one, &report); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range report.Inputs {
		got = append(got, in.Path)
	}
	if diff := cmp.Diff(inputs, got); diff != "" {
		t.Errorf("inputs out of order (-want +got):\n%s", diff)
	}
	// A bad input among good ones is exit 2 naming the first bad one.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", inputs[0], "missing-a.json", "missing-b.json"}, &stdout, &stderr); code != exitError || !strings.Contains(stderr.String(), "missing-a.json") || stdout.Len() != 0 {
		t.Errorf("exit %d, stderr %q, stdout %d bytes", code, stderr.String(), stdout.Len())
	}
}

// TestCheckRestoresGOGC: a check raises GOGC while its rules run and gives
// the process its own setting back.
func TestCheckRestoresGOGC(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set, so the check leaves the collector alone")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "../../testdata/foundation/environments/prod/plan.json"}, &stdout, &stderr); code == exitError {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got := debug.SetGCPercent(77); got != 77 {
		t.Errorf("GOGC after the check = %d, want 77", got)
	}
}

// TestChangedOnlyCountsLinkedChanges: with --changed-only, a failure
// blocks when the change touches its subject or a resource linked to it;
// a failure the change does not touch does not.
func TestChangedOnlyCountsLinkedChanges(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--changed-only", "--format", "json", "../../testdata/cases/changed-only-linked/plan.json"}, &stdout, &stderr)
	if code != exitFail {
		t.Fatalf("exit %d, want %d: %s", code, exitFail, stderr.String())
	}
	var report struct {
		Results []struct {
			Rule, Resource string
			Blocking       bool
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]bool{
		{"aws-s3-public-access-block", "aws_s3_bucket.loosened"}: true,
		{"aws-s3-public-access-block", "aws_s3_bucket.stripped"}: true,
		{"aws-iam-admin-wildcard", "aws_iam_role.ops"}:           true,
		{"aws-s3-public-access-block", "aws_s3_bucket.old"}:      false,
	}
	for _, r := range report.Results {
		if blocking, ok := want[[2]string{r.Rule, r.Resource}]; ok {
			if r.Blocking != blocking {
				t.Errorf("%s on %s: blocking %v, want %v", r.Rule, r.Resource, r.Blocking, blocking)
			}
			delete(want, [2]string{r.Rule, r.Resource})
		}
	}
	for k := range want {
		t.Errorf("no result for %s on %s", k[0], k[1])
	}
}

// TestReportFilesTakeTheUmask: a report file is made with mode 0666 less
// the umask, as any file the user's tools write, so that a CI step running
// as another user can read it.
func TestReportFilesTakeTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	out := filepath.Join(t.TempDir(), "report.sarif")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--format", "sarif", "-o", out, "../../testdata/foundation/environments/prod/plan.json"}, &stdout, &stderr); code == exitError {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o644 {
		t.Errorf("report mode %o, want 644", got)
	}
}
