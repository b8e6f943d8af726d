package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/tfgate/tfgate/internal/gate"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// writeText writes what a person at a terminal needs: every resource with
// a failing, unknown or waived result, its findings under it, and a
// summary line. Passes are counted, not listed.
func writeText(w io.Writer, r *Report, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, in := range r.Inputs {
		fmt.Fprintf(bw, "%s %s: %d resources", in.Kind, in.Path, in.Resources)
		if in.TerraformVersion != "" {
			fmt.Fprintf(bw, " (terraform %s)", in.TerraformVersion)
		}
		if in.Kind == "state" {
			fmt.Fprint(bw, ", post-apply verification")
		}
		fmt.Fprintln(bw)
	}
	var current string
	for _, res := range r.Results {
		if res.Status == gate.Pass {
			continue
		}
		if key := res.Input + "\x00" + res.Resource; key != current {
			current = key
			fmt.Fprintln(bw)
			head := paint(ansiBold, res.Resource)
			if len(r.Inputs) > 1 {
				head += "  [" + res.Input + "]"
			}
			if l := res.Location; l != nil {
				where := fmt.Sprintf("%s:%d", l.File, l.StartLine)
				if len(res.Calls) > 0 {
					var calls []string
					for _, c := range res.Calls {
						calls = append(calls, fmt.Sprintf("%s:%d", c.File, c.StartLine))
					}
					where = strings.Join(append(calls, where), " → ")
				}
				head += paint(ansiCyan, "  "+where)
			}
			fmt.Fprintln(bw, head)
		}
		label := strings.ToUpper(string(res.Status))
		switch {
		case res.Status == gate.Fail && r.Policy.Blocks(res):
			label = paint(ansiRed, label)
		case res.Status == gate.Fail:
			label = paint(ansiYellow, label) + " (" + r.Policy.Why(res) + ")"
		case res.Status == gate.Unknown && r.Policy.Blocks(res):
			label = paint(ansiRed, label) + " (blocking)"
		case res.Status == gate.Unknown:
			label = paint(ansiYellow, label)
		}
		fmt.Fprintf(bw, "  %s %s [%s] %s\n", label, res.Rule.ID, res.Rule.Severity, res.Message)
		if w := res.Waiver; w != nil && res.Status == gate.Waived {
			fmt.Fprintf(bw, "    waived by %s: %s%s\n", w.Name, w.Reason, waiverDetails(w))
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(bw)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(bw, "%s %s\n", paint(ansiYellow, "warning:"), w)
	}
	s := r.Summary
	for _, what := range s.Incomplete {
		fmt.Fprintf(bw, "%s %s\n", paint(ansiYellow, "not evaluated:"), what)
	}
	verdict := paint(ansiGreen, "PASS")
	if s.Verdict() == "fail" {
		verdict = paint(ansiRed, "FAIL")
	}
	fmt.Fprintf(bw, "\n%s: %d failed (%d blocking), %d unknown (%d blocking), %d waived, %d passed; %d rules, fail on %s and above\n",
		verdict, s.Failed, s.Blocking, s.Unknown, s.BlockingUnknown, s.Waived, s.Passed, len(r.Rules), r.Policy.FailOn)
	fmt.Fprintf(bw, "coverage: %s\n", s.Coverage)
	if len(s.Incomplete) > 0 {
		fmt.Fprintf(bw, "incomplete: %s\n", incompleteNote(s))
	}
	return bw.Flush()
}

// incompleteNote says what an incomplete check means for the verdict.
func incompleteNote(s gate.Summary) string {
	n := fmt.Sprintf("%d part(s) of the configuration were not evaluated", len(s.Incomplete))
	if s.AllowIncomplete {
		return n + " (allowed by --allow-incomplete)"
	}
	return n + ", so the gate fails; fix what is listed, or pass --allow-incomplete to accept it"
}

func waiverDetails(w *gate.Waiver) string {
	var parts []string
	if w.Owner != "" {
		parts = append(parts, "owner "+w.Owner)
	}
	if w.Ticket != "" {
		parts = append(parts, "ticket "+w.Ticket)
	}
	if w.Expires != "" {
		parts = append(parts, "expires "+w.Expires)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
