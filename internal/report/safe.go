package report

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
)

// Text in a report comes from people the reader should not have to trust:
// rule metadata and messages from user policies, resource addresses with
// for_each keys, attribute values that messages quote. Every format but
// JSON, which carries the data as it is, shows it through displayable,
// so that no message can forge a line of a log, move a terminal's cursor
// or reorder what a reader sees; the Markdown and SARIF writers also keep
// it from turning into links, images or mentions (mdText, sarifMessage).

// unsafeRune reports whether a character must not reach a reader as it
// is: control characters, which forge lines and drive terminals, and the
// bidirectional overrides and marks that make text read in another order
// than it is written.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 ||
		r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == utf8.RuneError
}

// plain returns s with every unsafe character shown as an escape (\u001b),
// and line breaks and tabs as spaces; s itself when it has none.
func plain(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// displayable returns the report with all its text plain: r itself when
// it is already, else a copy (the caller's report is never changed).
func displayable(r *Report) *Report {
	if clean(r) {
		return r
	}
	out := *r
	rules := make(map[*gate.Rule]*gate.Rule, len(r.Rules))
	rule := func(old *gate.Rule) *gate.Rule {
		if old == nil {
			return nil
		}
		if n, ok := rules[old]; ok {
			return n
		}
		n := *old
		n.ID, n.Title, n.Description, n.Remediation, n.Runbook = plain(n.ID), plain(n.Title), plain(n.Description), plain(n.Remediation), plain(n.Runbook)
		n.References = make([]gate.Reference, len(old.References))
		for i, ref := range old.References {
			n.References[i] = gate.Reference{URL: plain(ref.URL), Description: plain(ref.Description)}
		}
		rules[old] = &n
		return &n
	}
	out.Rules = make([]*gate.Rule, len(r.Rules))
	for i, x := range r.Rules {
		out.Rules[i] = rule(x)
	}
	out.Results = make([]gate.Result, len(r.Results))
	for i, res := range r.Results {
		res.Rule = rule(res.Rule)
		res.Input, res.Resource, res.ResourceType, res.Message = plain(res.Input), plain(res.Resource), plain(res.ResourceType), plain(res.Message)
		res.Location = plainLocation(res.Location)
		if res.Calls != nil {
			calls := make([]model.Location, len(res.Calls))
			for j, c := range res.Calls {
				calls[j] = *plainLocation(&c)
			}
			res.Calls = calls
		}
		if res.Related != nil {
			related := make([]gate.Related, len(res.Related))
			for j, rel := range res.Related {
				related[j] = gate.Related{Resource: plain(rel.Resource), Location: plainLocation(rel.Location)}
			}
			res.Related = related
		}
		if w := res.Waiver; w != nil {
			res.Waiver = &gate.Waiver{Name: plain(w.Name), Reason: plain(w.Reason), Owner: plain(w.Owner), Ticket: plain(w.Ticket),
				Expires: plain(w.Expires), Expired: w.Expired, Source: plain(w.Source), InSource: w.InSource}
		}
		out.Results[i] = res
	}
	out.Inputs = make([]Input, len(r.Inputs))
	for i, in := range r.Inputs {
		in.Path, in.SourceDir = plain(in.Path), plain(in.SourceDir)
		changes := make([]Change, len(in.Changes))
		for j, c := range in.Changes {
			changes[j] = Change{Address: plain(c.Address), Type: plain(c.Type), Actions: c.Actions}
		}
		in.Changes = changes
		out.Inputs[i] = in
	}
	out.Warnings = plainAll(r.Warnings)
	out.Summary.Incomplete = plainAll(r.Summary.Incomplete)
	out.Summary.Coverage.Unjudged = plainAll(r.Summary.Coverage.Unjudged)
	return &out
}

func plainLocation(l *model.Location) *model.Location {
	if l == nil {
		return nil
	}
	c := *l
	c.File = plain(c.File)
	return &c
}

func plainAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = plain(s)
	}
	return out
}

// clean reports whether every text of a report is plain already, which
// is the rule: checking costs one pass over the text and no copy.
func clean(r *Report) bool {
	ok := func(s string) bool { return strings.IndexFunc(s, unsafeRune) < 0 }
	for _, rule := range r.Rules {
		if !ok(rule.ID) || !ok(rule.Title) || !ok(rule.Description) || !ok(rule.Remediation) || !ok(rule.Runbook) {
			return false
		}
		for _, ref := range rule.References {
			if !ok(ref.URL) || !ok(ref.Description) {
				return false
			}
		}
	}
	for _, res := range r.Results {
		if !ok(res.Input) || !ok(res.Resource) || !ok(res.ResourceType) || !ok(res.Message) ||
			res.Location != nil && !ok(res.Location.File) {
			return false
		}
		for _, c := range res.Calls {
			if !ok(c.File) {
				return false
			}
		}
		for _, rel := range res.Related {
			if !ok(rel.Resource) || rel.Location != nil && !ok(rel.Location.File) {
				return false
			}
		}
		if w := res.Waiver; w != nil && (!ok(w.Name) || !ok(w.Reason) || !ok(w.Owner) || !ok(w.Ticket) || !ok(w.Expires) || !ok(w.Source)) {
			return false
		}
	}
	for _, in := range r.Inputs {
		if !ok(in.Path) || !ok(in.SourceDir) {
			return false
		}
		for _, c := range in.Changes {
			if !ok(c.Address) || !ok(c.Type) {
				return false
			}
		}
	}
	for _, list := range [][]string{r.Warnings, r.Summary.Incomplete, r.Summary.Coverage.Unjudged} {
		for _, s := range list {
			if !ok(s) {
				return false
			}
		}
	}
	return true
}

// mdText makes plain text safe inside Markdown, outside code spans: it
// cannot break a table, open a link, an image or HTML, or mention a
// person or team, link an issue or turn a URL into a link.
func mdText(s string) string {
	return defang(mdEscaper.Replace(s))
}

// mdCode makes plain text safe inside a code span of a table cell, where
// Markdown reads nothing but the closing backtick and the cell's pipe.
func mdCode(s string) string {
	return mdCodeEscaper.Replace(s)
}

// The escapers are built once, never changed and safe for concurrent use.
var (
	mdEscaper = strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "[", `\[`, "]", `\]`, "`", "\\`", "*", `\*`,
		"<", "&lt;", ">", "&gt;", "&", "&amp;", "\n", " ", "\r", " ")
	mdCodeEscaper = strings.NewReplacer("`", "'", "|", `\|`, "\n", " ", "\r", " ")
	// defanger puts a word joiner (U+2060, invisible) where GitHub would
	// start a mention (@team), an issue link (#12) or a bare link
	// (https://, www.).
	defanger = strings.NewReplacer("@", "@\u2060", "#", "#\u2060", "://", ":\u2060//", "www.", "www\u2060.")
)

func defang(s string) string { return defanger.Replace(s) }

// sarifMessage makes plain text safe as a SARIF message's text, where a
// viewer reads [text](target) as a link: it escapes the bracket that
// closes such a text, and a backslash before a bracket, so that a message
// can hold no link while addresses (a["k"]) read as they are.
func sarifMessage(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, `\[`) && !strings.Contains(s, `\]`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ']' && i+1 < len(s) && s[i+1] == '(':
			b.WriteString(`\]`)
		case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '[' || s[i+1] == ']'):
			b.WriteString(`\\`)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// declaredHelp is the help address a user rule declares: the first of its
// references (METADATA related_resources) that is a web address, or "".
func declaredHelp(rule *gate.Rule) string {
	for _, ref := range rule.References {
		if u, err := url.Parse(ref.URL); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			return ref.URL
		}
	}
	return ""
}

// mdLink writes a rule's reference as a Markdown link: only a web address
// that needs no escaping becomes one; anything else is shown as text.
func mdLink(ref gate.Reference) string {
	label := ref.Description
	if label == "" {
		label = ref.URL
	}
	u, err := url.Parse(ref.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(ref.URL, " ()<>[]`\\\"'") {
		return mdText(label + " (" + ref.URL + ")")
	}
	return "[" + mdText(label) + "](" + ref.URL + ")"
}
