package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tfgate/tfgate/internal/gate"
)

// The JUnit XML wire types, in the form Jenkins and GitLab read (and
// valid against the Surefire JUnit schema): one suite per rule, one case
// per (rule, resource).
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string           `xml:"name,attr"`
		Tests      int              `xml:"tests,attr"`
		Failures   int              `xml:"failures,attr"`
		Errors     int              `xml:"errors,attr"`
		Skipped    int              `xml:"skipped,attr"`
		Time       string           `xml:"time,attr"`
		Properties *junitProperties `xml:"properties,omitempty"`
		Cases      []junitCase      `xml:"testcase"`
		SystemOut  string           `xml:"system-out,omitempty"`
	}
	junitProperties struct {
		Property []junitProperty `xml:"property"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitFailure `xml:"failure,omitempty"`
		Skipped   *junitSkipped `xml:"skipped,omitempty"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
	}
)

// writeJUnit writes one test suite per rule (named by rule id) and one
// test case per (rule, resource). A case fails only when its result fails
// the gate: a blocking failure carries the message, location and
// remediation, a blocking unknown says why it blocks. A failure that does
// not block (advisory, below --fail-on, --changed-only) passes with its
// finding as output, so a CI page counts as failed exactly what blocks;
// other unknown and waived results are skipped with the reason. The
// classname is the rule id and the name the resource address (with the
// input when there are several), so that every case's identity, which
// Jenkins and GitLab key on, is unique.
func writeJUnit(w io.Writer, r *Report) error {
	out := junitSuites{Name: "tfgate", Time: "0"}
	byRule := map[*gate.Rule]int{}
	for _, res := range r.Results {
		i, ok := byRule[res.Rule]
		if !ok {
			i = len(out.Suites)
			byRule[res.Rule] = i
			out.Suites = append(out.Suites, junitSuite{Name: res.Rule.ID, Time: "0"})
		}
		suite := &out.Suites[i]
		name := res.Resource
		if len(r.Inputs) > 1 {
			name += " (" + res.Input + ")"
		}
		c := junitCase{Name: name, Classname: res.Rule.ID, Time: "0"}
		blocks := r.Policy.Blocks(res)
		switch {
		case res.Status == gate.Fail && blocks:
			c.Failure = &junitFailure{
				Message: res.Message,
				Type:    string(res.Rule.Severity),
				Text:    failureText(res, r.Policy, r.sourcePath(res)),
			}
			suite.Failures++
		case res.Status == gate.Fail:
			c.SystemOut = "finding that does not fail the gate: " + failureText(res, r.Policy, r.sourcePath(res))
		case res.Status == gate.Unknown && blocks:
			c.Failure = &junitFailure{
				Message: "unknown: " + res.Message,
				Type:    "unknown",
				Text:    fmt.Sprintf("%s [%s, %s] could not decide %s: %s\nan unknown result of this enforcement level fails the gate (--fail-on-unknown)\n", res.Rule.ID, res.Rule.Severity, res.Rule.Enforcement, res.Resource, res.Message),
			}
			suite.Failures++
		case res.Status == gate.Unknown:
			c.Skipped = &junitSkipped{Message: "unknown: " + res.Message}
			suite.Skipped++
		case res.Status == gate.Waived:
			reason := "waived"
			if res.Waiver != nil {
				reason = fmt.Sprintf("waived by %s: %s", res.Waiver.Name, res.Waiver.Reason)
			}
			c.Skipped = &junitSkipped{Message: reason}
			suite.Skipped++
		}
		suite.Cases = append(suite.Cases, c)
		suite.Tests++
	}
	// Suites in rule id order, whatever order the results came in.
	slices.SortFunc(out.Suites, func(a, b junitSuite) int { return strings.Compare(a.Name, b.Name) })
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
	}
	// A last suite without cases says how much the rules judged, and what
	// the run warned of, so that a CI page of passing tests is not read as
	// "everything was checked".
	c := r.Summary.Coverage
	out.Suites = append(out.Suites, junitSuite{
		Name: "tfgate coverage",
		Time: "0",
		Properties: &junitProperties{Property: []junitProperty{
			{"present", strconv.Itoa(c.Present)},
			{"judged", strconv.Itoa(c.Judged)},
			{"unjudged_types", strings.Join(c.Unjudged, ",")},
			{"incomplete", strconv.Itoa(len(r.Summary.Incomplete))},
			{"warnings", strconv.Itoa(len(r.Warnings))},
		}},
		SystemOut: strings.Join(slices.Concat([]string{c.String()}, prefixed("not evaluated: ", r.Summary.Incomplete), prefixed("warning: ", r.Warnings)), "\n"),
	})
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func prefixed(prefix string, list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = prefix + s
	}
	return out
}

func failureText(res gate.Result, p gate.Policy, file string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s, %s]: %s\n", res.Rule.ID, res.Rule.Severity, res.Rule.Enforcement, res.Message)
	fmt.Fprintf(&b, "resource: %s\n", res.Resource)
	if l := res.Location; l != nil {
		fmt.Fprintf(&b, "at: %s:%d\n", file, l.StartLine)
	}
	if why := p.Why(res); why != "" {
		fmt.Fprintf(&b, "does not fail the gate: %s\n", why)
	}
	if res.Rule.Remediation != "" {
		fmt.Fprintf(&b, "remediation: %s\n", strings.TrimSpace(res.Rule.Remediation))
	}
	return b.String()
}
