// Package check is tfgate's pipeline from inputs to a report: load each
// input into a model and join it to its Terraform sources, evaluate the
// policies, apply the waivers, summarise. The CLI (tfgate check, plan,
// hook) and the run task server (tfgate serve) are its front ends: they
// build Options from flags and the configuration file, and write or send
// the report Run returns.
package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/tfgate/tfgate/internal/config"
	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/hclsrc"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/policy"
	"github.com/tfgate/tfgate/internal/report"
	"github.com/tfgate/tfgate/internal/waiver"
	"github.com/tfgate/tfgate/policies"
)

// Options configure checks: the flags of tfgate check merged with the
// configuration file (a flag given wins over the file).
type Options struct {
	// Config is the configuration file's content, nil without one.
	Config *config.Config
	// PolicyDirs are directories of user policies, added to the
	// built-in ones unless NoBuiltin.
	PolicyDirs []string
	NoBuiltin  bool
	// Engine, when set, is a compiled engine of the built-in policies to
	// use instead of compiling them again, when no other policies are
	// asked for (tests run thousands of checks).
	Engine func() (*policy.Engine, error)

	// Policy is how results decide the gate.
	Policy gate.Policy
	// SoftFail makes a failing gate exit 0 all the same.
	SoftFail bool
	// Rules and SkipRules are the --rule and --skip-rule globs.
	Rules, SkipRules []string

	// Now is the clock of the time rules and waivers; zero: each input's
	// own (its timestamp, else the wall clock).
	Now              time.Time
	EmergencyPattern string
	EmergencyWindow  time.Duration
	Ticket           string
	TicketPattern    string
	ProtectedTypes   []string
	// Flagged says whether a setting was given as a flag, which allows it
	// to weaken a default without the configuration's allow_downgrade.
	Flagged func(name string) bool

	// Dir is the Terraform source root given (--dir); "" finds it beside
	// each input.
	Dir string
	// VarFiles, Vars and Env (TF_VAR_ variables, by name) are the
	// variables of .tf directory inputs.
	VarFiles, Vars []string
	Env            map[string]string
	// StateBackup is the raw state file, or folder of them, that must
	// back up each plan's prior state; "" for none.
	StateBackup string
	// MaxInputSize refuses larger plan and state files; 0: no limit.
	MaxInputSize int64
	// TuneGC lets a check set the collector's GOGC for its stages (see
	// loadGCPercent). The setting is process-wide: a server running
	// checks side by side leaves it off, and so does the CLI when the
	// user set GOGC.
	TuneGC bool

	// Report fields: the tool's version, the repository root and working
	// directory that reports write paths against, the check's category.
	Version, BaseDir, WorkDir, Category string
}

// Input is one input to check: a path (a plan or state JSON file, a
// binary plan file, a directory of .tf files), or JSON already in memory
// when Data is not nil, with Path its name in the report.
type Input struct {
	Path string
	Data []byte
}

// Checker runs checks with one set of options. Its policies compile once,
// on first use, and serve every check after; a Checker is safe for
// concurrent use.
type Checker struct {
	o       Options
	engine  func() (*policy.Engine, error)
	catalog func() (catalog, error)
}

// catalog is the rules a check runs once the configuration and the rule
// selection are applied, and the warnings doing so gave.
type catalog struct {
	rules    []*gate.Rule
	warnings []string
}

// New makes a Checker; the patterns and the window left empty take their
// defaults (policy.DefaultEmergencyPattern and the others). It reads the policy directories now; the policies
// compile in the background from here with ctx, and the first check
// waits for them (Prepare waits at once).
func New(ctx context.Context, o Options) (*Checker, error) {
	sources, err := PolicySources(o.PolicyDirs, o.NoBuiltin)
	if err != nil {
		return nil, err
	}
	o.EmergencyPattern = cmp.Or(o.EmergencyPattern, policy.DefaultEmergencyPattern)
	o.TicketPattern = cmp.Or(o.TicketPattern, policy.DefaultTicketPattern)
	o.EmergencyWindow = cmp.Or(o.EmergencyWindow, policy.DefaultEmergencyWindow)
	c := &Checker{o: o}
	c.engine = sync.OnceValues(func() (*policy.Engine, error) { return policy.New(ctx, sources) })
	if o.Engine != nil && len(o.PolicyDirs) == 0 && !o.NoBuiltin {
		c.engine = o.Engine
	}
	c.catalog = sync.OnceValues(c.rules)
	go c.engine()
	return c, nil
}

// Prepare waits for the policies to compile and applies the configuration
// to the rules: the errors every check would return.
func (c *Checker) Prepare() error {
	_, err := c.catalog()
	return err
}

// Rules are the rules the checks run.
func (c *Checker) Rules() ([]*gate.Rule, error) {
	cat, err := c.catalog()
	return cat.rules, err
}

func (c *Checker) rules() (catalog, error) {
	e, err := c.engine()
	if err != nil {
		return catalog{}, err
	}
	defaults := config.Defaults{
		EmergencyPattern: policy.DefaultEmergencyPattern,
		EmergencyWindow:  policy.DefaultEmergencyWindow,
		ProtectedTypes:   policy.DefaultProtectedTypes,
		Flagged:          c.o.Flagged,
	}
	if defaults.Flagged == nil {
		defaults.Flagged = func(string) bool { return false }
	}
	conf := c.o.Config
	if conf == nil {
		conf = &config.Config{}
	}
	rules, warnings, err := conf.ApplyRules(e.Rules(), gate.Policy{FailOn: gate.DefaultFailOn, FailOnUnknown: gate.DefaultFailOnUnknown}, c.o.Policy)
	if err != nil {
		return catalog{}, err
	}
	weakenings, err := conf.Weakenings(defaults)
	if err != nil {
		return catalog{}, err
	}
	warnings = append(warnings, weakenings...)
	rules, selected, err := config.SelectRules(rules, c.o.Rules, c.o.SkipRules)
	if err != nil {
		return catalog{}, err
	}
	return catalog{rules: rules, warnings: append(warnings, selected...)}, nil
}

// Run checks the inputs, at most one per CPU at a time, and reports on
// them all. An error is the first that stopped the check: a policy or
// configuration error, an input that could not be read, ctx's end.
// Report.ExitCode is 1 when the gate fails (unless SoftFail), else 0.
func (c *Checker) Run(ctx context.Context, inputs []Input) (*report.Report, error) {
	// Loading collects at the ends of its stages and the rules run with
	// their own GOGC (loadGCPercent, checkInput); the process gets its own
	// setting back when the check ends.
	if c.o.TuneGC {
		defer debug.SetGCPercent(gcPercent())
		debug.SetGCPercent(loadGCPercent)
	}
	checked, err := checkInputs(ctx, inputs, c.checkInput)
	// The policies' errors come first, as if they had compiled first.
	cat, catErr := c.catalog()
	if catErr != nil {
		return nil, catErr
	}
	if err != nil {
		return nil, err
	}
	var waivers []waiver.Waiver
	if c.o.Config != nil {
		waivers = slices.Clip(c.o.Config.Waivers) // appended to below: checks run side by side
	}
	rep := &report.Report{
		Tool:     report.Tool{Name: "tfgate", Version: c.o.Version},
		Rules:    cat.rules,
		Policy:   c.o.Policy,
		Warnings: slices.Clone(cat.warnings),
		BaseDir:  c.o.BaseDir,
		WorkDir:  c.o.WorkDir,
		Category: c.o.Category,
	}
	var waiverClock time.Time
	for _, in := range checked {
		if waiverClock.IsZero() {
			waiverClock = in.now
		}
		waivers = append(waivers, in.waivers...)
		rep.Warnings = append(rep.Warnings, in.warnings...)
		rep.Inputs = append(rep.Inputs, in.input)
		if rep.Results == nil {
			rep.Results = enabled(in.results, cat.rules) // one input's results are not copied
		} else {
			rep.Results = append(rep.Results, enabled(in.results, cat.rules)...)
		}
	}
	if err := waiver.Check(waivers, cat.rules); err != nil {
		return nil, err
	}
	rep.Warnings = append(rep.Warnings, waiver.Apply(rep.Results, waivers, waiverClock)...)
	gate.Sort(rep.Results)
	rep.Summary = rep.Policy.Summarize(rep.Results)
	var present []gate.Instance
	for _, in := range checked {
		present = append(present, in.present...)
		for _, g := range in.gaps {
			what := g.Address + ": " + g.Reason
			if len(checked) > 1 {
				what = in.input.Path + ": " + what
			}
			rep.Summary.Incomplete = append(rep.Summary.Incomplete, what)
		}
	}
	rep.Summary.Coverage = gate.Cover(cat.rules, rep.Results, present)
	if rep.Summary.Verdict() == "fail" && !c.o.SoftFail {
		rep.ExitCode = 1
	}
	return rep, nil
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
func checkInputs(ctx context.Context, inputs []Input, check func(context.Context, Input) (checkedInput, error)) ([]checkedInput, error) {
	out := make([]checkedInput, len(inputs))
	errs := make([]error, len(inputs))
	limit := make(chan struct{}, max(1, min(runtime.GOMAXPROCS(0), len(inputs))))
	var wg sync.WaitGroup
	for i, in := range inputs {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			out[i], errs[i] = check(ctx, in)
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

// The collector's GOGC while inputs load and while the rules run, when
// TuneGC is set.
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
func (c *Checker) checkInput(ctx context.Context, in Input) (checkedInput, error) {
	var out checkedInput
	s, err := Load(ctx, in, c.o)
	if err != nil {
		return out, err
	}
	m, dir := s.Model, s.Dir
	out.warnings, out.gaps, out.waivers = s.Warnings, m.Gaps, s.waivers
	for _, r := range m.Resources {
		if r.Mode == "managed" && !slices.Equal(r.Actions, []string{"delete"}) {
			out.present = append(out.present, gate.Instance{Input: m.Source, Address: r.Address, Type: r.Type})
		}
	}
	backup, err := checkBackup(c.o.StateBackup, m)
	if err != nil {
		return out, err
	}
	params := policy.Params{
		Now:              clock(c.o.Now, m),
		EmergencyPattern: c.o.EmergencyPattern,
		EmergencyWindow:  c.o.EmergencyWindow,
		Ticket:           c.o.Ticket,
		TicketPattern:    c.o.TicketPattern,
		ProtectedTypes:   c.o.ProtectedTypes,
		StateBackup:      backup,
	}
	out.now = params.Now
	input, err := policy.Input(m, params)
	if err != nil {
		return out, err
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
	// from here on.
	m.DropDetails()
	if c.o.TuneGC {
		runtime.GC()
		debug.SetGCPercent(evalGCPercent)
	}
	e, err := c.engine()
	if err != nil {
		return out, err // reported by Run
	}
	if out.results, err = e.EvaluateInput(ctx, m, input); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return out, fmt.Errorf("evaluation of %s exceeded the timeout: %w", in.Path, context.DeadlineExceeded)
		}
		return out, err
	}
	out.input = report.Input{
		Kind:             string(m.Kind),
		Path:             m.Source,
		TerraformVersion: m.TerraformVersion,
		FormatVersion:    m.FormatVersion,
		Resources:        len(m.Resources),
		Changes:          changes(m),
		SourceDir:        dir,
	}
	return out, nil
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

// clock is the time the time rules use for an input: the option, else the
// plan's timestamp, else the wall clock.
func clock(option time.Time, m *model.Model) time.Time {
	if !option.IsZero() {
		return option
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

// PolicySources lists the Rego to load: the library always, the built-in
// rules unless noBuiltin, and the user's directories.
func PolicySources(dirs []string, noBuiltin bool) ([]policy.Source, error) {
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

// hclOptions are the variables and clock for .tf directory inputs.
func hclOptions(o Options) hclsrc.LoadOptions {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	return hclsrc.LoadOptions{VarFiles: o.VarFiles, Vars: o.Vars, Env: o.Env, Now: now}
}

// Builtin compiles the built-in policies alone.
func Builtin(ctx context.Context) (*policy.Engine, error) {
	sources, err := PolicySources(nil, false)
	if err != nil {
		return nil, err
	}
	return policy.New(ctx, sources)
}
