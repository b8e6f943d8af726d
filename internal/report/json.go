package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
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
		Passed   int `json:"passed"`
		Failed   int `json:"failed"`
		Unknown  int `json:"unknown"`
		Waived   int `json:"waived"`
		Blocking int `json:"blocking"`
		// BlockingUnknown counts the unknown results that fail the gate.
		BlockingUnknown int          `json:"blocking_unknown"`
		FailOn          string       `json:"fail_on"`
		FailOnUnknown   string       `json:"fail_on_unknown"`
		Verdict         string       `json:"verdict"`
		Coverage        jsonCoverage `json:"coverage"`
		// Incomplete lists what the check could not evaluate.
		Incomplete      []string `json:"incomplete"`
		AllowIncomplete bool     `json:"allow_incomplete"`
	}
	jsonCoverage struct {
		Present  int      `json:"present"`
		Judged   int      `json:"judged"`
		Unjudged []string `json:"unjudged_types"`
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
		// Related are the sub-resources whose findings the result carries.
		Related []jsonRelated `json:"related,omitempty"`
		// Calls are the module calls of the resource's module instance.
		Calls []jsonLocation `json:"calls,omitempty"`
	}
	jsonRelated struct {
		Resource string        `json:"resource"`
		Location *jsonLocation `json:"location"`
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
			Passed:          r.Summary.Passed,
			Failed:          r.Summary.Failed,
			Unknown:         r.Summary.Unknown,
			Waived:          r.Summary.Waived,
			Blocking:        r.Summary.Blocking,
			BlockingUnknown: r.Summary.BlockingUnknown,
			FailOn:          string(r.Policy.FailOn),
			FailOnUnknown:   failOnUnknown(r.Policy),
			Verdict:         r.Summary.Verdict(),
			Coverage: jsonCoverage{
				Present:  r.Summary.Coverage.Present,
				Judged:   r.Summary.Coverage.Judged,
				Unjudged: nonNil(r.Summary.Coverage.Unjudged),
			},
			Incomplete:      nonNil(r.Summary.Incomplete),
			AllowIncomplete: r.Summary.AllowIncomplete,
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
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head)
	sep := "[\n    "
	var item []byte
	for _, res := range r.Results {
		bw.WriteString(sep)
		item = appendResult(item[:0], jsonResultOf(r, res))
		bw.Write(item)
		sep = ",\n    "
	}
	if len(r.Results) == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// appendResult appends what json.MarshalIndent(res, "    ", "  ") gives,
// which is a result in its place in the report, without reflection:
// results are most of a report and encoding/json took most of its time.
// TestAppendResultIsMarshalIndent holds the two to the same bytes.
func appendResult(b []byte, res jsonResult) []byte {
	o := jsonObject{b: b, indent: "\n      "}
	o.string("rule", res.Rule)
	o.string("title", res.Title)
	o.string("severity", res.Severity)
	o.string("enforcement", res.Enforcement)
	o.string("status", res.Status)
	o.bool("blocking", res.Blocking)
	o.string("input", res.Input)
	o.string("resource", res.Resource)
	o.string("resource_type", res.ResourceType)
	o.string("message", res.Message)
	o.location("location", res.Location)
	if w := res.Waiver; w == nil {
		o.null("waiver")
	} else {
		o.object("waiver", func(in *jsonObject) {
			in.string("name", w.Name)
			in.string("reason", w.Reason)
			in.stringOmitEmpty("owner", w.Owner)
			in.stringOmitEmpty("ticket", w.Ticket)
			in.stringOmitEmpty("expires", w.Expires)
			in.bool("expired", w.Expired)
			in.string("source", w.Source)
		})
	}
	if len(res.Related) > 0 {
		o.array("related", len(res.Related), func(i int, in *jsonObject) {
			in.string("resource", res.Related[i].Resource)
			in.location("location", res.Related[i].Location)
		})
	}
	if len(res.Calls) > 0 {
		o.array("calls", len(res.Calls), func(i int, in *jsonObject) {
			in.string("file", res.Calls[i].File)
			in.int("start_line", res.Calls[i].StartLine)
			in.int("end_line", res.Calls[i].EndLine)
		})
	}
	return o.end("\n    ")
}

// jsonObject appends an indented JSON object's members to b, the way
// json.MarshalIndent lays them out: each on its own line after indent.
type jsonObject struct {
	b      []byte
	indent string
	n      int // members so far
}

func (o *jsonObject) key(name string) {
	if o.n == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, o.indent...)
	o.b = appendString(o.b, name)
	o.b = append(o.b, ": "...)
}

func (o *jsonObject) string(name, v string) {
	o.key(name)
	o.b = appendString(o.b, v)
}

func (o *jsonObject) stringOmitEmpty(name, v string) {
	if v != "" {
		o.string(name, v)
	}
}

func (o *jsonObject) bool(name string, v bool) {
	o.key(name)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObject) int(name string, v int) {
	o.key(name)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObject) null(name string) {
	o.key(name)
	o.b = append(o.b, "null"...)
}

// object writes a member whose value is an object, its members one level
// deeper.
func (o *jsonObject) object(name string, members func(in *jsonObject)) {
	o.key(name)
	in := jsonObject{b: o.b, indent: o.indent + "  "}
	members(&in)
	o.b = in.end(o.indent)
}

// array writes a member whose value is an array of n objects, the members
// of element i written by members.
func (o *jsonObject) array(name string, n int, members func(i int, in *jsonObject)) {
	o.key(name)
	if n == 0 {
		o.b = append(o.b, "[]"...)
		return
	}
	o.b = append(o.b, '[')
	for i := range n {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, o.indent...)
		o.b = append(o.b, "  "...)
		in := jsonObject{b: o.b, indent: o.indent + "    "}
		members(i, &in)
		o.b = in.end(o.indent + "  ")
	}
	o.b = append(o.b, o.indent...)
	o.b = append(o.b, ']')
}

// location writes a location member, null when there is none.
func (o *jsonObject) location(name string, l *jsonLocation) {
	if l == nil {
		o.null(name)
		return
	}
	o.object(name, func(in *jsonObject) {
		in.string("file", l.File)
		in.int("start_line", l.StartLine)
		in.int("end_line", l.EndLine)
	})
}

// end closes the object, its closing brace on a line after indent.
func (o *jsonObject) end(indent string) []byte {
	if o.n == 0 {
		return append(o.b, "{}"...)
	}
	o.b = append(o.b, indent...)
	return append(o.b, '}')
}

// jsonPlain marks the bytes appendString copies as they are: ASCII other
// than control characters, quotes, backslashes and the HTML specials.
var jsonPlain = func() (plain [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		plain[c] = true
	}
	for _, c := range `"\<>&` {
		plain[c] = false
	}
	return plain
}()

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it: quotes, backslashes and control characters, <, > and & for
// HTML, U+2028 and U+2029 for JavaScript, and invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[done:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			done = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[done:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[done:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		done = i
	}
	b = append(b, s[done:]...)
	return append(b, '"')
}

// failOnUnknown names the policy's fail_on_unknown level, "none" for none.
func failOnUnknown(p gate.Policy) string {
	if p.FailOnUnknown == "" {
		return "none"
	}
	return string(p.FailOnUnknown)
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
		Location:     location(res.Location),
	}
	for _, rel := range res.Related {
		out.Related = append(out.Related, jsonRelated{Resource: rel.Resource, Location: location(rel.Location)})
	}
	for _, call := range res.Calls {
		out.Calls = append(out.Calls, jsonLocation(call))
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

func location(m *model.Location) *jsonLocation {
	if m == nil {
		return nil
	}
	l := jsonLocation(*m)
	return &l
}
