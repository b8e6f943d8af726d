package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/parallel"
)

// The JSON report's wire types: the report's JSON contract, version 1.
// Fields are added, never renamed or removed, within a version.
type (
	jsonReport struct {
		Version  int          `json:"version"`
		Tool     jsonTool     `json:"tool"`
		Inputs   []jsonInput  `json:"inputs"`
		Summary  jsonSummary  `json:"summary"`
		Warnings []string     `json:"warnings"`
		Results  []jsonResult `json:"results"`
	}
	jsonTool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	jsonInput struct {
		Kind             string `json:"kind"`
		Path             string `json:"path"`
		TerraformVersion string `json:"terraform_version,omitempty"`
		FormatVersion    string `json:"format_version,omitempty"`
		Resources        int    `json:"resources"`
	}
	jsonSummary struct {
		Passed   int    `json:"passed"`
		Failed   int    `json:"failed"`
		Unknown  int    `json:"unknown"`
		Waived   int    `json:"waived"`
		Blocking int    `json:"blocking"`
		FailOn   string `json:"fail_on"`
		Verdict  string `json:"verdict"`
	}
	jsonResult struct {
		Rule         string        `json:"rule"`
		Title        string        `json:"title"`
		Severity     string        `json:"severity"`
		Enforcement  string        `json:"enforcement"`
		Status       string        `json:"status"`
		Blocking     bool          `json:"blocking"`
		Input        string        `json:"input"`
		Resource     string        `json:"resource"`
		ResourceType string        `json:"resource_type"`
		Message      string        `json:"message"`
		Location     *jsonLocation `json:"location"`
		Waiver       *jsonWaiver   `json:"waiver"`
	}
	jsonWaiver struct {
		Name    string `json:"name"`
		Reason  string `json:"reason"`
		Owner   string `json:"owner,omitempty"`
		Ticket  string `json:"ticket,omitempty"`
		Expires string `json:"expires,omitempty"`
		Expired bool   `json:"expired"`
		Source  string `json:"source"`
	}
	jsonLocation struct {
		File      string `json:"file"`
		StartLine int    `json:"start_line"`
		EndLine   int    `json:"end_line"`
	}
)

func writeJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Version: 1,
		Tool:    jsonTool{Name: r.Tool.Name, Version: r.Tool.Version},
		Inputs:  make([]jsonInput, len(r.Inputs)),
		Summary: jsonSummary{
			Passed:   r.Summary.Passed,
			Failed:   r.Summary.Failed,
			Unknown:  r.Summary.Unknown,
			Waived:   r.Summary.Waived,
			Blocking: r.Summary.Blocking,
			FailOn:   string(r.Policy.FailOn),
			Verdict:  r.Summary.Verdict(),
		},
		Warnings: nonNil(r.Warnings),
		Results:  []jsonResult{},
	}
	for i, in := range r.Inputs {
		out.Inputs[i] = jsonInput{
			Kind:             in.Kind,
			Path:             in.Path,
			TerraformVersion: in.TerraformVersion,
			FormatVersion:    in.FormatVersion,
			Resources:        in.Resources,
		}
	}
	// The results are streamed one by one into the place the envelope
	// leaves for them (its last member), so that the report is never held
	// in memory whole; the bytes are those of encoding the whole document.
	envelope, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	head, ok := bytes.CutSuffix(envelope, []byte("[]\n}"))
	if !ok {
		return fmt.Errorf("JSON report: results are not the last member")
	}
	bw := bufio.NewWriter(w)
	bw.Write(head)
	sep := "[\n    "
	items := make([][]byte, min(len(r.Results), jsonBatch))
	for start := 0; start < len(r.Results); start += jsonBatch {
		batch := r.Results[start:min(start+jsonBatch, len(r.Results))]
		if err := marshalResults(r, batch, items); err != nil {
			return err
		}
		for _, item := range items[:len(batch)] {
			bw.WriteString(sep)
			bw.Write(item)
			sep = ",\n    "
		}
	}
	if len(r.Results) == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// jsonBatch is how many results the JSON report encodes at a time.
const jsonBatch = 1024

// marshalResults encodes a batch of results into items, indented for
// their place in the report, on every CPU.
func marshalResults(r *Report, batch []gate.Result, items [][]byte) error {
	errs := make([]error, len(batch))
	parallel.For(len(batch), func(i int) {
		items[i], errs[i] = json.MarshalIndent(jsonResultOf(r, batch[i]), "    ", "  ")
	})
	return errors.Join(errs...)
}

func jsonResultOf(r *Report, res gate.Result) jsonResult {
	out := jsonResult{
		Rule:         res.Rule.ID,
		Title:        res.Rule.Title,
		Severity:     string(res.Rule.Severity),
		Enforcement:  string(res.Rule.Enforcement),
		Status:       string(res.Status),
		Blocking:     r.Policy.Blocks(res),
		Input:        res.Input,
		Resource:     res.Resource,
		ResourceType: res.ResourceType,
		Message:      res.Message,
		Location:     location(res),
	}
	if w := res.Waiver; w != nil {
		out.Waiver = &jsonWaiver{
			Name:    w.Name,
			Reason:  w.Reason,
			Owner:   w.Owner,
			Ticket:  w.Ticket,
			Expires: w.Expires,
			Expired: w.Expired,
			Source:  w.Source,
		}
	}
	return out
}

func location(res gate.Result) *jsonLocation {
	if res.Location == nil {
		return nil
	}
	l := jsonLocation(*res.Location)
	return &l
}
