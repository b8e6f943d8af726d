package waiver

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/internal/gate"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		glob, address string
		want          bool
	}{
		{"aws_s3_bucket.logs", "aws_s3_bucket.logs", true},
		{"aws_s3_bucket.logs", "aws_s3_bucket.logs2", false},
		{"module.legacy.aws_s3_bucket.logs*", `module.legacy.aws_s3_bucket.logs["a"]`, true},
		{"module.legacy.*", "module.legacy.aws_kms_key.k", true},
		{`module.b["x"].*`, `module.b["x"].aws_s3_bucket.this`, true},
		{`module.b["x"].*`, `module.b["y"].aws_s3_bucket.this`, false},
		{"aws_s3_bucket.a[?]", "aws_s3_bucket.a[1]", true},
		{"aws_s3_bucket.a[?]", "aws_s3_bucket.a[10]", false},
		{"*", "anything", true},
		{"*.logs", "aws_s3_bucket.logs", true},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYc!", false},
		{"", "", true},
		{"", "x", false},
	}
	for _, tt := range tests {
		if got := Match(tt.glob, tt.address); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.glob, tt.address, got, tt.want)
		}
	}
}

func TestApply(t *testing.T) {
	soft := &gate.Rule{ID: "aws-s3-versioning", Enforcement: gate.SoftMandatory, Severity: gate.SeverityMedium}
	other := &gate.Rule{ID: "aws-kms-rotation", Enforcement: gate.SoftMandatory, Severity: gate.SeverityHigh}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	results := []gate.Result{
		{Rule: soft, Resource: "module.legacy.aws_s3_bucket.logs", Status: gate.Fail, Message: "m1"},
		{Rule: soft, Resource: "aws_s3_bucket.old", Status: gate.Fail, Message: "m2"},
		{Rule: soft, Resource: "aws_s3_bucket.fine", Status: gate.Pass},
		{Rule: other, Resource: "module.legacy.aws_kms_key.k", Status: gate.Fail, Message: "m3"},
	}
	waivers := []Waiver{
		{Name: "legacy", Rule: "aws-s3-versioning", Resource: "module.legacy.*", Reason: "retired", Owner: "platform", Ticket: "CHG-1", Expires: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ExpiresText: "2026-12-31", Source: ".tfgate.hcl:3"},
		{Name: "old", Rule: "aws-s3-versioning", Resource: "aws_s3_bucket.old", Reason: "r", Expires: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), ExpiresText: "2026-10-31", Source: ".tfgate.hcl:10"},
		{Name: "soon", Rule: "aws-s3-versioning", Resource: "aws_s3_bucket.fine", Reason: "r", Expires: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), ExpiresText: "2026-12-04", Source: ".tfgate.hcl:20"},
		{Name: "nothing", Rule: "aws-kms-rotation", Resource: "aws_kms_key.gone", Reason: "r", Source: ".tfgate.hcl:30"},
	}
	warnings := Apply(results, waivers, now)
	wantWarnings := []string{
		".tfgate.hcl:10: waiver old expired on 2026-10-31 and no longer applies",
		".tfgate.hcl:20: waiver soon expires on 2026-12-04, within 14 days",
		".tfgate.hcl:30: waiver nothing matches no result of aws-kms-rotation on aws_kms_key.gone",
	}
	if diff := cmp.Diff(wantWarnings, warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	type row struct {
		Status, Message, Waiver string
		Expired                 bool
	}
	var got []row
	for _, r := range results {
		x := row{Status: string(r.Status), Message: r.Message}
		if r.Waiver != nil {
			x.Waiver, x.Expired = r.Waiver.Name, r.Waiver.Expired
		}
		got = append(got, x)
	}
	want := []row{
		{Status: "waived", Message: "m1", Waiver: "legacy"},
		{Status: "fail", Message: "m2 (waiver old expired on 2026-10-31)", Waiver: "old", Expired: true},
		{Status: "pass"},
		{Status: "fail", Message: "m3"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestCheck(t *testing.T) {
	rules := []*gate.Rule{
		{ID: "soft", Enforcement: gate.SoftMandatory},
		{ID: "hard", Enforcement: gate.HardMandatory},
	}
	if err := Check([]Waiver{{Name: "a", Rule: "soft", Source: "f:1"}}, rules); err != nil {
		t.Errorf("soft: %v", err)
	}
	if err := Check([]Waiver{{Name: "b", Rule: "hard", Source: "f:2"}}, rules); err == nil || err.Error() != "f:2: waiver b: rule hard is hard-mandatory and cannot be waived" {
		t.Errorf("hard: %v", err)
	}
	if err := Check([]Waiver{{Name: "c", Rule: "nope", Source: "f:3"}}, rules); err == nil || err.Error() != `f:3: waiver c names rule "nope", which does not exist` {
		t.Errorf("unknown: %v", err)
	}
}

// TestExactWaiverIsNoGlob: an inline waiver on an instance whose key holds
// a * waives that instance only, not every address the key would match as
// a glob.
func TestExactWaiverIsNoGlob(t *testing.T) {
	rule := &gate.Rule{ID: "aws-s3-versioning", Enforcement: gate.SoftMandatory}
	results := []gate.Result{
		{Rule: rule, Resource: `aws_s3_bucket.b["*"]`, Status: gate.Fail},
		{Rule: rule, Resource: `aws_s3_bucket.b["prod"]`, Status: gate.Fail},
		{Rule: rule, Resource: `aws_s3_bucket.b["?"]`, Status: gate.Fail},
	}
	waivers := []Waiver{
		{Name: "inline main.tf:3", Rule: rule.ID, Resource: `aws_s3_bucket.b["*"]`, Exact: true, Reason: "r", Source: "main.tf:3"},
		{Name: "inline main.tf:9", Rule: rule.ID, Resource: `aws_s3_bucket.b["x"]`, Exact: true, Reason: "r", Source: "main.tf:9"},
	}
	Apply(results, waivers, time.Now())
	var got []gate.Status
	for _, r := range results {
		got = append(got, r.Status)
	}
	if want := []gate.Status{gate.Waived, gate.Fail, gate.Fail}; !slices.Equal(got, want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
}
