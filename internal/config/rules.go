package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/waiver"
)

// ApplyRules applies the configuration's rule blocks and disabled_rules to
// the catalogue, in place, and returns the rules left enabled. Naming a
// rule that does not exist is an error.
//
// A configuration downgrades a rule when it makes a failure or an unknown
// result of the rule stop failing the gate, where the rule's own levels
// under defaults would fail it: by disabling the rule, lowering its
// enforcement or its severity, raising fail_on above its severity, or
// letting its unknowns pass. Every downgrade is returned as a warning for
// the reports. Downgrading a hard-mandatory rule is refused unless the
// file sets allow_downgrade = true: the file is part of the repository
// the gate guards, and a hard-mandatory rule is the one its owners chose
// not to let a change switch off.
//
// effective is the policy of the run (flags and file); a downgrade that
// only the flags make is warned about, never refused.
func (c *Config) ApplyRules(rules []*gate.Rule, defaults, effective gate.Policy) ([]*gate.Rule, []string, error) {
	byID := map[string]*gate.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	original := map[*gate.Rule]gate.Rule{}
	for _, r := range rules {
		original[r] = *r
	}
	for _, id := range slices.Sorted(maps.Keys(c.Rules)) {
		o := c.Rules[id]
		r := byID[id]
		if r == nil {
			return nil, nil, fmt.Errorf("%s:%d: rule %q does not exist", o.Range.Filename, o.Range.Start.Line, id)
		}
		if o.Severity != "" {
			r.Severity = o.Severity
		}
		if o.Enforcement != "" {
			r.Enforcement = o.Enforcement
		}
		if o.FailOnUnknown != nil {
			r.FailOnUnknown = o.FailOnUnknown
		}
	}
	disabled := map[string]bool{}
	for _, id := range c.DisabledRules {
		if byID[id] == nil {
			return nil, nil, fmt.Errorf("%s: disabled_rules names %q, which does not exist", c.File, id)
		}
		disabled[id] = true
	}
	// The policy the file alone makes, for what is refused.
	filed := defaults
	if c.FailOn != "" {
		filed.FailOn = c.FailOn
	}
	if c.FailOnUnknownSet {
		filed.FailOnUnknown = c.FailOnUnknown
	}
	var kept []*gate.Rule
	var warnings, byPolicy []string
	for _, r := range rules {
		before := original[r]
		where := c.File
		if o, ok := c.Rules[r.ID]; ok {
			where = fmt.Sprintf("%s:%d", o.Range.Filename, o.Range.Start.Line)
		}
		if disabled[r.ID] {
			if before.Enforcement == gate.HardMandatory && !c.AllowDowngrade {
				return nil, nil, fmt.Errorf("%s: disabled_rules names %s, which is hard-mandatory; set allow_downgrade = true to switch it off", c.File, r.ID)
			}
			warnings = append(warnings, fmt.Sprintf("%s: rule %s (%s) is disabled by disabled_rules: it judges nothing", c.File, r.ID, before.Enforcement))
			continue
		}
		kept = append(kept, r)
		if lost := lowered(&before, r, defaults, filed); len(lost) > 0 && before.Enforcement == gate.HardMandatory && !c.AllowDowngrade {
			return nil, nil, fmt.Errorf("%s: the configuration downgrades hard-mandatory rule %s: %s; set allow_downgrade = true to allow it", where, r.ID, strings.Join(lost, ", "))
		}
		lost := lowered(&before, r, defaults, effective)
		switch {
		case len(lost) == 0:
		case sameLevels(&before, r):
			// Only fail_on or fail_on_unknown lowered it: one warning
			// names every such rule.
			byPolicy = append(byPolicy, r.ID)
		default:
			warnings = append(warnings, fmt.Sprintf("%s: rule %s (%s) is downgraded: %s", where, r.ID, before.Enforcement, strings.Join(lost, ", ")))
		}
	}
	if len(byPolicy) > 0 {
		warnings = append(warnings, fmt.Sprintf("fail_on %s and fail_on_unknown %s (defaults %s and %s) let these rules' failures or unknown results pass: %s",
			effective.FailOn, level(effective.FailOnUnknown), defaults.FailOn, level(defaults.FailOnUnknown), strings.Join(byPolicy, ", ")))
	}
	return kept, warnings, nil
}

// sameLevels reports whether a rule's own levels are as they were.
func sameLevels(before, after *gate.Rule) bool {
	return before.Enforcement == after.Enforcement && before.Severity == after.Severity &&
		(before.FailOnUnknown == nil) == (after.FailOnUnknown == nil) &&
		(before.FailOnUnknown == nil || *before.FailOnUnknown == *after.FailOnUnknown)
}

// level names a fail_on_unknown level.
func level(e gate.Enforcement) string {
	if e == "" {
		return "none"
	}
	return string(e)
}

// lowered says what a rule configured as after, under policy, no longer
// does that it did as before under defaults.
func lowered(before, after *gate.Rule, defaults, policy gate.Policy) []string {
	var lost []string
	fail := func(r *gate.Rule, p gate.Policy) bool {
		return p.Blocks(gate.Result{Rule: r, Status: gate.Fail, Changed: true})
	}
	unknown := func(r *gate.Rule, p gate.Policy) bool {
		return p.BlocksUnknown(gate.Result{Rule: r, Status: gate.Unknown, Changed: true})
	}
	if fail(before, defaults) && !fail(after, policy) {
		lost = append(lost, "its failures no longer fail the gate ("+describe(before, after)+")")
	}
	if unknown(before, defaults) && !unknown(after, policy) {
		lost = append(lost, "its unknown results no longer fail the gate")
	}
	return lost
}

// describe names the levels that changed between before and after.
func describe(before, after *gate.Rule) string {
	var changed []string
	if after.Enforcement != before.Enforcement {
		changed = append(changed, fmt.Sprintf("enforcement %s, was %s", after.Enforcement, before.Enforcement))
	}
	if after.Severity != before.Severity {
		changed = append(changed, fmt.Sprintf("severity %s, was %s", after.Severity, before.Severity))
	}
	if len(changed) == 0 {
		return "fail_on"
	}
	return strings.Join(changed, "; ")
}

// SelectRules keeps the rules whose ids match one of the only globs (all
// when none is given) and none of the skip globs (--rule, --skip-rule; *
// stands for any run of characters, ? for one). A glob that matches no
// rule is an error naming the ids closest to it. The warning lists what
// the selection leaves out, so that no report reads as all rules run.
func SelectRules(rules []*gate.Rule, only, skip []string) ([]*gate.Rule, []string, error) {
	if len(only)+len(skip) == 0 {
		return rules, nil, nil
	}
	for _, list := range []struct {
		flag  string
		globs []string
	}{{"--rule", only}, {"--skip-rule", skip}} {
		for _, g := range list.globs {
			if !slices.ContainsFunc(rules, func(r *gate.Rule) bool { return waiver.Match(g, r.ID) }) {
				return nil, nil, fmt.Errorf("%s %q matches no rule%s", list.flag, g, closest(g, rules))
			}
		}
	}
	var kept []*gate.Rule
	var left []string
	for _, r := range rules {
		selected := len(only) == 0 || slices.ContainsFunc(only, func(g string) bool { return waiver.Match(g, r.ID) })
		if selected && !slices.ContainsFunc(skip, func(g string) bool { return waiver.Match(g, r.ID) }) {
			kept = append(kept, r)
		} else {
			left = append(left, r.ID)
		}
	}
	if len(left) == 0 {
		return kept, nil, nil
	}
	return kept, []string{fmt.Sprintf("%d of %d rules not run (--rule, --skip-rule): %s", len(left), len(rules), strings.Join(left, ", "))}, nil
}

// closest names the rule ids nearest to a glob, for an error: "; did you
// mean a, b?", or "" when none is near.
func closest(glob string, rules []*gate.Rule) string {
	want := strings.ToLower(strings.NewReplacer("*", "", "?", "").Replace(glob))
	type near struct {
		id       string
		distance int
	}
	var found []near
	for _, r := range rules {
		d := distance(want, strings.ToLower(r.ID))
		if d <= max(2, len(want)/3) || want != "" && strings.Contains(r.ID, want) {
			found = append(found, near{r.ID, d})
		}
	}
	if len(found) == 0 {
		return ""
	}
	slices.SortStableFunc(found, func(a, b near) int { return a.distance - b.distance })
	var ids []string
	for _, n := range found[:min(3, len(found))] {
		ids = append(ids, n.id)
	}
	return "; did you mean " + strings.Join(ids, ", ") + "?"
}

// distance is the Levenshtein distance between two strings of bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Defaults are the settings a configuration file's own may weaken, and
// which of them the command line set (the command line is the operator's,
// not the repository's, and wins).
type Defaults struct {
	EmergencyPattern string
	EmergencyWindow  time.Duration
	ProtectedTypes   []string
	// Flagged reports whether the command line set a setting, by the
	// name of its flag (emergency-pattern, emergency-window,
	// allow-incomplete).
	Flagged func(flag string) bool
}

// Weakenings returns a warning for every setting of the file that takes
// something out of the rules' reach: a break-glass pattern other than
// the default (the hard-mandatory break-glass rules judge only what it
// matches), a longer emergency window (the hard-mandatory time bound
// measures against it), protected types that leave a default one out,
// and allow_incomplete (what was not evaluated may hold any failure).
// Those that reach hard-mandatory rules are refused unless the file sets
// allow_downgrade = true, as ApplyRules refuses downgrades.
func (c *Config) Weakenings(d Defaults) ([]string, error) {
	var warnings []string
	flagged := func(name string) bool { return d.Flagged != nil && d.Flagged(name) }
	hard := func(what string) error {
		warnings = append(warnings, fmt.Sprintf("%s: %s", c.File, what))
		if !c.AllowDowngrade {
			return fmt.Errorf("%s: %s; a configuration may weaken hard-mandatory rules only with allow_downgrade = true", c.File, what)
		}
		return nil
	}
	if c.EmergencyPattern != "" && c.EmergencyPattern != d.EmergencyPattern && !flagged("emergency-pattern") {
		if err := hard(fmt.Sprintf("emergency_pattern %q replaces the default %q: the hard-mandatory break-glass rules (aws-iam-emergency-mfa, aws-iam-emergency-time-bound) judge only the roles and policies it matches", c.EmergencyPattern, d.EmergencyPattern)); err != nil {
			return warnings, err
		}
	}
	if c.EmergencyWindow > d.EmergencyWindow && !flagged("emergency-window") {
		if err := hard(fmt.Sprintf("emergency_window %s is longer than the default %s: the hard-mandatory aws-iam-emergency-time-bound accepts grants that last that long", c.EmergencyWindow, d.EmergencyWindow)); err != nil {
			return warnings, err
		}
	}
	if c.AllowIncomplete && !flagged("allow-incomplete") {
		if err := hard("allow_incomplete = true lets a directory check pass with parts of the configuration not evaluated, which may hold failures of hard-mandatory rules"); err != nil {
			return warnings, err
		}
	}
	if c.ProtectedTypes != nil {
		var dropped []string
		for _, t := range d.ProtectedTypes {
			if !slices.Contains(c.ProtectedTypes, t) {
				dropped = append(dropped, t)
			}
		}
		if len(dropped) > 0 {
			warnings = append(warnings, fmt.Sprintf("%s: protected_types leaves out %s: tf-destroy-protected lets a plan delete or replace them", c.File, strings.Join(dropped, ", ")))
		}
	}
	return warnings, nil
}
