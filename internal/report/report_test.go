package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sample is a small report with every status, located and unlocated
// results, a waiver, a warning and a destructive plan.
func sample() *Report {
	encryption := &gate.Rule{ID: "aws-s3-encryption", Title: "S3 buckets have a server-side encryption configuration", Description: "Every bucket needs default encryption.", Severity: gate.SeverityHigh, Enforcement: gate.SoftMandatory, Builtin: true, ResourceTypes: []string{"aws_s3_bucket"}, Remediation: "Add an encryption configuration.", References: []gate.Reference{{URL: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html", Description: "Amazon S3 default encryption"}}}
	logging := &gate.Rule{ID: "aws-cloudtrail-logging", Title: "CloudTrail trails keep logging", Description: "A trail must log.", Severity: gate.SeverityCritical, Enforcement: gate.HardMandatory, Builtin: true, ResourceTypes: []string{"aws_cloudtrail"}}
	ticket := &gate.Rule{ID: "tf-change-ticket", Title: "The change has a ticket", Severity: gate.SeverityLow, Enforcement: gate.Advisory, Builtin: true}
	loc := &model.Location{File: "main.tf", StartLine: 12, EndLine: 20}
	r := &Report{
		Tool:  Tool{Name: "tfgate", Version: "v1.0.0"},
		Rules: []*gate.Rule{logging, encryption, ticket},
		Inputs: []Input{{
			Kind: "plan", Path: "env/prod/plan.json", TerraformVersion: "1.11.4", FormatVersion: "1.2", Resources: 5, SourceDir: "env/prod",
			Changes: []Change{
				{Address: "aws_s3_bucket.new", Type: "aws_s3_bucket", Actions: []string{"create"}},
				{Address: "aws_cloudtrail.main", Type: "aws_cloudtrail", Actions: []string{"update"}},
				{Address: "aws_s3_bucket.old", Type: "aws_s3_bucket", Actions: []string{"delete"}},
				{Address: `aws_kms_key.k["a|b"]`, Type: "aws_kms_key", Actions: []string{"delete", "create"}},
			},
		}},
		Policy: gate.Policy{FailOn: gate.SeverityLow},
		Results: []gate.Result{
			{Rule: logging, Input: "env/prod/plan.json", Resource: "aws_cloudtrail.main", ResourceType: "aws_cloudtrail", Status: gate.Fail, Message: "logging is stopped, 100% off: see\nthe runbook", Location: loc, Changed: true,
				Related: []gate.Related{{Resource: "aws_cloudtrail_event_data_store.x", Location: &model.Location{File: "trail.tf", StartLine: 2, EndLine: 9}}, {Resource: "module.remote.aws_sns_topic.t"}}},
			{Rule: encryption, Input: "env/prod/plan.json", Resource: "aws_s3_bucket.new", ResourceType: "aws_s3_bucket", Status: gate.Unknown, Message: "the bucket is known only after apply", Changed: true},
			{Rule: encryption, Input: "env/prod/plan.json", Resource: "aws_s3_bucket.kept", ResourceType: "aws_s3_bucket", Status: gate.Pass},
			{Rule: encryption, Input: "env/prod/plan.json", Resource: `module.store["logs"].aws_s3_bucket.this`, ResourceType: "aws_s3_bucket", Status: gate.Fail, Message: "no encryption",
				Location: &model.Location{File: "../../modules/s3/main.tf", StartLine: 4, EndLine: 9}, Calls: []model.Location{{File: "main.tf", StartLine: 30, EndLine: 36}}, Changed: true},
			{Rule: encryption, Input: "env/prod/plan.json", Resource: "aws_s3_bucket.legacy", ResourceType: "aws_s3_bucket", Status: gate.Waived, Message: "no encryption", Location: &model.Location{File: "../../modules/s3/main.tf", StartLine: 1, EndLine: 3},
				Waiver: &gate.Waiver{Name: "legacy", Reason: "retired by CHG-1", Owner: "platform", Ticket: "CHG-1", Expires: "2026-12-31", Source: ".tfgate.hcl:3"}},
			{Rule: ticket, Input: "env/prod/plan.json", Resource: "plan", ResourceType: "terraform_plan", Status: gate.Fail, Message: "no change ticket was given (--ticket)", Changed: true},
		},
		Warnings: []string{".tfgate.hcl:3: waiver legacy expires on 2026-12-31, within 14 days"},
		ExitCode: 1,
	}
	r.Summary = r.Policy.Summarize(r.Results)
	r.Summary.Coverage = gate.Coverage{Present: 7, Judged: 5, Unjudged: []string{"aws_sns_topic"}}
	r.Summary.Incomplete = []string{`module.vpc: the module source "terraform-aws-modules/vpc/aws" is not installed, so its resources were not evaluated; run terraform init`}
	return r
}

func write(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden compares every format with its golden file: JSON and SARIF
// semantically, the others byte for byte, and checks that writing twice
// gives the same bytes.
func TestGolden(t *testing.T) {
	ext := map[string]string{"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "markdown": "md", "github": "txt", "gitlab": "json"}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			got := write(t, format, sample())
			if again := write(t, format, sample()); !bytes.Equal(got, again) {
				t.Fatal("two writes differ")
			}
			golden := filepath.Join("testdata", "golden", format+"."+ext[format])
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if format == "json" || format == "sarif" {
				var g, w any
				if err := json.Unmarshal(got, &g); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(w, g); diff != "" {
					t.Errorf("%s differs from %s (-want +got):\n%s", format, golden, diff)
				}
				return
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", format, golden, diff)
			}
		})
	}
}

// TestSARIFIsValid validates the SARIF against the official 2.1.0 schema
// and checks what GitHub code scanning needs: a location on every result.
func TestSARIFIsValid(t *testing.T) {
	schema := compileSchema(t, "testdata/schemas/sarif-2.1.0.json")
	data := write(t, "sarif", sample())
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != 5 {
		t.Fatalf("%d results, want 5 (passes go to the run's properties)", len(results))
	}
	for _, res := range results {
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI == "" || loc.Region.StartLine < 1 {
			t.Errorf("%s on %s has no usable location: %+v", res.RuleID, res.Locations[0].LogicalLocations, loc)
		}
		if res.PartialFingerprints["tfgate/v1"] == "" {
			t.Errorf("%s has no fingerprint", res.RuleID)
		}
	}
	if got := results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "env/prod/main.tf" {
		t.Errorf("located result at %q, want env/prod/main.tf", got)
	}
	if got := results[3].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "modules/s3/main.tf" {
		t.Errorf("waived result at %q, want modules/s3/main.tf", got)
	}
	if got := results[2].RelatedLocations; len(got) != 1 || got[0].PhysicalLocation.ArtifactLocation.URI != "env/prod/main.tf" || got[0].PhysicalLocation.Region.StartLine != 30 {
		t.Errorf("the module call of a result in a module: %+v", got)
	}
	if got := results[3].Suppressions; len(got) != 1 || got[0].Justification != "retired by CHG-1" {
		t.Errorf("waived result suppressions = %+v", got)
	}
	if got := log.Runs[0].Properties.Passes; len(got) != 1 || got[0].Resource != "aws_s3_bucket.kept" {
		t.Errorf("passes = %+v", got)
	}
}

// TestSARIFFingerprintsIgnoreLines: moving a block keeps its alert.
func TestSARIFFingerprintsIgnoreLines(t *testing.T) {
	a := sample()
	b := sample()
	b.Results[0].Location = &model.Location{File: "main.tf", StartLine: 40, EndLine: 48}
	var la, lb sarifLog
	if err := json.Unmarshal(write(t, "sarif", a), &la); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(write(t, "sarif", b), &lb); err != nil {
		t.Fatal(err)
	}
	if la.Runs[0].Results[0].PartialFingerprints["tfgate/v1"] != lb.Runs[0].Results[0].PartialFingerprints["tfgate/v1"] {
		t.Error("fingerprint changed with the line")
	}
}

func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// TestJUnitIsValid validates the JUnit XML against the JUnit schema with
// xmllint, when it is installed.
func TestJUnitIsValid(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (apt-get install libxml2-utils): JUnit schema validation skipped")
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, write(t, "junit", sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", "testdata/schemas/junit.xsd", file).CombinedOutput()
	if err != nil {
		t.Fatalf("JUnit does not validate: %v\n%s", err, out)
	}
}

func TestMarkdownStaysUnderTheCommentLimit(t *testing.T) {
	r := sample()
	rule := r.Rules[1]
	for i := range 3000 {
		r.Results = append(r.Results, gate.Result{Rule: rule, Input: "env/prod/plan.json", Resource: fmt.Sprintf("aws_s3_bucket.b%04d", i), ResourceType: "aws_s3_bucket", Status: gate.Fail, Message: "no server-side encryption configuration refers to this bucket", Changed: true})
	}
	r.Summary = r.Policy.Summarize(r.Results)
	out := string(write(t, "markdown", r))
	if len(out) >= commentLimit {
		t.Errorf("markdown is %d characters, over %d", len(out), commentLimit)
	}
	if !strings.Contains(out, "more results are left out to keep this comment under GitHub's 65536-character limit") {
		t.Error("truncation is not explained")
	}
	if !strings.Contains(out, "### Post-apply verification") {
		t.Error("the post-apply checklist was cut")
	}
}

func TestGitHubAnnotationLimits(t *testing.T) {
	r := sample()
	rule := r.Rules[0]
	for i := range 15 {
		r.Results = append(r.Results, gate.Result{Rule: rule, Input: "plan.json", Resource: fmt.Sprintf("aws_cloudtrail.t%d", i), Status: gate.Fail, Message: "m", Changed: true})
	}
	out := string(write(t, "github", r))
	if got := strings.Count(out, "::error "); got != 10 {
		t.Errorf("%d errors annotated, want 10", got)
	}
	if !strings.Contains(out, "::notice title=tfgate::8 more errors and 0 more warnings are not annotated") {
		t.Errorf("no overflow notice:\n%s", out)
	}
	if !strings.Contains(out, "logging is stopped, 100%25 off: see the runbook") {
		t.Errorf("message not escaped:\n%s", out)
	}
	if !strings.Contains(out, "title=aws-cloudtrail-logging (critical)%3A aws_cloudtrail.main") {
		t.Errorf("property not escaped:\n%s", out)
	}
}

// TestJSONIsOneDocument: the JSON report streams its results, so check
// that with none, one or many it is one valid document, indented exactly
// as encoding the whole of it would indent it.
func TestJSONIsOneDocument(t *testing.T) {
	full := sample()
	for _, n := range []int{0, 1, len(full.Results)} {
		r := *full
		r.Results = full.Results[:n]
		var buf bytes.Buffer
		if err := Write(&buf, "json", &r, Options{}); err != nil {
			t.Fatal(err)
		}
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, buf.Bytes()); err != nil {
			t.Fatalf("%d results: %v", n, err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		indented.WriteByte('\n')
		if !bytes.Equal(buf.Bytes(), indented.Bytes()) {
			t.Errorf("%d results: not canonically indented:\n%s", n, buf.String())
		}
		var doc struct{ Results []any }
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || len(doc.Results) != n {
			t.Errorf("%d results: decoded %d, %v", n, len(doc.Results), err)
		}
	}
}

// TestJUnitCasesAreUniqueAndOnlyBlockingOnesFail: every case's identity
// (classname and name) is unique, also across inputs, and a case fails
// exactly when its result fails the gate.
func TestJUnitCasesAreUniqueAndOnlyBlockingOnesFail(t *testing.T) {
	r := sample()
	r.Policy.FailOnUnknown = gate.HardMandatory
	second := r.Inputs[0]
	second.Path = "env/dev/plan.json"
	r.Inputs = append(r.Inputs, second)
	for _, res := range slices.Clone(r.Results) {
		res.Input = second.Path
		r.Results = append(r.Results, res)
	}
	r.Summary = r.Policy.Summarize(r.Results)
	var doc junitSuites
	if err := xml.Unmarshal(write(t, "junit", r), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	failed := 0
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			id := c.Classname + "\x00" + c.Name
			if seen[id] {
				t.Errorf("two cases are %s / %s", c.Classname, c.Name)
			}
			seen[id] = true
			if c.Failure != nil {
				failed++
			}
		}
	}
	if want := r.Summary.Blocking + r.Summary.BlockingUnknown; failed != want || doc.Failures != want {
		t.Errorf("%d failed cases, %d failures counted; want the %d blocking results", failed, doc.Failures, want)
	}
}

// TestGitLabIsValid validates the Code Quality report against the fields
// GitLab documents, and holds its fingerprints unique.
func TestGitLabIsValid(t *testing.T) {
	schema := compileSchema(t, "testdata/schemas/gitlab-codequality.json")
	r := sample()
	r.BaseDir, r.WorkDir = "/src/repo", "/src/repo"
	data := write(t, "gitlab", r)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the Code Quality report does not validate: %v", err)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(data, &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s twice", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	// Every failing and unknown result, and what was not evaluated.
	if want := r.Summary.Failed + r.Summary.Unknown + len(r.Summary.Incomplete); len(issues) != want {
		t.Errorf("%d issues, want %d", len(issues), want)
	}
}
