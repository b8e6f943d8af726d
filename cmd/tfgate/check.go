package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/tfgate/tfgate/internal/config"
	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/hclsrc"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/plan"
	"github.com/tfgate/tfgate/internal/policy"
	"github.com/tfgate/tfgate/internal/report"
	"github.com/tfgate/tfgate/internal/waiver"
	"github.com/tfgate/tfgate/policies"
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
	return check(o, inputs, stdout, stderr)
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

// check runs tfgate check with parsed options.
func check(o checkOptions, inputs []string, stdout, stderr io.Writer) (int, error) {
	dests, set := o.dests, o.set
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	// Loading collects at the ends of its stages and the rules run with
	// their own GOGC (loadGCPercent, checkInput); the process gets its own
	// setting back when the check ends (tests and benchmarks run many).
	defer debug.SetGCPercent(gcPercent())
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(loadGCPercent)
	}
	sources, err := policySources(set.policyDirs, o.noBuiltin)
	if err != nil {
		return exitError, err
	}
	// The policies compile while the inputs load, which leaves a CPU idle
	// at times. Their errors come first, as if they had compiled first.
	engine := sync.OnceValues(func() (*policy.Engine, error) { return policy.New(ctx, sources) })
	if o.builtinEngine != nil && len(set.policyDirs) == 0 && !o.noBuiltin {
		engine = o.builtinEngine
	}
	go engine()
	checked, err := checkInputs(ctx, inputs, func(ctx context.Context, path string) (checkedInput, error) {
		return checkInput(ctx, path, o, set, engine)
	})
	e, compileErr := engine()
	if compileErr != nil {
		return exitError, compileErr
	}
	defaults := config.Defaults{
		EmergencyPattern: policy.DefaultEmergencyPattern,
		EmergencyWindow:  policy.DefaultEmergencyWindow,
		ProtectedTypes:   policy.DefaultProtectedTypes,
		Flagged:          o.given,
	}
	policy := gate.Policy{FailOn: set.failOn, ChangedOnly: o.changedOnly, AllowIncomplete: o.incomplete || set.config != nil && set.config.AllowIncomplete, FailOnUnknown: set.failOnUnknown}
	c := set.config
	if c == nil {
		c = &config.Config{}
	}
	rules, downgrades, ruleErr := c.ApplyRules(e.Rules(), gate.Policy{FailOn: gate.DefaultFailOn, FailOnUnknown: gate.DefaultFailOnUnknown}, policy)
	if ruleErr != nil {
		return exitError, ruleErr
	}
	weakenings, ruleErr := c.Weakenings(defaults)
	if ruleErr != nil {
		return exitError, ruleErr
	}
	downgrades = append(downgrades, weakenings...)
	rules, selected, ruleErr := config.SelectRules(rules, o.rules, o.skipRules)
	if ruleErr != nil {
		return exitError, ruleErr
	}
	downgrades = append(downgrades, selected...)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return exitError, fmt.Errorf("%w (--timeout %s)", err, o.timeout)
		}
		return exitError, err
	}
	var waivers []waiver.Waiver
	if set.config != nil {
		waivers = set.config.Waivers
	}
	rep := &report.Report{
		Tool:     report.Tool{Name: "tfgate", Version: toolVersion()},
		Rules:    rules,
		Policy:   policy,
		Warnings: downgrades,
		BaseDir:  o.root,
		WorkDir:  o.workDir,
		Category: o.category,
	}
	var waiverClock time.Time
	for _, c := range checked {
		if waiverClock.IsZero() {
			waiverClock = c.now
		}
		waivers = append(waivers, c.waivers...)
		rep.Warnings = append(rep.Warnings, c.warnings...)
		rep.Inputs = append(rep.Inputs, c.input)
		if rep.Results == nil {
			rep.Results = enabled(c.results, rules) // one input's results are not copied
		} else {
			rep.Results = append(rep.Results, enabled(c.results, rules)...)
		}
	}
	if err := waiver.Check(waivers, rules); err != nil {
		return exitError, err
	}
	rep.Warnings = append(rep.Warnings, waiver.Apply(rep.Results, waivers, waiverClock)...)
	gate.Sort(rep.Results)
	rep.Summary = rep.Policy.Summarize(rep.Results)
	var present []gate.Instance
	for _, c := range checked {
		present = append(present, c.present...)
		for _, g := range c.gaps {
			what := g.Address + ": " + g.Reason
			if len(checked) > 1 {
				what = c.input.Path + ": " + what
			}
			rep.Summary.Incomplete = append(rep.Summary.Incomplete, what)
		}
	}
	rep.Summary.Coverage = gate.Cover(rules, rep.Results, present)

	rep.ExitCode = exitPass
	if rep.Summary.Verdict() == "fail" && !o.softFail {
		rep.ExitCode = exitFail
	}
	// Files first: if one cannot be written, the run is an error and
	// stdout must not have shown a verdict already.
	for _, d := range dests {
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
	for _, d := range dests {
		if d.path != "" || o.quiet {
			continue
		}
		if err := report.Write(stdout, d.format, rep, report.Options{Color: color}); err != nil {
			return exitError, fmt.Errorf("write %s report: %w", d.format, err)
		}
	}
	return rep.ExitCode, nil
}

// checkedInput is what one input contributes to the report.
type checkedInput struct {
	input    report.Input
	results  []gate.Result
	waivers  []waiver.Waiver // inline suppressions from its sources
	now      time.Time       // the clock its rules used
	warnings []string        // what a .tf directory's evaluation skipped
	present  []gate.Instance // the managed instances that exist after the change
	gaps     []model.Gap     // what a .tf directory's evaluation left out
}

// checkInputs checks several inputs concurrently, at most one per CPU,
// and returns them in the order given, or the error of the first input (in
// that order) that failed.
func checkInputs(ctx context.Context, paths []string, check func(context.Context, string) (checkedInput, error)) ([]checkedInput, error) {
	out := make([]checkedInput, len(paths))
	errs := make([]error, len(paths))
	limit := make(chan struct{}, max(1, min(runtime.GOMAXPROCS(0), len(paths))))
	var wg sync.WaitGroup
	for i, path := range paths {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			out[i], errs[i] = check(ctx, path)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// The collector's GOGC while inputs load and while the rules run, unless
// the user set GOGC.
//
// Loading makes garbage at several times the rate it makes live data:
// decoding a plan allocates about six times the file's size, of which
// the model keeps a third, and the conversion to the policy input
// allocates the input and little else. Left at GOGC 100, the collector
// marks the growing live data over and over as the heap doubles: on the
// 10k plan four collections while decoding and one while converting,
// which mark five times as much as the live data at the end. Instead the
// heap may grow to eleven times the live data while loading, so that in
// practice collections happen only where checkInput forces them, at the
// end of each stage, when the stage's garbage is all dead. The peak is
// no higher: the decoding's garbage is gone before the conversion begins.
// While the rules run the heap is mostly the input, live to the end; see
// checkInput.
const (
	loadGCPercent = 1000
	evalGCPercent = 150
)

// gcPercent is GOGC's current setting, which the runtime only reports by
// being set.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// checkInput runs the pipeline on one input: load, join to its sources,
// evaluate.
// sourced is an input's model joined to its Terraform sources, if any.
type sourced struct {
	model    *model.Model
	dir      string          // the source root, "" for none
	warnings []string        // what loading skipped, and missing sources
	waivers  []waiver.Waiver // inline suppressions
}

// loadSourced loads an input and joins it to its sources (sourceDir):
// locations, the backend, inline suppressions, what a plan does not show.
func loadSourced(ctx context.Context, path string, o checkOptions, set settings) (sourced, error) {
	s := sourced{dir: sourceDir(o.dir, path)}
	var tree sourceTree
	if s.dir != "" {
		var err error
		if tree, err = readSources(s.dir); err != nil {
			if o.dir != "" {
				err = fmt.Errorf("--dir %s: %w", o.dir, err)
			}
			return s, err
		}
	}
	m, warnings, err := loadInput(ctx, path, hclOptions(o, set), tree.planOptions(), o.maxInput)
	if err != nil {
		return s, err
	}
	s.model, s.warnings = m, warnings
	if s.dir == "" && m.Kind == model.KindPlan {
		s.warnings = append(s.warnings, fmt.Sprintf("%s: no Terraform sources beside it, so results have no file and line, and the backend block is not checked (tf-backend-hardening); give the configuration's root with --dir", path))
	}
	// The file and the decoding's garbage are dead; the model is not.
	runtime.GC()
	if s.dir != "" {
		if s.waivers, err = locate(m, s.dir, tree); err != nil {
			return s, err
		}
		sourceCandidates(m, s.dir, set)
	}
	return s, nil
}

func checkInput(ctx context.Context, path string, o checkOptions, set settings, engine func() (*policy.Engine, error)) (checkedInput, error) {
	var c checkedInput
	s, err := loadSourced(ctx, path, o, set)
	if err != nil {
		return c, err
	}
	m, dir := s.model, s.dir
	c.warnings, c.gaps, c.waivers = s.warnings, m.Gaps, s.waivers
	for _, r := range m.Resources {
		if r.Mode == "managed" && !slices.Equal(r.Actions, []string{"delete"}) && !slices.Equal(r.Actions, []string{"forget"}) {
			c.present = append(c.present, gate.Instance{Input: m.Source, Address: r.Address, Type: r.Type})
		}
	}
	backup, err := checkBackup(o.backup, m)
	if err != nil {
		return c, err
	}
	params := policy.Params{
		Now:              clock(set.now, m),
		EmergencyPattern: set.emergency,
		EmergencyWindow:  set.window,
		Ticket:           o.ticket,
		TicketPattern:    set.ticketRE,
		ProtectedTypes:   set.protected,
		StateBackup:      backup,
	}
	c.now = params.Now
	input, err := policy.Input(m, params)
	if err != nil {
		return c, err
	}
	// The input holds the details now and nothing below reads them. The
	// model's values and the conversion's garbage are dead here:
	// collecting them before evaluating makes the collector size the heap
	// by what evaluation keeps, not by what loading left.
	//
	// What evaluation keeps is mostly the input, live to the end. Letting
	// the heap grow to 2.5 times it rather than 2 spares most of the
	// collections that would mark it again while the rules run: 10% less
	// CPU for a few MiB more at the peak (docs/performance.md). The
	// setting is process-wide, so other inputs still loading run under it
	// from here on; a GOGC the user set wins.
	m.DropDetails()
	runtime.GC()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(evalGCPercent)
	}
	e, err := engine()
	if err != nil {
		return c, err // reported by the caller
	}
	if c.results, err = e.EvaluateInput(ctx, m, input); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return c, fmt.Errorf("evaluation of %s exceeded the timeout: %w", path, context.DeadlineExceeded)
		}
		return c, err
	}
	c.input = report.Input{
		Kind:             string(m.Kind),
		Path:             m.Source,
		TerraformVersion: m.TerraformVersion,
		FormatVersion:    m.FormatVersion,
		Resources:        len(m.Resources),
		Changes:          changes(m),
		SourceDir:        dir,
	}
	return c, nil
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

// enabled keeps the results of the rules in the catalogue, in place.
func enabled(results []gate.Result, rules []*gate.Rule) []gate.Result {
	keep := make(map[*gate.Rule]bool, len(rules))
	for _, r := range rules {
		keep[r] = true
	}
	// Nothing moves before the first result of a disabled rule.
	return slices.DeleteFunc(results, func(r gate.Result) bool { return !keep[r.Rule] })
}

// clock is the time the time rules use for an input: --now, else the
// plan's timestamp, else the wall clock.
func clock(flag time.Time, m *model.Model) time.Time {
	if !flag.IsZero() {
		return flag
	}
	if t, err := time.Parse(time.RFC3339, m.Timestamp); err == nil {
		return t
	}
	return time.Now()
}

// changes lists what a plan changes, for the reports' plan summary.
func changes(m *model.Model) []report.Change {
	var out []report.Change
	for _, r := range m.Resources {
		for _, key := range r.Deposed {
			out = append(out, report.Change{Address: r.Address + " (deposed object " + key + ")", Type: r.Type, Actions: []string{"delete"}})
		}
		if len(r.Actions) == 0 || r.Actions[0] == "no-op" || r.Actions[0] == "read" {
			continue
		}
		out = append(out, report.Change{Address: r.Address, Type: r.Type, Actions: r.Actions})
	}
	return out
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

// policySources lists the Rego to load: the library always, the built-in
// rules unless noBuiltin, and the user's directories.
func policySources(dirs []string, noBuiltin bool) ([]policy.Source, error) {
	sources := []policy.Source{{Name: "policies/lib", FS: policies.Lib(), Builtin: true}}
	if !noBuiltin {
		sources = append(sources, policy.Source{Name: "policies/rules", FS: policies.Rules(), Builtin: true})
	}
	for _, dir := range dirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("--policy %s: %w", dir, errors.Unwrap(err))
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("--policy %s: not a directory", dir)
		}
		sources = append(sources, policy.Source{Name: filepath.ToSlash(filepath.Clean(dir)), FS: os.DirFS(dir)})
	}
	return sources, nil
}

// loadInput reads one input into a model: a plan or state JSON file, a
// binary plan file (converted with terraform show -json when terraform is
// on PATH), or a directory of .tf files (evaluated statically; the
// warnings say what it could not evaluate).
func loadInput(ctx context.Context, path string, hclOpts hclsrc.LoadOptions, planOpts plan.Options, maxSize int64) (*model.Model, []string, error) {
	if path == "-" {
		data, err := readStdin(maxSize)
		if err != nil {
			return nil, nil, err
		}
		m, err := plan.DecodeWith(data, path, planOpts)
		if errors.Is(err, plan.ErrBinaryPlan) {
			return nil, nil, errors.New("stdin holds a binary plan file; pipe its JSON instead: terraform show -json PLANFILE | tfgate check -")
		}
		return m, nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, errors.Unwrap(err))
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("read %s: not a regular file or a directory", path)
	}
	if maxSize > 0 && info.Size() > maxSize {
		return nil, nil, fmt.Errorf("%s is %d bytes, more than --max-input-size %d: checking it would take several times that in memory; raise the limit if the machine has it", path, info.Size(), maxSize)
	}
	if info.IsDir() {
		if !hclsrc.HasSources(path) {
			return nil, nil, fmt.Errorf("%s holds no .tf or .tf.json files; give a Terraform configuration directory or a plan JSON", path)
		}
		return hclsrc.Load(path, hclOpts)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, errors.Unwrap(err))
	}
	m, err := plan.DecodeWith(data, path, planOpts)
	if !errors.Is(err, plan.ErrBinaryPlan) {
		return m, nil, err
	}
	converted, err := showJSON(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	prior, err := plan.PriorState(data, path)
	if err != nil {
		return nil, nil, err
	}
	if m, err = plan.DecodeWith(converted, path, planOpts); err != nil {
		return nil, nil, err
	}
	m.PriorLineage, m.PriorSerial = prior.Lineage, prior.Serial
	return m, nil, nil
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

// hclOptions are the variables and clock for .tf directory inputs.
func hclOptions(o checkOptions, set settings) hclsrc.LoadOptions {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if name, value, ok := strings.Cut(kv, "="); ok {
			if v, ok := strings.CutPrefix(name, "TF_VAR_"); ok && v != "" {
				env[v] = value
			}
		}
	}
	now := set.now
	if now.IsZero() {
		now = time.Now()
	}
	return hclsrc.LoadOptions{VarFiles: o.varFiles, Vars: o.vars, Env: env, Now: now}
}

// showJSON converts a binary plan file with terraform show -json, run in
// the current directory (the plan's working directory, after init).
func showJSON(ctx context.Context, path string) ([]byte, error) {
	command := fmt.Sprintf("terraform show -json %s > plan.json", path)
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return nil, fmt.Errorf("%s is a binary plan file and terraform is not on PATH; convert it in its working directory with: %s", path, command)
	}
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, tf, "show", "-no-color", "-json", path)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		detail := terraformError(errOut.String())
		if detail == "" {
			detail = err.Error()
		}
		return nil, fmt.Errorf("%s is a binary plan file and %q failed (%s); run it in the plan's initialized working directory", path, "terraform show -json", detail)
	}
	return out.Bytes(), nil
}

// terraformError picks the line of terraform's stderr that says what went
// wrong: the first "Error: ..." line, else the first line with text.
func terraformError(stderr string) string {
	first := ""
	for line := range strings.Lines(stderr) {
		t := strings.TrimSpace(strings.TrimLeft(line, "╷│╵ "))
		if t == "" {
			continue
		}
		if _, msg, ok := strings.Cut(t, "Error: "); ok {
			return msg
		}
		if first == "" {
			first = t
		}
	}
	return first
}

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
