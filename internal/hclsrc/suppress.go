package hclsrc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
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
// is on line (1-based) of src.
func suppressions(src []byte, file string, line int) ([]Suppression, error) {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return nil, nil
	}
	var out []Suppression
	add := func(n int, text string) error {
		i := strings.Index(text, marker)
		if i < 0 {
			return nil
		}
		s, err := ParseSuppression(text[i+len(marker):])
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, n, err)
		}
		s.File, s.Line = file, n
		out = append(out, s)
		return nil
	}
	// A comment at the end of the header line.
	header := string(lines[line-1])
	if i := commentStart(header); i >= 0 {
		if err := add(line, header[i:]); err != nil {
			return nil, err
		}
	}
	// The comment lines right above the header.
	for n := line - 1; n >= 1; n-- {
		text := strings.TrimSpace(string(lines[n-1]))
		if !strings.HasPrefix(text, "#") && !strings.HasPrefix(text, "//") {
			break
		}
		if err := add(n, text); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// commentStart finds a # or // comment after code on a header line, where
// strings hold only labels.
func commentStart(line string) int {
	inString := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"' && (i == 0 || line[i-1] != '\\'):
			inString = !inString
		case inString:
		case c == '#':
			return i
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			return i
		}
	}
	return -1
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
