package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tfgate/tfgate/internal/gate"
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
			run, index := sarifEnvelope(r)
			for _, res := range r.Results {
				if res.Status == gate.Pass {
					run.Properties.Passes = append(run.Properties.Passes, sarifCheck{Rule: res.Rule.ID, Resource: res.Resource, Input: res.Input})
				} else {
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
