package tffunc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The oracle is `terraform console -plan` run in a scratch copy of
// testdata/files. Console prints only the result of the last line of its
// standard input and stops at the first error, so every question is its own
// process: jsonencode(EXPR) for the value, type(EXPR) for the type, and, when
// the value is sensitive or unknown, nonsensitive(jsonencode(EXPR)) or EXPR
// itself.

const (
	corpusPath  = "testdata/expressions.txt"
	goldenPath  = "testdata/console.golden.json"
	filesDir    = "testdata/files"
	fakeHome    = "/home/tfgate"
	knownAfter  = "(known after apply)"
	sensitiveOp = "(sensitive value)"
)

// corpusEntry is one expression of testdata/expressions.txt.
type corpusEntry struct {
	Line int
	Expr string
	// Differs is the reason given after "#!" for a documented difference
	// between terraform console and tfgate; empty for ordinary lines.
	Differs string
}

// consoleRecord is what terraform console answered for one expression.
type consoleRecord struct {
	Expr string `json:"expr"`
	// Error is the console's error summary and detail when it failed.
	Error string `json:"error,omitempty"`
	// Type is type(EXPR) with its layout normalised (see normalizeType).
	Type string `json:"type,omitempty"`
	// Value is jsonencode(EXPR) (through nonsensitive when needed); absent
	// when the value is not wholly known.
	Value json.RawMessage `json:"value,omitempty"`
	// Sensitive is set when any part of the value is marked sensitive.
	Sensitive bool `json:"sensitive,omitempty"`
	// Unknown is set when the value is not wholly known; Console then holds
	// the console's own rendering of EXPR.
	Unknown bool   `json:"unknown,omitempty"`
	Console string `json:"console,omitempty"`
}

func readCorpus(t testing.TB) []corpusEntry {
	t.Helper()
	f, err := os.Open(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusEntry
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		e := corpusEntry{Line: line, Expr: text}
		if i := strings.Index(text, "#!"); i >= 0 {
			e.Expr = strings.TrimSpace(text[:i])
			e.Differs = strings.TrimSpace(text[i+2:])
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readGolden(t testing.TB) []consoleRecord {
	t.Helper()
	b, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run: go test ./internal/tffunc -run TestConsoleGolden -update-console)", err)
	}
	var recs []consoleRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeGolden(t testing.TB, recs []consoleRecord) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(recs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goldenPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// oracle runs terraform console in a scratch copy of testdata/files.
type oracle struct {
	bin   string
	dir   string
	state string
	seq   int
	mu    sync.Mutex
}

func newOracle(t testing.TB) *oracle {
	t.Helper()
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on the PATH: the console oracle is unavailable (the golden file is still checked by TestConsoleGolden)")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "files")
	if err := copyTree(filesDir, dir); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(root, "state")
	if err := os.Mkdir(state, 0o755); err != nil {
		t.Fatal(err)
	}
	return &oracle{bin: bin, dir: dir, state: state}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// ask runs one console process on one line and returns its standard output
// or, when it failed, its error text.
func (o *oracle) ask(line string) (out string, failure string, err error) {
	o.mu.Lock()
	o.seq++
	statePath := filepath.Join(o.state, fmt.Sprintf("s%d.tfstate", o.seq))
	o.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.bin, "console", "-no-color", "-plan", "-state="+statePath)
	cmd.Dir = o.dir
	cmd.Stdin = strings.NewReader(line + "\n")
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE=/dev/null",
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"HOME="+fakeHome,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	if runErr != nil {
		var exitErr *exec.ExitError
		if errors.As(runErr, &exitErr) && stderr.Len() > 0 {
			return "", summarizeError(stderr.String()), nil
		}
		return "", "", fmt.Errorf("terraform console %q: %v: %s", line, runErr, stderr.String())
	}
	return strings.TrimRight(stdout.String(), "\n"), "", nil
}

var blankRuns = regexp.MustCompile(`\s+`)

// summarizeError keeps the summary and detail of a console diagnostic and
// drops the source location lines.
func summarizeError(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "on <console-input>") || l == "(source code not available)" {
			continue
		}
		keep = append(keep, l)
	}
	msg := blankRuns.ReplaceAllString(strings.Join(keep, " "), " ")
	// A panic in Terraform prints a goroutine dump; keep its first line.
	if i := strings.Index(msg, " goroutine "); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// record asks the console everything needed for one expression.
func (o *oracle) record(expr string) (consoleRecord, error) {
	rec := consoleRecord{Expr: expr}
	out, failure, err := o.ask("jsonencode(" + expr + ")")
	if err != nil {
		return rec, err
	}
	if failure != "" {
		// jsonencode accepts every value, so the failure is the
		// expression's own.
		rec.Error = failure
		return rec, nil
	}
	switch out {
	case knownAfter:
		rec.Unknown = true
		native, failure, err := o.ask(expr)
		if err != nil {
			return rec, err
		}
		if failure != "" {
			return rec, fmt.Errorf("%s: jsonencode worked but the bare expression failed: %s", expr, failure)
		}
		rec.Console = native
		rec.Sensitive = strings.Contains(native, sensitiveOp)
	case sensitiveOp:
		rec.Sensitive = true
		out, failure, err = o.ask("nonsensitive(jsonencode(" + expr + "))")
		if err != nil {
			return rec, err
		}
		if failure != "" {
			return rec, fmt.Errorf("%s: nonsensitive(jsonencode()) failed: %s", expr, failure)
		}
		fallthrough
	default:
		s, err := strconv.Unquote(out)
		if err != nil {
			return rec, fmt.Errorf("%s: cannot unquote console output %q: %v", expr, out, err)
		}
		if !json.Valid([]byte(s)) {
			return rec, fmt.Errorf("%s: console returned invalid JSON %q", expr, s)
		}
		rec.Value = json.RawMessage(s)
	}
	tout, failure, err := o.ask("type(" + expr + ")")
	if err != nil {
		return rec, err
	}
	if failure != "" {
		return rec, fmt.Errorf("%s: type() failed: %s", expr, failure)
	}
	rec.Type = normalizeType(tout)
	return rec, nil
}

var trailingComma = regexp.MustCompile(`,([)\]}])`)

// normalizeType joins the console's multi-line type layout into one line:
// "tuple([\n    number,\n])" becomes "tuple([number])".
func normalizeType(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimSpace(l))
	}
	return trailingComma.ReplaceAllString(b.String(), "$1")
}

// recordAll asks the oracle about every expression, a few at a time.
func (o *oracle) recordAll(t testing.TB, entries []corpusEntry) []consoleRecord {
	t.Helper()
	recs := make([]consoleRecord, len(entries))
	errs := make([]error, len(entries))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				recs[i], errs[i] = o.record(entries[i].Expr)
			}
		}()
	}
	for i := range entries {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("line %d: %v", entries[i].Line, err)
		}
	}
	return recs
}

// version reports the terraform version the oracle runs.
func (o *oracle) version() (string, error) {
	out, err := exec.Command(o.bin, "version").Output()
	if err != nil {
		return "", err
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return first, nil
}
