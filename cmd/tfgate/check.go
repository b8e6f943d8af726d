package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/config"
	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/policy"
	"github.com/tfgate/tfgate/internal/report"
)

// checkOptions are the flags of tfgate check.
type checkOptions struct {
	format      string
	output      string
	reports     []string
	policyDirs  []string
	noBuiltin   bool
	failOn      string
	timeout     time.Duration
	quiet       bool
	noColor     bool
	now         string
	emergency   string
	window      time.Duration
	ticket      string
	ticketRE    string
	dir         string
	backup      string
	config      string
	changedOnly bool
	incomplete  bool   // --allow-incomplete
	unknowns    string // --fail-on-unknown
	maxInput    int64  // --max-input-size
	varFiles    []string
	vars        []string
	rules       []string // --rule globs
	skipRules   []string // --skip-rule globs
	softFail    bool
	color       string
	baseDir     string // --base-dir
	category    string // --category
	savePlan    string // tfgate plan --save-plan

	// builtinEngine, when set, is an engine of the built-in policies
	// compiled before, to use instead of compiling them again when no
	// other policies are asked for (tests run thousands of checks).
	builtinEngine func() (*policy.Engine, error)

	// Set by parseCheck once the flags are checked.
	dests []destination
	set   settings
	given func(name string) bool // whether a flag was given (or set from the environment)
	// root and workDir are the repository root and the working
	// directory, absolute: report.Report's BaseDir and WorkDir.
	root, workDir string
}

// destination is one report to write: a format and a file ("" for stdout).
type destination struct {
	format string
	path   string
}

// settings are the options of one check once flags, the configuration
// file and the defaults are merged (a flag given wins over the file).
type settings struct {
	config     *config.Config // nil without a configuration file
	policyDirs []string
	failOn     gate.Severity
	now        time.Time // zero: each input's own clock
	emergency  string
	window     time.Duration
	ticketRE   string
	protected  []string
	// failOnUnknown is the lowest enforcement level whose unknowns block.
	failOnUnknown gate.Enforcement
}

func runCheck(args []string, stdout, stderr io.Writer) (int, error) {
	o, inputs, err := parseCheck(args, stdout, false)
	if err != nil {
		return exitError, err
	}
	return checkAndReport(o, inputs, stdout, stderr)
}

// checkFlags defines the flags of tfgate check on fs.
func checkFlags(fs *pflag.FlagSet, o *checkOptions) {
	fs.StringVar(&o.format, "format", "text", "report format on stdout or --output: "+strings.Join(report.Formats, ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the --format report to this file instead of stdout")
	fs.StringArrayVar(&o.reports, "report", nil, "also write a report, as FORMAT=FILE (repeatable)")
	fs.StringVar(&o.config, "config", "", "configuration file (default: "+config.DefaultFile+" when it exists)")
	fs.StringVar(&o.dir, "dir", "", "Terraform source root, to locate resources in .tf files and read the backend (default: the plan file's folder when it holds .tf files)")
	fs.StringArrayVar(&o.varFiles, "var-file", nil, "variable file for .tf directory inputs (repeatable)")
	fs.StringArrayVar(&o.vars, "var", nil, "variable for .tf directory inputs, as NAME=VALUE (repeatable)")
	fs.StringArrayVarP(&o.policyDirs, "policy", "p", nil, "directory of user Rego policies, added to the built-ins (repeatable)")
	fs.BoolVar(&o.noBuiltin, "no-builtin", false, "do not load the built-in rules")
	fs.StringArrayVar(&o.rules, "rule", nil, "run only the rules whose id matches this glob, such as aws-s3-* (repeatable)")
	fs.StringArrayVar(&o.skipRules, "skip-rule", nil, "do not run the rules whose id matches this glob (repeatable)")
	fs.StringVar(&o.failOn, "fail-on", string(gate.DefaultFailOn), "lowest severity that fails the gate: critical, high, medium, low, info")
	fs.BoolVar(&o.softFail, "soft-fail", false, "report everything but exit 0 unless an error stops the check (report-only mode)")
	fs.BoolVar(&o.changedOnly, "changed-only", false, "only results the change touches (their resource, or one linked to it, changes) can fail the gate")
	fs.StringVar(&o.unknowns, "fail-on-unknown", string(gate.DefaultFailOnUnknown), "lowest enforcement level whose unknown results fail the gate: none, advisory, soft-mandatory, hard-mandatory")
	fs.Int64Var(&o.maxInput, "max-input-size", defaultMaxInput, "refuse a plan or state file larger than this many bytes (checking one takes several times its size in memory)")
	fs.BoolVar(&o.incomplete, "allow-incomplete", false, "let a directory check pass that could not evaluate part of the configuration (it is still reported)")
	fs.StringVar(&o.now, "now", "", "clock for time rules and waiver expiry, RFC 3339 (default: the plan's timestamp, else the wall clock)")
	fs.StringVar(&o.emergency, "emergency-pattern", policy.DefaultEmergencyPattern, "regular expression that marks IAM roles and policies as emergency access")
	fs.DurationVar(&o.window, "emergency-window", policy.DefaultEmergencyWindow, "longest emergency access may last")
	fs.StringVar(&o.ticket, "ticket", "", "change ticket for this change, such as CHG-1234")
	fs.StringVar(&o.ticketRE, "ticket-pattern", policy.DefaultTicketPattern, "regular expression a --ticket must match")
	fs.StringVar(&o.backup, "state-backup", "", "raw state file (terraform state pull), or a folder of them, that must back up the plan's prior state")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up evaluating after this long")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "write no report to stdout; only the exit code and errors")
	fs.StringVar(&o.color, "color", "auto", "colours in text output: auto (on a terminal, unless NO_COLOR is set), always, never")
	fs.BoolVar(&o.noColor, "no-color", false, "no colours in text output: --color never")
	fs.StringVar(&o.baseDir, "base-dir", "", "repository root that SARIF, github and gitlab reports write paths relative to (default: $GITHUB_WORKSPACE or $CI_PROJECT_DIR, else the git work tree around the working directory, else the working directory)")
	fs.StringVar(&o.category, "category", "", "name of this check among several of one repository, such as the environment: the SARIF automationDetails id (code scanning's category)")
}

// parseCheck parses and checks the flags of tfgate check (of tfgate plan
// when forPlan, which takes no inputs), with TFGATE_<FLAG> environment
// variables for the flags not given, and returns them with the inputs.
// Every flag is checked here, before anything runs.
func parseCheck(args []string, stdout io.Writer, forPlan bool) (checkOptions, []string, error) {
	var o checkOptions
	synopsis := "check [flags] INPUT...\n\nINPUT is a plan or state JSON file (terraform show -json), a binary plan file,\na directory of .tf files, or - for JSON on stdin."
	if forPlan {
		synopsis = "plan [--save-plan FILE] [check flags] -- [terraform plan arguments]\n\nRuns terraform plan -out in the working directory, then checks the plan with\nthe flags below (--dir defaults to the working directory). --save-plan keeps\nthe plan file for terraform apply; without it the plan is not kept."
	}
	fs := newFlags("check", synopsis, stdout)
	checkFlags(fs, &o)
	if forPlan {
		fs.StringVar(&o.savePlan, "save-plan", "", "keep the plan file here, for terraform apply")
	}
	if err := parse(fs, args); err != nil {
		return o, nil, err
	}
	if err := fromEnvironment(fs, os.LookupEnv); err != nil {
		return o, nil, err
	}
	inputs := fs.Args()
	switch {
	case forPlan && len(inputs) > 0:
		return o, nil, fmt.Errorf("tfgate plan takes no input (%s); it checks the plan it makes", inputs[0])
	case !forPlan && len(inputs) == 0:
		return o, nil, errors.New("no input; give a plan or state JSON file (terraform show -json), a directory of .tf files, or - for JSON on stdin")
	}
	if o.timeout <= 0 {
		return o, nil, fmt.Errorf("--timeout must be positive, got %s", o.timeout)
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return o, nil, fmt.Errorf("--color %q: want auto, always or never", o.color)
	}
	if o.noColor {
		o.color = "never"
	}
	if slices.Contains(report.Formats, o.output) && !fs.Changed("format") {
		if _, err := os.Stat(o.output); err != nil {
			return o, nil, fmt.Errorf("-o names the report file, and %q is a format: write --format %s (and -o FILE to write it to a file)", o.output, o.output)
		}
	}
	if i := slices.Index(inputs, "-"); i >= 0 && slices.Contains(inputs[i+1:], "-") {
		return o, nil, errors.New("- (stdin) can be given once")
	}
	var err error
	if o.dests, err = destinations(o); err != nil {
		return o, nil, err
	}
	if o.root, o.workDir, err = repoRoot(o.baseDir, os.Getenv); err != nil {
		return o, nil, err
	}
	if o.set, err = resolve(o, fs.Changed); err != nil {
		return o, nil, err
	}
	o.given = fs.Changed
	return o, inputs, nil
}

// checkAndReport runs tfgate check with parsed options.
func checkAndReport(o checkOptions, inputs []string, stdout, stderr io.Writer) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	in := make([]check.Input, len(inputs))
	for i, path := range inputs {
		in[i] = check.Input{Path: path}
		if path == "-" {
			data, err := readStdin(o.maxInput)
			if err != nil {
				return exitError, err
			}
			in[i].Data = data
		}
	}
	c, err := check.New(ctx, checkerOptions(o))
	if err != nil {
		return exitError, err
	}
	rep, err := c.Run(ctx, in)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return exitError, fmt.Errorf("%w (--timeout %s)", err, o.timeout)
		}
		return exitError, err
	}
	// Files first: if one cannot be written, the run is an error and
	// stdout must not have shown a verdict already.
	for _, d := range o.dests {
		if d.path == "" {
			continue
		}
		if err := writeFile(d.path, func(w io.Writer) error {
			return report.Write(w, d.format, rep, report.Options{})
		}); err != nil {
			return exitError, fmt.Errorf("write %s report: %w", d.format, err)
		}
	}
	color := o.color == "always" || o.color == "auto" && os.Getenv("NO_COLOR") == "" && isTerminal(stdout)
	for _, d := range o.dests {
		if d.path != "" || o.quiet {
			continue
		}
		if err := report.Write(stdout, d.format, rep, report.Options{Color: color}); err != nil {
			return exitError, fmt.Errorf("write %s report: %w", d.format, err)
		}
	}
	return rep.ExitCode, nil
}

// checkerOptions are the options of the check pipeline for parsed flags.
func checkerOptions(o checkOptions) check.Options {
	set := o.set
	return check.Options{
		Config:           set.config,
		PolicyDirs:       set.policyDirs,
		NoBuiltin:        o.noBuiltin,
		Engine:           o.builtinEngine,
		Policy:           gate.Policy{FailOn: set.failOn, ChangedOnly: o.changedOnly, AllowIncomplete: o.incomplete || set.config != nil && set.config.AllowIncomplete, FailOnUnknown: set.failOnUnknown},
		SoftFail:         o.softFail,
		Rules:            o.rules,
		SkipRules:        o.skipRules,
		Now:              set.now,
		EmergencyPattern: set.emergency,
		EmergencyWindow:  set.window,
		Ticket:           o.ticket,
		TicketPattern:    set.ticketRE,
		ProtectedTypes:   set.protected,
		Flagged:          o.given,
		Dir:              o.dir,
		VarFiles:         o.varFiles,
		Vars:             o.vars,
		Env:              tfVars(os.Environ()),
		StateBackup:      o.backup,
		MaxInputSize:     o.maxInput,
		TuneGC:           os.Getenv("GOGC") == "", // a GOGC the user set wins
		Version:          toolVersion(),
		BaseDir:          o.root,
		WorkDir:          o.workDir,
		Category:         o.category,
	}
}

// tfVars are the TF_VAR_ variables of an environment, by variable name.
func tfVars(environ []string) map[string]string {
	env := map[string]string{}
	for _, kv := range environ {
		if name, value, ok := strings.Cut(kv, "="); ok {
			if v, ok := strings.CutPrefix(name, "TF_VAR_"); ok && v != "" {
				env[v] = value
			}
		}
	}
	return env
}

// resolve merges the flags with the configuration file: a flag the user
// gave wins, then the file, then the flag's default.
func resolve(o checkOptions, given func(string) bool) (settings, error) {
	var set settings
	path := o.config
	if path == "" {
		if _, err := os.Stat(config.DefaultFile); err == nil {
			path = config.DefaultFile
		}
	}
	if path != "" {
		c, err := config.Load(path)
		if err != nil {
			return set, err
		}
		set.config = c
	}
	c := set.config
	if c == nil {
		c = &config.Config{}
	}
	pick := func(flag, name, fromFile string) string {
		if given(name) || fromFile == "" {
			return flag
		}
		return fromFile
	}
	var err error
	if set.failOn, err = gate.ParseSeverity(o.failOn); err != nil {
		return set, fmt.Errorf("--fail-on: %w", err)
	}
	if !given("fail-on") && c.FailOn != "" {
		set.failOn = c.FailOn
	}
	if o.now != "" {
		if set.now, err = time.Parse(time.RFC3339, o.now); err != nil {
			return set, fmt.Errorf("--now %q: want an RFC 3339 time such as 2026-11-28T12:00:00Z", o.now)
		}
	}
	set.emergency = pick(o.emergency, "emergency-pattern", c.EmergencyPattern)
	set.ticketRE = pick(o.ticketRE, "ticket-pattern", c.TicketPattern)
	if _, err := regexp.Compile(set.emergency); err != nil {
		return set, fmt.Errorf("--emergency-pattern: %w", err)
	}
	if _, err := regexp.Compile(set.ticketRE); err != nil {
		return set, fmt.Errorf("--ticket-pattern: %w", err)
	}
	if set.failOnUnknown, err = config.ParseFailOnUnknown(o.unknowns); err != nil {
		return set, fmt.Errorf("--fail-on-unknown: %w", err)
	}
	if !given("fail-on-unknown") && c.FailOnUnknownSet {
		set.failOnUnknown = c.FailOnUnknown
	}
	set.window = o.window
	if !given("emergency-window") && c.EmergencyWindow > 0 {
		set.window = c.EmergencyWindow
	}
	if set.window <= 0 {
		return set, fmt.Errorf("--emergency-window must be positive, got %s", set.window)
	}
	set.protected = c.ProtectedTypes
	set.policyDirs = o.policyDirs
	for _, dir := range c.PolicyPaths {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(c.File), dir)
		}
		set.policyDirs = append(set.policyDirs, dir)
	}
	return set, nil
}

// destinations lists the reports to write, checking every format before
// anything is evaluated.
func destinations(o checkOptions) ([]destination, error) {
	if err := report.CheckFormat(o.format); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	dests := []destination{{format: o.format, path: o.output}}
	for _, r := range o.reports {
		format, path, ok := strings.Cut(r, "=")
		if !ok || path == "" {
			return nil, fmt.Errorf("--report %q: want FORMAT=FILE", r)
		}
		if err := report.CheckFormat(format); err != nil {
			return nil, fmt.Errorf("--report %q: %w", r, err)
		}
		dests = append(dests, destination{format: format, path: path})
	}
	return dests, nil
}

// readStdin reads a plan or state JSON from stdin, up to maxSize bytes.
func readStdin(maxSize int64) ([]byte, error) {
	r := io.Reader(os.Stdin)
	if maxSize > 0 {
		r = io.LimitReader(os.Stdin, maxSize+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read stdin: %w", err)
	}
	if maxSize > 0 && int64(len(data)) > maxSize {
		return nil, fmt.Errorf("stdin holds more than --max-input-size %d bytes: checking it would take several times that in memory; raise the limit if the machine has it", maxSize)
	}
	return data, nil
}

// defaultMaxInput is the largest plan or state checked by default: 1 GiB,
// several times the largest plans seen, well below what it would take in
// memory on a CI runner.
const defaultMaxInput = 1 << 30

// writeFile writes a report through a temporary file renamed into place,
// so a reader never sees half a report.
func writeFile(path string, write func(io.Writer) error) error {
	// The temporary file is made with mode 0666 less the umask, as the
	// report file itself would be (os.CreateTemp makes it 0600, which a
	// CI step running as another user cannot read).
	var tmp *os.File
	var err error
	for range 100 {
		name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+rand.Text()[:12])
		if tmp, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666); !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// repoRoot finds the repository root that tools placing findings in the
// repository resolve paths against, and the working directory, both
// absolute: --base-dir when given (it must be a directory); else the CI
// system's checkout ($GITHUB_WORKSPACE, $CI_PROJECT_DIR) when the working
// directory is inside it; else the nearest directory above the working
// directory holding .git; else the working directory.
func repoRoot(baseDir string, getenv func(string) string) (root, work string, err error) {
	if work, err = os.Getwd(); err != nil {
		return "", "", fmt.Errorf("working directory: %v", err)
	}
	if baseDir != "" {
		root, err := filepath.Abs(baseDir)
		if err != nil {
			return "", "", fmt.Errorf("--base-dir %s: %v", baseDir, err)
		}
		if info, err := os.Stat(root); err != nil || !info.IsDir() {
			return "", "", fmt.Errorf("--base-dir %s: not a directory", baseDir)
		}
		return root, work, nil
	}
	within := func(dir string) bool {
		rel, err := filepath.Rel(dir, work)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	for _, name := range []string{"GITHUB_WORKSPACE", "CI_PROJECT_DIR"} {
		if dir := getenv(name); dir != "" && filepath.IsAbs(dir) && within(filepath.Clean(dir)) {
			return filepath.Clean(dir), work, nil
		}
	}
	for dir := work; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, work, nil
		}
		if filepath.Dir(dir) == dir {
			return work, work, nil
		}
	}
}
