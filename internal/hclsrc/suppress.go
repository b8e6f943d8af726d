package hclsrc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// marker starts an inline suppression in a comment:
//
//	# tfgate:ignore aws-s3-versioning reason="replicated by the DR account" expires=2026-12-31
//	resource "aws_s3_bucket" "logs" {
//
// on the line of a block header or on the comment lines right above it.
// reason is required; expires, owner and ticket are optional.
const marker = "tfgate:ignore"

// Suppression is one inline suppression, as written.
type Suppression struct {
	Rule    string
	Reason  string
	Expires string
	Owner   string
	Ticket  string
	File    string
	Line    int
}

// suppressions returns the suppressions written for the block whose header
// is on line (1-based) of src: in a comment on the header line, or on the
// comment lines right above it. Comments are found by Terraform's own
// lexer, so a marker inside a string, a template or a heredoc is data,
// not a suppression; a JSON file has no comments, and no suppressions.
func suppressions(src []byte, file string, line int) ([]Suppression, error) {
	if strings.HasSuffix(file, ".json") {
		return nil, nil
	}
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return nil, nil
	}
	// comments maps a line to the comment that starts on it, and whether
	// the comment is all the line holds.
	type comment struct {
		text  string
		alone bool
	}
	comments := map[int]comment{}
	tokens, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	for _, t := range tokens {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		n := t.Range.Start.Line
		if n < 1 || n > len(lines) {
			continue
		}
		before := lines[n-1][:min(t.Range.Start.Column-1, len(lines[n-1]))]
		comments[n] = comment{text: string(t.Bytes), alone: len(bytes.TrimSpace(before)) == 0}
	}
	var out []Suppression
	add := func(n int, text string) error {
		i := strings.Index(text, marker)
		if i < 0 {
			return nil
		}
		s, err := ParseSuppression(strings.TrimSpace(strings.TrimSuffix(text[i+len(marker):], "*/")))
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, n, err)
		}
		s.File, s.Line = file, n
		out = append(out, s)
		return nil
	}
	// A comment at the end of the header line.
	if c, ok := comments[line]; ok && !c.alone {
		if err := add(line, c.text); err != nil {
			return nil, err
		}
	}
	// The comment lines right above the header.
	for n := line - 1; n >= 1; n-- {
		c, ok := comments[n]
		if !ok || !c.alone {
			break
		}
		if err := add(n, c.text); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ParseSuppression reads what follows the marker: a rule id, then
// key=value pairs whose values are bare words or double-quoted strings.
func ParseSuppression(text string) (Suppression, error) {
	var s Suppression
	rest := strings.TrimSpace(text)
	id, rest := cutWord(rest)
	if id == "" || strings.Contains(id, "=") {
		return s, fmt.Errorf("tfgate:ignore needs a rule id, such as: # tfgate:ignore aws-s3-versioning reason=\"...\"")
	}
	s.Rule = id
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		key, after, ok := strings.Cut(rest, "=")
		if !ok || key == "" || strings.ContainsFunc(key, unicode.IsSpace) {
			return s, fmt.Errorf("tfgate:ignore %s: expected key=value, got %q", id, rest)
		}
		var value string
		if strings.HasPrefix(after, `"`) {
			quoted, err := strconv.QuotedPrefix(after)
			if err != nil {
				return s, fmt.Errorf("tfgate:ignore %s: unterminated string after %s=", id, key)
			}
			value, _ = strconv.Unquote(quoted)
			rest = after[len(quoted):]
		} else {
			value, rest = cutWord(after)
		}
		switch key {
		case "reason":
			s.Reason = strings.TrimSpace(value)
		case "expires":
			s.Expires = value
		case "owner":
			s.Owner = value
		case "ticket":
			s.Ticket = value
		default:
			return s, fmt.Errorf("tfgate:ignore %s: unknown key %q (want reason, expires, owner or ticket)", id, key)
		}
	}
	if s.Reason == "" {
		return s, fmt.Errorf("tfgate:ignore %s needs a reason=\"...\"", id)
	}
	return s, nil
}

func cutWord(s string) (word, rest string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}
