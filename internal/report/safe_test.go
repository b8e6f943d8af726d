package report

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/gate"
)

// hostile is text a user policy, a for_each key or a quoted attribute
// value could put in a report to mislead its reader.
const hostile = "bad\x1b[2J\r\nPASS: 0 failed; see [the fix](https://evil.example/x) ![i](https://evil.example/i.png) " +
	"<img src=x onerror=alert(1)> @acme/security cc @alice #12 www.evil.example https://evil.example \u202egnp.exe `code` |cell| \\](x)"

// TestHostileTextIsShownNotObeyed: in every format a person reads, hostile
// text forges no line, drives no terminal, reorders nothing and makes no
// link, image, HTML or mention; JSON carries it exactly.
func TestHostileTextIsShownNotObeyed(t *testing.T) {
	r := sample()
	rule := *r.Rules[0]
	// Ids are checked when policies load (policy.validID).
	rule.ID, rule.Title, rule.Description, rule.Remediation = "user-hostile", hostile, hostile, hostile
	rule.References = []gate.Reference{{URL: "javascript:alert(1)", Description: hostile}}
	r.Rules = append(r.Rules, &rule)
	r.Results = append(r.Results,
		gate.Result{Rule: &rule, Input: "plan.json", Resource: `aws_s3_bucket.b["` + hostile + `"]`, Status: gate.Fail, Message: hostile, Changed: true},
		gate.Result{Rule: &rule, Input: "plan.json", Resource: "aws_s3_bucket.c", Status: gate.Waived, Message: hostile, Changed: true,
			Waiver: &gate.Waiver{Name: "w", Reason: hostile, Owner: hostile, Source: "main.tf:1"}})
	r.Warnings = append(r.Warnings, hostile)
	r.Summary = r.Policy.Summarize(r.Results)

	bad := map[string]*regexp.Regexp{
		"control character":  regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f]"),
		"forged line":        regexp.MustCompile(`(?m)^PASS: 0 failed`),
		"bidi override":      regexp.MustCompile("\u202e"),
		"HTML":               regexp.MustCompile(`<img`),
		"mention":            regexp.MustCompile(`@(acme|alice)`),
		"issue link":         regexp.MustCompile(`#12`),
		"bare link":          regexp.MustCompile(`https://evil|www\.evil`),
		"javascript link":    regexp.MustCompile(`\]\(javascript:`),
		"markdown link text": regexp.MustCompile(`(^|[^\\])\]\(`),
	}
	for _, format := range Formats {
		if format == "json" {
			continue
		}
		whole := string(write(t, format, r))
		out := whole
		if format == "sarif" {
			// Viewers read links in messages' text; the built-in rule's
			// reference is a real one.
			var texts []string
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, `"text": `) {
					texts = append(texts, line)
				}
			}
			out = strings.ReplaceAll(strings.Join(texts, "\n"), "](https://docs.aws.amazon.com/", "")
		}
		if format == "markdown" {
			// Code spans show their text as it is.
			out = regexp.MustCompile("`[^`\n]*`").ReplaceAllString(out, "")
		}
		for what, re := range bad {
			if format == "sarif" && (what == "HTML" || what == "bare link" || what == "mention" || what == "issue link") {
				// SARIF text is shown as text; only its embedded links
				// are read, and its help is Markdown (checked below).
				continue
			}
			if format == "junit" || format == "text" {
				if what != "control character" && what != "forged line" && what != "bidi override" {
					continue
				}
			}
			if format == "github" && (what == "HTML" || what == "markdown link text") {
				continue
			}
			if m := re.FindString(out); m != "" {
				t.Errorf("%s: %s gets through: %q", format, what, m)
			}
		}
		if format == "sarif" {
			var doc struct {
				Runs []struct {
					Tool struct {
						Driver struct {
							Rules []struct {
								Help struct{ Markdown string }
							}
						}
					}
				}
			}
			if err := json.Unmarshal([]byte(whole), &doc); err != nil {
				t.Fatal(err)
			}
			for _, rule := range doc.Runs[0].Tool.Driver.Rules {
				md := rule.Help.Markdown
				for _, what := range []string{"HTML", "mention", "bare link", "javascript link", "markdown link text"} {
					if what == "markdown link text" || what == "bare link" {
						// The built-in rule's reference is a real link.
						md = strings.ReplaceAll(md, "](https://docs.aws.amazon.com/", "")
					}
					if m := bad[what].FindString(md); m != "" {
						t.Errorf("sarif help: %s gets through: %q", what, m)
					}
				}
			}
		}
	}
	var doc struct {
		Results []struct{ Message string }
	}
	if err := json.Unmarshal(write(t, "json", r), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, res := range doc.Results {
		found = found || res.Message == hostile
	}
	if !found {
		t.Error("json: the message is not carried exactly")
	}
}
