package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
)

// TestSARIFStreamsTheWholeDocument holds the streamed SARIF to the bytes
// of encoding the whole document at once.
func TestSARIFStreamsTheWholeDocument(t *testing.T) {
	only := func(status gate.Status) *Report {
		r := sample()
		var kept []gate.Result
		for _, res := range r.Results {
			if res.Status == status {
				kept = append(kept, res)
			}
		}
		r.Results = kept
		r.Summary = r.Policy.Summarize(r.Results)
		return r
	}
	warned := sample()
	warned.Warnings = []string{`skipped <module> "x" & more`}
	none := sample()
	none.Results = nil
	none.Summary = none.Policy.Summarize(nil)
	for name, r := range map[string]*Report{
		"sample":      sample(),
		"warnings":    warned,
		"no results":  none,
		"passes only": only(gate.Pass),
		"fails only":  only(gate.Fail),
		"waived only": only(gate.Waived),
	} {
		t.Run(name, func(t *testing.T) {
			got := write(t, "sarif", r)
			r := displayable(r)
			choice := sarifChoose(r)
			run, index := sarifEnvelope(r, choice)
			for i, res := range r.Results {
				if res.Status == gate.Pass {
					run.Properties.Passes = append(run.Properties.Passes, sarifCheck{Rule: res.Rule.ID, Resource: res.Resource, Input: res.Input})
				} else if choice.kept[i] {
					run.Results = append(run.Results, sarifResultOf(r, res, index[res.Rule]))
				}
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("streamed SARIF differs from the whole document:\n got %s\nwant %s", got, want.Bytes())
			}
		})
	}
}

// TestSARIFRefusesUnknownRulesBeforeWriting: a result of a rule outside
// the catalogue is an error, and no partial document is written.
func TestSARIFRefusesUnknownRulesBeforeWriting(t *testing.T) {
	r := sample()
	stray := r.Results[len(r.Results)-1]
	stray.Rule = &gate.Rule{ID: "not-in-catalogue"}
	stray.Status = gate.Fail
	for range 2000 { // more than a write buffer's worth before the stray one
		r.Results = append(r.Results, r.Results[0])
	}
	r.Results = append(r.Results, stray)
	var b bytes.Buffer
	if err := Write(&b, "sarif", r, Options{}); err == nil {
		t.Fatal("no error for a result of a rule outside the catalogue")
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes before failing", b.Len())
	}
}

// decodeSARIF reads a written SARIF log back.
func decodeSARIF(t *testing.T, data []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// TestSARIFPlacesFilesInTheRepository: with a repository root, every
// file is relative to it (under the SRCROOT base id), whatever directory
// the check ran in; a file outside it is an absolute file URI; the
// category becomes the automation id; the log stays valid.
func TestSARIFPlacesFilesInTheRepository(t *testing.T) {
	r := sample()
	r.BaseDir = "/src/repo"
	r.WorkDir = "/src/repo/environments/prod"
	r.Inputs[0].Path, r.Inputs[0].SourceDir = "plan.json", "."
	for i := range r.Results {
		r.Results[i].Input = "plan.json"
	}
	r.Results[len(r.Results)-2].Location = &model.Location{File: "../../../shared/s3.tf", StartLine: 1, EndLine: 3}
	r.Category = "prod"
	data := write(t, "sarif", r)
	schema := compileSchema(t, "testdata/schemas/sarif-2.1.0.json")
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF with a root does not validate: %v", err)
	}
	run := decodeSARIF(t, data).Runs[0]
	if got, want := run.BaseIDs[sarifRoot].URI, "file:///src/repo/"; got != want {
		t.Errorf("originalUriBaseIds %s = %q, want %q", sarifRoot, got, want)
	}
	if run.AutomationDetails == nil || run.AutomationDetails.ID != "prod/" {
		t.Errorf("automationDetails = %+v, want id prod/", run.AutomationDetails)
	}
	got := map[string]sarifArtifact{}
	for _, res := range run.Results {
		got[res.Locations[0].LogicalLocations[0].FullyQualifiedName] = res.Locations[0].PhysicalLocation.ArtifactLocation
		for _, rel := range res.RelatedLocations {
			if rel.PhysicalLocation != nil {
				got["related "+rel.Message.Text] = rel.PhysicalLocation.ArtifactLocation
			}
		}
	}
	want := map[string]sarifArtifact{
		"aws_cloudtrail.main":                       {URI: "environments/prod/main.tf", URIBaseID: sarifRoot},
		"aws_s3_bucket.new":                         {URI: "environments/prod/plan.json", URIBaseID: sarifRoot},
		`module.store["logs"].aws_s3_bucket.this`:   {URI: "modules/s3/main.tf", URIBaseID: sarifRoot},
		"aws_s3_bucket.legacy":                      {URI: "file:///src/shared/s3.tf"},
		"plan":                                      {URI: "environments/prod/plan.json", URIBaseID: sarifRoot},
		"related aws_cloudtrail_event_data_store.x": {URI: "environments/prod/trail.tf", URIBaseID: sarifRoot},
		`related module call 1 of 1 of module.store["logs"].aws_s3_bucket.this`: {URI: "environments/prod/main.tf", URIBaseID: sarifRoot},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("artifact locations (-want +got):\n%s", diff)
	}
	// GitHub annotations name the same files.
	annotations := string(write(t, "github", r))
	for _, file := range []string{"file=environments/prod/main.tf,line=12", "file=modules/s3/main.tf,line=4", "file=environments/prod/plan.json,title="} {
		if !strings.Contains(annotations, file) {
			t.Errorf("annotations lack %q:\n%s", file, annotations)
		}
	}
}

// TestSARIFResultRules holds the SARIF results to what code scanning and
// the SARIF specification need of them.
func TestSARIFResultRules(t *testing.T) {
	r := sample()
	r.Results = append(r.Results, gate.Result{Rule: r.Rules[1], Input: "env/prod/plan.json", Resource: `aws_s3_bucket.b["x"]`, ResourceType: "aws_s3_bucket", Status: gate.Waived, Message: "no encryption",
		Waiver: &gate.Waiver{Name: "inline main.tf:3", Reason: "scratch bucket", Source: "main.tf:3", InSource: true}})
	custom := &gate.Rule{ID: "org-tags", Title: "Tags", Severity: gate.SeverityLow, Enforcement: gate.Advisory, References: []gate.Reference{{URL: "file:///etc/passwd"}, {URL: "https://wiki.example.com/tags"}}}
	bare := &gate.Rule{ID: "org-names", Title: "Names", Severity: gate.SeverityLow, Enforcement: gate.Advisory}
	r.Rules = append(r.Rules, custom, bare)
	r.Summary = r.Policy.Summarize(r.Results)
	run := decodeSARIF(t, write(t, "sarif", r)).Runs[0]
	for _, res := range run.Results {
		name := res.Locations[0].LogicalLocations[0].FullyQualifiedName
		if !strings.Contains(res.Message.Text, name) {
			t.Errorf("%s: message %q does not name the instance", name, res.Message.Text)
		}
		if res.Kind != "fail" && res.Level != "none" {
			t.Errorf("%s: kind %s with level %s; SARIF 3.27.9 wants none", name, res.Kind, res.Level)
		}
		switch name {
		case "aws_s3_bucket.legacy":
			if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "external" {
				t.Errorf("a .tfgate.hcl waiver: suppressions %+v, want one external", res.Suppressions)
			}
		case `aws_s3_bucket.b["x"]`:
			if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "inSource" {
				t.Errorf("an inline waiver: suppressions %+v, want one inSource", res.Suppressions)
			}
		}
	}
	help := map[string]string{}
	for _, rule := range run.Tool.Driver.Rules {
		help[rule.ID] = rule.HelpURI
	}
	if help["aws-s3-encryption"] != rulesDocURL+"#aws-s3-encryption" || help["org-tags"] != "https://wiki.example.com/tags" || help["org-names"] != "" {
		t.Errorf("helpUri: built-in %q, declared %q, undeclared %q", help["aws-s3-encryption"], help["org-tags"], help["org-names"])
	}
	if run.Tool.Driver.SemanticVersion != "1.0.0" {
		t.Errorf("semanticVersion %q, want 1.0.0", run.Tool.Driver.SemanticVersion)
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3": "1.2.3", "1.2.3-rc.1": "1.2.3-rc.1", "v0.0.0-20261202101500-abcdef012345+dirty": "0.0.0-20261202101500-abcdef012345+dirty",
		"dev": "", "v1.2": "", "v01.2.3": "", "1.2.x": "",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestSARIFKeepsWhatBlocksWithinTheLimit: past code scanning's 5000
// results a run keeps the blocking failures first, says how many it left
// out, and never loses a blocking one to an advisory one.
func TestSARIFKeepsWhatBlocksWithinTheLimit(t *testing.T) {
	r := sample()
	advisory, blocking := r.Results[5], r.Results[0] // tf-change-ticket (advisory), aws-cloudtrail-logging
	r.Policy.FailOn = gate.SeverityCritical
	var results []gate.Result
	for i := range 3000 {
		a := advisory
		a.Resource = fmt.Sprintf("plan%d", i)
		b := blocking
		b.Resource = fmt.Sprintf("aws_cloudtrail.t%d", i)
		results = append(results, a, b)
	}
	r.Results = results
	r.Summary = r.Policy.Summarize(r.Results)
	run := decodeSARIF(t, write(t, "sarif", r)).Runs[0]
	if len(run.Results) != sarifMaxResults {
		t.Fatalf("%d results, want %d", len(run.Results), sarifMaxResults)
	}
	blockingKept := 0
	for _, res := range run.Results {
		if res.RuleID == blocking.Rule.ID {
			blockingKept++
		}
	}
	if blockingKept != 3000 {
		t.Errorf("kept %d blocking failures of 3000", blockingKept)
	}
	notes := run.Invocations[0].Notifications
	if last := notes[len(notes)-1]; last.Level != "warning" || !strings.HasPrefix(last.Message.Text, "1000 results (0 of them blocking) are not in this file") {
		t.Errorf("last notification %+v", last)
	}
	if run.Properties.Failed != 6000 {
		t.Errorf("the run's properties count %d failures, want all 6000", run.Properties.Failed)
	}
}
