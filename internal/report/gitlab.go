package report

import (
	"encoding/json"
	"io"

	"github.com/tfgate/tfgate/internal/gate"
)

// gitlabIssue is one finding of GitLab's Code Quality report (a subset of
// the Code Climate issue format), which the merge request widget shows.
type gitlabIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Categories  []string       `json:"categories"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// writeGitLab writes GitLab's Code Quality report: an issue for every
// failing and unknown result, at its .tf file and lines relative to the
// repository root (or the input file), and one for every part of the
// configuration not evaluated. Passes and waived results are not issues.
// The fingerprint names the rule, the resource and the input, so an issue
// keeps its identity when lines move.
func writeGitLab(w io.Writer, r *Report) error {
	issues := []gitlabIssue{}
	for _, res := range r.Results {
		if res.Status != gate.Fail && res.Status != gate.Unknown {
			continue
		}
		description := instanceMessage(res)
		severity := gitlabSeverity(res.Rule.Severity)
		if res.Status == gate.Unknown {
			description = "unknown: " + description
		}
		if !r.Policy.Blocks(res) {
			why := r.Policy.Why(res)
			if why == "" {
				why = "unknown results of its enforcement level do not block"
			}
			description += " (does not fail the gate: " + why + ")"
			severity = "info"
		}
		issue := gitlabIssue{
			Type:        "issue",
			CheckName:   res.Rule.ID,
			Description: gitlabText(description),
			Categories:  []string{"Security"},
			Fingerprint: digest(res.Rule.ID, res.Resource, res.Input),
			Severity:    severity,
			Location:    gitlabLocation{Path: r.filePath(res), Lines: gitlabLines{Begin: 1}},
		}
		if l := res.Location; l != nil {
			issue.Location.Lines = gitlabLines{Begin: max(l.StartLine, 1), End: l.EndLine}
		}
		issues = append(issues, issue)
	}
	for _, what := range r.Summary.Incomplete {
		severity := "blocker"
		if r.Summary.AllowIncomplete {
			severity = "minor"
		}
		path := ""
		if len(r.Inputs) > 0 {
			path, _ = r.repoPath(uri(r.Inputs[0].Path))
		}
		issues = append(issues, gitlabIssue{
			Type:        "issue",
			CheckName:   "tfgate-not-evaluated",
			Description: gitlabText("not evaluated: " + what),
			Categories:  []string{"Security"},
			Fingerprint: digest("tfgate-not-evaluated", what, path),
			Severity:    severity,
			Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: 1}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// gitlabSeverity maps a rule's severity to GitLab's scale: info, minor,
// major, critical, blocker.
func gitlabSeverity(s gate.Severity) string {
	switch s {
	case gate.SeverityCritical:
		return "blocker"
	case gate.SeverityHigh:
		return "critical"
	case gate.SeverityMedium:
		return "major"
	case gate.SeverityLow:
		return "minor"
	}
	return "info"
}

// gitlabText keeps a description from linking or mentioning anything where
// GitLab renders it.
func gitlabText(s string) string { return sarifMessage(defang(s)) }
