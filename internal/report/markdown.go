package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/internal/gate"
)

// commentLimit is GitHub's limit on the length of a pull request comment.
const commentLimit = 65536

// writeMarkdown writes the pre-apply checklist for a pull request comment:
// the verdict, what the plan changes (every destructive change listed),
// the runbook's checklist with what tfgate verified ticked, the failing,
// unknown and waived results by rule, and the post-apply checks. It stays
// under GitHub's comment limit by leaving out results, and says so.
func writeMarkdown(w io.Writer, r *Report) error {
	var head, tail strings.Builder
	verdict := "✅ **tfgate: the gate passed**"
	if r.Summary.Verdict() == "fail" {
		verdict = "❌ **tfgate: the gate failed**"
	}
	s := r.Summary
	fmt.Fprintf(&head, "## %s\n\n%d failed (%d blocking), %d unknown (%d blocking), %d waived, %d passed; %d rules, failing on %s and above.\n",
		verdict, s.Failed, s.Blocking, s.Unknown, s.BlockingUnknown, s.Waived, s.Passed, len(r.Rules), r.Policy.FailOn)
	fmt.Fprintf(&head, "\nCoverage: %s.\n", mdText(s.Coverage.String()))
	if len(s.Incomplete) > 0 {
		fmt.Fprintf(&head, "\n> ⚠️ **Incomplete**: %s.\n", mdText(incompleteNote(s)))
		for _, what := range s.Incomplete {
			fmt.Fprintf(&head, "> - not evaluated: %s\n", mdText(what))
		}
	}
	for _, in := range r.Inputs {
		writeChanges(&head, in)
	}
	writeChecklist(&head, r)
	for _, warning := range r.Warnings {
		fmt.Fprintf(&head, "> ⚠️ %s\n", mdText(warning))
	}
	if len(r.Warnings) > 0 {
		head.WriteString("\n")
	}
	writePostApply(&tail, r)

	sections := []struct {
		status gate.Status
		title  string
	}{
		{gate.Fail, "Failing"},
		{gate.Unknown, "Unknown until apply"},
		{gate.Waived, "Waived"},
	}
	var body strings.Builder
	budget := commentLimit - head.Len() - tail.Len() - 400 // room for the truncation note
	left := 0
	for _, sec := range sections {
		left += writeResults(&body, r, sec.status, sec.title, &budget)
	}
	if _, err := io.WriteString(w, head.String()+body.String()); err != nil {
		return err
	}
	if left > 0 {
		if _, err := fmt.Fprintf(w, "\n> ✂️ %d more results are left out to keep this comment under GitHub's %d-character limit; see the JSON or SARIF report.\n", left, commentLimit); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, tail.String())
	return err
}

func writeChanges(b *strings.Builder, in Input) {
	if in.Kind != "plan" {
		fmt.Fprintf(b, "\n### %s `%s` (post-apply verification)\n\n%d resources checked.\n", in.Kind, mdCode(in.Path), in.Resources)
		return
	}
	var adds, changes, destroys, replaces int
	var destructive []string
	for _, c := range in.Changes {
		switch {
		case len(c.Actions) == 2:
			replaces++
			destructive = append(destructive, fmt.Sprintf("- 🔁 replace `%s`", mdCode(c.Address)))
		case c.Actions[0] == "create":
			adds++
		case c.Actions[0] == "update":
			changes++
		case c.Actions[0] == "delete":
			destroys++
			destructive = append(destructive, fmt.Sprintf("- 🗑️ destroy `%s`", mdCode(c.Address)))
		}
	}
	fmt.Fprintf(b, "\n### Plan `%s`\n\n| add | change | destroy | replace |\n|---:|---:|---:|---:|\n| %d | %d | %d | %d |\n", mdCode(in.Path), adds, changes, destroys, replaces)
	if len(destructive) > 0 {
		fmt.Fprintf(b, "\n**Destructive changes:**\n\n%s\n", strings.Join(destructive, "\n"))
	}
}

// writeChecklist writes the runbook's pre-apply checklist. The ticket and
// the backup are ticked when their rules passed; review and notification
// are for people.
func writeChecklist(b *strings.Builder, r *Report) {
	if !slices.ContainsFunc(r.Inputs, func(in Input) bool { return in.Kind == "plan" }) {
		return
	}
	item := func(rule, label string) string {
		for _, res := range r.Results {
			if res.Rule.ID != rule {
				continue
			}
			if res.Status == gate.Pass {
				return fmt.Sprintf("- [x] %s: %s", label, mdText(res.Message))
			}
			return fmt.Sprintf("- [ ] %s: %s", label, mdText(res.Message))
		}
		return fmt.Sprintf("- [ ] %s (not checked: rule %s is off)", label, rule)
	}
	fmt.Fprintf(b, "\n### Pre-apply checklist\n\n- [ ] Plan reviewed and approved (for a reviewer)\n%s\n%s\n- [ ] Team notified (for a person)\n\n",
		item("tf-change-ticket", "Change ticket linked"),
		item("tf-state-backup", "State backup exists"))
}

// writeResults writes one status's results grouped by rule, within the
// budget of characters; it returns how many it left out.
func writeResults(b *strings.Builder, r *Report, status gate.Status, title string, budget *int) int {
	var results []gate.Result
	for _, res := range r.Results {
		if res.Status == status {
			results = append(results, res)
		}
	}
	if len(results) == 0 {
		return 0
	}
	slices.SortStableFunc(results, func(a, b gate.Result) int { return strings.Compare(a.Rule.ID, b.Rule.ID) })
	var sec strings.Builder
	fmt.Fprintf(&sec, "\n### %s (%d)\n", title, len(results))
	left := 0
	var rule *gate.Rule
	var entry bytes.Buffer // reused: most entries of a large plan do not fit
	for _, res := range results {
		entry.Reset()
		if res.Rule != rule {
			rule = res.Rule
			fmt.Fprintf(&entry, "\n#### `%s` %s (%s, %s)\n\n| resource | where | message |\n|---|---|---|\n",
				mdCode(rule.ID), mdText(rule.Title), rule.Severity, rule.Enforcement)
		}
		where := mdText(res.Input)
		if res.Location != nil {
			where = mdText(r.where(res))
		}
		message := res.Message
		if w := res.Waiver; w != nil && status == gate.Waived {
			message = fmt.Sprintf("%s — waived by %s: %s", message, w.Name, w.Reason)
			if w.Owner != "" {
				message += ", owner " + w.Owner
			}
			if w.Expires != "" {
				message += ", until " + w.Expires
			}
		}
		fmt.Fprintf(&entry, "| `%s` | %s | %s |\n", mdCode(res.Resource), where, mdText(message))
		if sec.Len()+entry.Len() > *budget {
			left++
			continue
		}
		sec.Write(entry.Bytes())
	}
	*budget -= sec.Len()
	b.WriteString(sec.String())
	return left
}

// writePostApply lists the runbook's post-apply verification, with what
// the checked inputs say about each.
func writePostApply(b *strings.Builder, r *Report) {
	checks := []struct{ label, rule string }{
		{"CloudTrail logging", "aws-cloudtrail-logging"},
		{"KMS keys usable (enabled)", "aws-kms-enabled"},
		{"S3 encrypted", "aws-s3-encryption"},
	}
	b.WriteString("\n### Post-apply verification\n\nAfter apply, run `tfgate check` on `terraform show -json` of the new state, and confirm:\n\n")
	for _, c := range checks {
		failing, total := 0, 0
		for _, res := range r.Results {
			if res.Rule.ID == c.rule {
				total++
				if res.Status != gate.Pass {
					failing++
				}
			}
		}
		state := "nothing to check in this change"
		if total > 0 {
			state = fmt.Sprintf("%d of %d resources pass `%s` here", total-failing, total, c.rule)
		}
		fmt.Fprintf(b, "- [ ] %s (%s)\n", c.label, state)
	}
}
