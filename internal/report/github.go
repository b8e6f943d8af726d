package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tfgate/tfgate/internal/gate"
)

// annotationLimit is how many annotations of each kind (error, warning)
// GitHub shows for one step.
const annotationLimit = 10

// writeGitHub writes GitHub Actions workflow commands: an error annotation
// for each part of the configuration not evaluated (a warning when that is
// allowed) and each blocking failure, a warning for each other failure,
// each unknown and each waiver warning, at the .tf file and lines when
// known, and a notice of the coverage. Past GitHub's limit of ten of each
// kind, one notice says how many were left out.
func writeGitHub(w io.Writer, r *Report) error {
	var errors, warnings, extraErrors, extraWarnings int
	// What was not evaluated comes first: it qualifies everything else.
	for _, what := range r.Summary.Incomplete {
		kind, count := "error", &errors
		if r.Summary.AllowIncomplete {
			kind, count = "warning", &warnings
		}
		if *count++; *count > annotationLimit {
			if kind == "error" {
				extraErrors++
			} else {
				extraWarnings++
			}
			continue
		}
		if _, err := fmt.Fprintf(w, "::%s title=tfgate incomplete::%s\n", kind, escapeData("not evaluated: "+what)); err != nil {
			return err
		}
	}
	for _, res := range r.Results {
		if res.Status != gate.Fail && res.Status != gate.Unknown {
			continue
		}
		kind := "warning"
		if r.Policy.Blocks(res) {
			kind = "error"
		}
		if kind == "error" {
			if errors++; errors > annotationLimit {
				extraErrors++
				continue
			}
		} else if warnings++; warnings > annotationLimit {
			extraWarnings++
			continue
		}
		props := []string{"file=" + escapeProperty(r.filePath(res))}
		if l := res.Location; l != nil {
			props = append(props, fmt.Sprintf("line=%d", l.StartLine), fmt.Sprintf("endLine=%d", l.EndLine))
		}
		title := fmt.Sprintf("%s (%s): %s", res.Rule.ID, res.Rule.Severity, res.Resource)
		if res.Status == gate.Unknown {
			title = "unknown: " + title
		}
		props = append(props, "title="+escapeProperty(title))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", kind, strings.Join(props, ","), escapeData(res.Message)); err != nil {
			return err
		}
	}
	for _, warning := range r.Warnings {
		if warnings++; warnings > annotationLimit {
			extraWarnings++
			continue
		}
		if _, err := fmt.Fprintf(w, "::warning title=tfgate warning::%s\n", escapeData(warning)); err != nil {
			return err
		}
	}
	if extraErrors+extraWarnings > 0 {
		if _, err := fmt.Fprintf(w, "::notice title=tfgate::%s\n", escapeData(fmt.Sprintf(
			"%d more errors and %d more warnings are not annotated (GitHub shows %d of each per step); see the full report",
			extraErrors, extraWarnings, annotationLimit))); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "::notice title=tfgate coverage::%s\n", escapeData(r.Summary.Coverage.String()))
	return err
}

// escapeData escapes a workflow command's message, and keeps it from
// mentioning anyone or linking anywhere (defang).
func escapeData(s string) string { return defang(dataEscaper.Replace(s)) }

// escapeProperty escapes a workflow command property value.
func escapeProperty(s string) string { return defang(propertyEscaper.Replace(s)) }

// The escapers are built once, never changed and safe for concurrent use.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
