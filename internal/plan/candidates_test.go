package plan

import (
	"strings"
	"testing"
)

// TestCandidatesFromConstants: a wholly unknown list of merged documents
// gets candidates from the plan alone only when its expression reads
// policy-document data sources and variables that come down to constants
// (a module argument written literally, a root variable); a local or a
// document known only after apply leaves it without, so it stays
// undecided.
func TestCandidatesFromConstants(t *testing.T) {
	m := decodeFile(t, "../../testdata/idioms/s3-policy-compact-merged-documents/plan.json")
	tests := []struct {
		module string
		want   string // a part of the one candidate; "" for no candidates
	}{
		{"press_kit", `"Sid": "PublicRead"`},
		{"site_assets", `"Sid": "WebsiteRead"`},
		{"partner_exports", ""},
		{"cdn_origin", ""},
	}
	for _, tt := range tests {
		r := find(t, m, "module."+tt.module+".data.aws_iam_policy_document.combined[0]")
		got, ok := r.Candidates["source_policy_documents"]
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s: candidates %q, want none", tt.module, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s: candidates %q, want one holding %s", tt.module, got, tt.want)
		}
	}
}

// TestKeyedReferences: each.value means the instance with the same key
// only when it stands for the instance itself; as an index into another
// resource it picks by value, which a plan does not show.
func TestKeyedReferences(t *testing.T) {
	for refs, want := range map[string]bool{
		"each.key aws_s3_bucket.b":                  true,
		"count.index aws_s3_bucket.b":               true,
		"each.value.id each.value":                  true,
		"each.value aws_s3_bucket.env":              false,
		"each.value.name var.x":                     true,
		"aws_s3_bucket.b":                           false,
		"each.value module.m.bucket_id":             false,
		"each.value.bucket each.value local.prefix": true,
	} {
		if got := keyed(strings.Fields(refs)); got != want {
			t.Errorf("keyed(%s) = %v, want %v", refs, got, want)
		}
	}
}
