package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tfgate/tfgate/internal/gate"
)

// The limits of HCP Terraform's task result schema: a result's message,
// the number of outcomes, an outcome's id, description and body, a tag's
// label.
const (
	TaskMaxOutcomes   = 10
	taskMaxMessage    = 1000
	taskMaxOutcomeID  = 64
	taskMaxDesc       = 1000
	taskMaxBody       = 10000
	taskMaxTagLabel   = 32
	taskStatusPassed  = "passed"
	taskStatusFailed  = "failed"
	taskStatusRunning = "running"
)

// TaskResultOptions shape a run task result.
type TaskResultOptions struct {
	// Outcomes is whether the platform takes outcomes (the request's
	// capabilities.outcomes); without them the message says it all.
	Outcomes bool
	// MaxOutcomes caps the outcomes; 0 is TaskMaxOutcomes, the
	// platform's limit, and less than 2 is 2. When more results are worth
	// one, the last outcome counts the rest.
	MaxOutcomes int
}

// TaskResult is the body of the PATCH that reports a check to HCP
// Terraform or Terraform Enterprise as a run task result: "failed" when
// the check fails the gate (r.ExitCode), else "passed", a message that
// sums it up, and one outcome per failing, unknown or unevaluated result,
// blocking ones first.
func TaskResult(r *Report, o TaskResultOptions) ([]byte, error) {
	r = displayable(r)
	status := taskStatusPassed
	if r.ExitCode != 0 {
		status = taskStatusFailed
	}
	body := taskBody{Data: taskData{Type: "task-results", Attributes: taskAttributes{Status: status, Message: taskMessage(r)}}}
	if o.Outcomes {
		// The platform takes one outcome at least: a check with nothing to
		// show sends none.
		if outcomes := taskOutcomes(r, max(2, cmp.Or(o.MaxOutcomes, TaskMaxOutcomes))); len(outcomes) > 0 {
			body.Data.Relationships = &taskRelationships{Outcomes: taskOutcomeList{Data: outcomes}}
		}
	}
	return json.Marshal(body)
}

// TaskError is the body of the PATCH that reports a check that could not
// be made: "failed", with the reason. A run task fails closed.
func TaskError(reason string) []byte {
	body := taskBody{Data: taskData{Type: "task-results", Attributes: taskAttributes{
		Status:  taskStatusFailed,
		Message: clip("tfgate could not check this run: "+plain(reason), taskMaxMessage),
	}}}
	data, _ := json.Marshal(body) // strings only: it cannot fail
	return data
}

// TaskRunning is the body of a progress update: the check is running.
func TaskRunning(message string) []byte {
	body := taskBody{Data: taskData{Type: "task-results", Attributes: taskAttributes{Status: taskStatusRunning, Message: clip(plain(message), taskMaxMessage)}}}
	data, _ := json.Marshal(body)
	return data
}

type taskBody struct {
	Data taskData `json:"data"`
}

type taskData struct {
	Type          string             `json:"type"`
	Attributes    taskAttributes     `json:"attributes"`
	Relationships *taskRelationships `json:"relationships,omitempty"`
}

type taskAttributes struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

type taskRelationships struct {
	Outcomes taskOutcomeList `json:"outcomes"`
}

type taskOutcomeList struct {
	Data []taskOutcome `json:"data"`
}

type taskOutcome struct {
	Type       string            `json:"type"`
	Attributes outcomeAttributes `json:"attributes"`
}

type outcomeAttributes struct {
	OutcomeID   string               `json:"outcome-id"`
	Description string               `json:"description"`
	Body        string               `json:"body"`
	Tags        map[string][]taskTag `json:"tags"`
}

type taskTag struct {
	Label string `json:"label"`
	Level string `json:"level"`
}

// taskMessage sums a check up in one line: the verdict, the counts, the
// coverage, and what was left unevaluated.
func taskMessage(r *Report) string {
	s := r.Summary
	verdict := "PASS"
	if r.ExitCode != 0 {
		verdict = "FAIL"
	} else if s.Verdict() == "fail" {
		verdict = "PASS (soft fail: the gate's failures are reported only)"
	}
	msg := fmt.Sprintf("tfgate %s: %d failed (%d blocking), %d unknown (%d blocking), %d waived, %d passed; %d rules, fail on %s and above; %s",
		verdict, s.Failed, s.Blocking, s.Unknown, s.BlockingUnknown, s.Waived, s.Passed, len(r.Rules), r.Policy.FailOn, s.Coverage)
	if len(s.Incomplete) > 0 {
		msg += "; " + incompleteNote(s)
	}
	return clip(msg, taskMaxMessage)
}

// taskOutcomes lists the results worth an outcome, those that block
// first, within max: when more are left, the last outcome counts them.
func taskOutcomes(r *Report, max int) []taskOutcome {
	var list []gate.Result
	for _, res := range r.Results {
		if res.Status == gate.Fail || res.Status == gate.Unknown {
			list = append(list, res)
		}
	}
	rank := func(res gate.Result) int {
		switch {
		case r.Policy.Blocks(res) || r.Policy.BlocksUnknown(res):
			return 0
		case res.NotEvaluated && !r.Summary.AllowIncomplete:
			return 0
		case res.Status == gate.Fail:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(list, func(a, b gate.Result) int { return cmp.Compare(rank(a), rank(b)) })
	var out []taskOutcome
	room := max
	if len(r.Summary.Incomplete) > 0 {
		out = append(out, taskIncomplete(r.Summary))
		room--
	}
	for i, res := range list {
		if len(list) > room && i == room-1 {
			out = append(out, taskRest(r, list[i:], max))
			break
		}
		out = append(out, taskOutcomeOf(r, res, rank(res) == 0))
	}
	return out
}

// taskOutcomeOf is one result's outcome.
func taskOutcomeOf(r *Report, res gate.Result, blocks bool) taskOutcome {
	status, level := "Failed", "error"
	switch {
	case res.NotEvaluated:
		status = "Not evaluated"
	case res.Status == gate.Unknown:
		status = "Unknown"
	}
	if !blocks {
		level = "warning"
	}
	var b strings.Builder
	verdict := "Blocks the gate"
	if !blocks {
		verdict = "Does not block the gate"
		if why := r.Policy.Why(res); why != "" {
			verdict += " (" + why + ")"
		}
	}
	fmt.Fprintf(&b, "**%s**: %s. %s, %s.\n\n", mdText(status), verdict, res.Rule.Severity, res.Rule.Enforcement)
	fmt.Fprintf(&b, "- Rule: `%s` %s\n", mdCode(res.Rule.ID), mdText(res.Rule.Title))
	fmt.Fprintf(&b, "- Resource: `%s` (%s)\n", mdCode(res.Resource), mdText(res.ResourceType))
	if where := r.where(res); where != "" {
		fmt.Fprintf(&b, "- Where: %s\n", mdText(where))
	}
	for _, rel := range res.Related {
		fmt.Fprintf(&b, "- Through `%s`\n", mdCode(rel.Resource))
	}
	if res.Message != "" {
		fmt.Fprintf(&b, "\n%s\n", mdText(res.Message))
	}
	if rem := res.Rule.Remediation; rem != "" {
		fmt.Fprintf(&b, "\n**Remediation**: %s\n", mdText(rem))
	}
	for _, ref := range res.Rule.References {
		fmt.Fprintf(&b, "\n- %s", mdLink(ref))
	}
	return taskOutcome{Type: "task-result-outcomes", Attributes: outcomeAttributes{
		OutcomeID:   outcomeID(res),
		Description: clip(res.Rule.Title+": "+res.Resource, taskMaxDesc),
		Body:        clip(b.String(), taskMaxBody),
		Tags: map[string][]taskTag{
			"Status":   {{Label: status, Level: level}},
			"Severity": {{Label: clip(string(res.Rule.Severity), taskMaxTagLabel), Level: severityLevel(res.Rule.Severity)}},
		},
	}}
}

// taskIncomplete is the outcome that lists what the check could not
// evaluate.
func taskIncomplete(s gate.Summary) taskOutcome {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.\n\n", mdText(incompleteNote(s)))
	for _, what := range s.Incomplete {
		fmt.Fprintf(&b, "- %s\n", mdText(what))
	}
	level := "error"
	if s.AllowIncomplete {
		level = "warning"
	}
	return taskOutcome{Type: "task-result-outcomes", Attributes: outcomeAttributes{
		OutcomeID:   "tfgate-not-evaluated",
		Description: fmt.Sprintf("%d part(s) of the configuration were not evaluated", len(s.Incomplete)),
		Body:        clip(b.String(), taskMaxBody),
		Tags:        map[string][]taskTag{"Status": {{Label: "Not evaluated", Level: level}}},
	}}
}

// taskRest is the outcome that counts the results the cap left out, by
// rule and status.
func taskRest(r *Report, rest []gate.Result, max int) taskOutcome {
	type key struct{ rule, status string }
	counts := map[key]int{}
	blocking := 0
	for _, res := range rest {
		counts[key{res.Rule.ID, string(res.Status)}]++
		if r.Policy.Blocks(res) || r.Policy.BlocksUnknown(res) || res.NotEvaluated && !r.Summary.AllowIncomplete {
			blocking++
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(strings.Compare(a.rule, b.rule), strings.Compare(a.status, b.status))
	})
	var b strings.Builder
	fmt.Fprintf(&b, "The platform takes %d outcomes at most; these %d results are not listed one by one (%d of them block the gate). Run `tfgate check` on the plan for all of them.\n\n| rule | status | results |\n|---|---|---|\n", max, len(rest), blocking)
	for _, k := range keys {
		fmt.Fprintf(&b, "| `%s` | %s | %d |\n", mdCode(k.rule), k.status, counts[k])
	}
	level := "warning"
	if blocking > 0 {
		level = "error"
	}
	return taskOutcome{Type: "task-result-outcomes", Attributes: outcomeAttributes{
		OutcomeID:   "tfgate-more-results",
		Description: fmt.Sprintf("%d more results not listed", len(rest)),
		Body:        clip(b.String(), taskMaxBody),
		Tags:        map[string][]taskTag{"Status": {{Label: "More results", Level: level}}},
	}}
}

// outcomeID is a result's stable outcome id: its rule and a digest of its
// input and resource, within the platform's 64 characters.
func outcomeID(res gate.Result) string {
	sum := sha256.Sum256([]byte(res.Input + "\x00" + res.Resource))
	return clip(res.Rule.ID, taskMaxOutcomeID-13) + "-" + hex.EncodeToString(sum[:6])
}

// severityLevel is how the platform shows a severity.
func severityLevel(s gate.Severity) string {
	switch s {
	case gate.SeverityCritical, gate.SeverityHigh:
		return "error"
	case gate.SeverityMedium:
		return "warning"
	}
	return "info"
}

// clip cuts s to at most n characters, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}
