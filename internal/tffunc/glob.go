package tffunc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// errBadPattern reports a malformed fileset pattern.
var errBadPattern = errors.New("syntax error in pattern")

// glob lists the paths matching pattern, a slash-separated path whose
// components may use * (any run of characters within a component), ?
// (one character), [class] and [^class] (but not [!class]: ! is literal), {alt1,alt2} and
// backslash escapes, and ** as a whole component for zero or more
// directories. This is the pattern language of the doublestar v1 module
// Terraform's fileset uses. Directories that cannot be read contribute no
// matches; a malformed pattern is an error.
//
// Relative patterns are resolved against root but the matches stay
// relative, as if root were the working directory.
func glob(root, pattern string) ([]string, error) {
	comps := strings.Split(filepath.ToSlash(pattern), "/")
	for _, c := range comps {
		if _, err := matchComponent(c, ""); err != nil {
			return nil, err
		}
	}
	base := ""
	if len(comps) > 1 && comps[0] == "" {
		base = "/"
		comps = comps[1:]
	}
	g := globber{root: root}
	err := g.from(base, comps)
	return g.out, err
}

// globber walks the filesystem for glob.
type globber struct {
	root string
	out  []string
}

// fsPath is where a match path is on the filesystem.
func (g *globber) fsPath(p string) string {
	if g.root == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(g.root, p)
}

func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[{\`) }

func (g *globber) from(base string, comps []string) error {
	// Components without patterns are taken as they are.
	i := 0
	for i < len(comps) && !hasMeta(comps[i]) {
		i++
	}
	if i > 0 {
		base = filepath.Join(append([]string{base}, comps[:i]...)...)
		comps = comps[i:]
	}
	if base == "" {
		base = "."
	}
	fi, err := os.Lstat(g.fsPath(base))
	if err != nil {
		return nil
	}
	if len(comps) == 0 {
		g.out = append(g.out, base)
		return nil
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		if fi, err = os.Stat(g.fsPath(base)); err != nil {
			return nil
		}
	}
	if !fi.IsDir() {
		return nil
	}
	entries, err := os.ReadDir(g.fsPath(base))
	if err != nil {
		return nil
	}
	last := len(comps) == 1
	if comps[0] == "**" {
		for _, e := range entries {
			p := filepath.Join(base, e.Name())
			isDir := e.IsDir()
			if e.Type()&os.ModeSymlink != 0 {
				st, err := os.Stat(g.fsPath(p))
				if err != nil {
					continue
				}
				isDir = st.IsDir()
			}
			switch {
			case isDir:
				if last {
					g.out = append(g.out, p)
				}
				if err := g.from(p, comps); err != nil {
					return err
				}
			case last:
				g.out = append(g.out, p)
			}
		}
		if last {
			return nil
		}
		comps = comps[1:]
		last = len(comps) == 1
	}
	for _, e := range entries {
		ok, err := matchComponent(comps[0], e.Name())
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		p := filepath.Join(base, e.Name())
		if last {
			g.out = append(g.out, p)
		} else if err := g.from(p, comps[1:]); err != nil {
			return err
		}
	}
	return nil
}

// matchComponent reports whether name matches one pattern component. With
// an empty name it still checks the whole pattern's syntax.
func matchComponent(pattern, name string) (bool, error) {
	if err := checkPattern(pattern); err != nil {
		return false, err
	}
	return matchHere(pattern, name), nil
}

// checkPattern validates classes, braces and escapes: every { needs a
// later }, every [ a closing ], and a pattern cannot end in a lone \.
func checkPattern(p string) error {
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			if i+1 >= len(p) {
				return errBadPattern
			}
			i++
		case '[':
			end, err := classEnd(p, i)
			if err != nil {
				return err
			}
			i = end
		case '{':
			if indexUnescaped(p[i+1:], '}') < 0 {
				return errBadPattern
			}
		}
	}
	return nil
}

// indexUnescaped is the index of the first c in s not escaped by \.
func indexUnescaped(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case c:
			return i
		}
	}
	return -1
}

// classEnd returns the index of the ] closing the class opened at p[start].
func classEnd(p string, start int) (int, error) {
	i := start + 1
	if i < len(p) && p[i] == '^' {
		i++
	}
	first := true
	for i < len(p) {
		switch {
		case p[i] == ']' && !first:
			return i, nil
		case p[i] == '\\':
			i += 2
		default:
			_, n := utf8.DecodeRuneInString(p[i:])
			i += n
		}
		first = false
	}
	return 0, errBadPattern
}

// matchHere matches name against a syntactically valid pattern.
func matchHere(p, name string) bool {
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(name); {
				if matchHere(p, name[i:]) {
					return true
				}
				if i == len(name) {
					break
				}
				_, n := utf8.DecodeRuneInString(name[i:])
				i += n
			}
			return false
		case '?':
			if len(name) == 0 {
				return false
			}
			_, n := utf8.DecodeRuneInString(name)
			p, name = p[1:], name[n:]
		case '[':
			if len(name) == 0 {
				return false
			}
			end, _ := classEnd(p, 0)
			r, n := utf8.DecodeRuneInString(name)
			if !classMatch(p[1:end], r) {
				return false
			}
			p, name = p[end+1:], name[n:]
		case '{':
			alts, rest := splitBraces(p)
			for _, alt := range alts {
				if matchHere(alt+rest, name) {
					return true
				}
			}
			return false
		case '\\':
			if len(p) < 2 {
				return false
			}
			r, pn := utf8.DecodeRuneInString(p[1:])
			c, n := utf8.DecodeRuneInString(name)
			if len(name) == 0 || r != c {
				return false
			}
			p, name = p[1+pn:], name[n:]
		default:
			r, pn := utf8.DecodeRuneInString(p)
			c, n := utf8.DecodeRuneInString(name)
			if len(name) == 0 || r != c {
				return false
			}
			p, name = p[pn:], name[n:]
		}
	}
	return len(name) == 0
}

// classMatch matches r against the inside of a [class].
func classMatch(class string, r rune) bool {
	negate := false
	if len(class) > 0 && class[0] == '^' {
		negate = true
		class = class[1:]
	}
	matched := false
	for len(class) > 0 {
		lo, n := classRune(class)
		class = class[n:]
		hi := lo
		if len(class) > 1 && class[0] == '-' {
			hi, n = classRune(class[1:])
			class = class[1+n:]
		}
		if lo <= r && r <= hi {
			matched = true
		}
	}
	return matched != negate
}

func classRune(s string) (rune, int) {
	if s[0] == '\\' && len(s) > 1 {
		r, n := utf8.DecodeRuneInString(s[1:])
		return r, n + 1
	}
	return utf8.DecodeRuneInString(s)
}

// splitBraces splits "{a,b}rest" into its alternatives and the rest. As in
// doublestar v1, the alternatives end at the first } and are separated by
// every comma, so braces do not nest: "{a,{b,c}}" has the alternatives a,
// {b and c, followed by "}".
func splitBraces(p string) ([]string, string) {
	end := indexUnescaped(p[1:], '}')
	if end < 0 {
		return []string{p}, ""
	}
	inner, rest := p[1:1+end], p[2+end:]
	var alts []string
	for {
		i := indexUnescaped(inner, ',')
		if i < 0 {
			return append(alts, inner), rest
		}
		alts = append(alts, inner[:i])
		inner = inner[i+1:]
	}
}
