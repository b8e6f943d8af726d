package hclsrc

import (
	"strings"
	"testing"
	"time"
)

// TestCandidatesOfMergedDocuments: a list of merged documents that the
// JSON of a data source known only after apply leaves unknown is
// evaluated again with that JSON as a marker, which gives the other
// documents in it; a document known only after apply in the list leaves
// it without candidates.
func TestCandidatesOfMergedDocuments(t *testing.T) {
	m, _, err := Load("../../testdata/idioms/s3-policy-compact-merged-documents", LoadOptions{Now: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"press_kit":       `"Sid": "PublicRead"`,
		"site_assets":     `"Sid": "WebsiteRead"`,
		"partner_exports": `"Sid":"PartnerRead"`,
		"cdn_origin":      "",
	}
	for module, part := range want {
		r := resource(t, m, "module."+module+".data.aws_iam_policy_document.combined[0]")
		got, ok := r.Candidates["source_policy_documents"]
		switch {
		case part == "" && ok:
			t.Errorf("%s: candidates %q, want none", module, got)
		case part != "" && (len(got) != 1 || !strings.Contains(got[0], part)):
			t.Errorf("%s: candidates %q, want one holding %s", module, got, part)
		}
		if deny := resource(t, m, "module."+module+".data.aws_iam_policy_document.deny_insecure_transport[0]"); deny.Candidates != nil {
			t.Errorf("%s: a document that merges nothing has candidates %v", module, deny.Candidates)
		}
	}
}
