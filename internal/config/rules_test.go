package config

import (
	"strings"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/gate"
)

// TestApplyRulesDowngrades: what lowers a rule is shown, and refused for a
// hard-mandatory rule unless allow_downgrade is set; what raises a rule is
// neither.
func TestApplyRulesDowngrades(t *testing.T) {
	defaults := gate.Policy{FailOn: gate.DefaultFailOn, FailOnUnknown: gate.DefaultFailOnUnknown}
	tests := []struct {
		name, config string
		flags        *gate.Policy // nil: the file's policy
		err          string       // "" for none
		warnings     []string
	}{
		{name: "nothing", config: ``},
		{name: "raise", config: `
rule "soft" {
  enforcement = "hard-mandatory"
  severity    = "critical"
}`},
		{name: "lower soft", config: `
rule "soft" {
  enforcement = "advisory"
}`, warnings: []string{"c.hcl:2: rule soft (soft-mandatory) is downgraded: its failures no longer fail the gate (enforcement advisory, was soft-mandatory)"}},
		{name: "soft severity below fail_on", config: `
fail_on = "high"
rule "soft" {
  severity = "low"
}`, warnings: []string{"c.hcl:3: rule soft (soft-mandatory) is downgraded: its failures no longer fail the gate (severity low, was high)"}},
		{name: "fail_on alone", config: `fail_on = "critical"`,
			warnings: []string{"fail_on critical and fail_on_unknown hard-mandatory (defaults low and hard-mandatory) let these rules' failures or unknown results pass: soft"}},
		{name: "lower hard", config: `
rule "hard" {
  severity = "low"
}
fail_on = "medium"`, err: "c.hcl:2: the configuration downgrades hard-mandatory rule hard: its failures no longer fail the gate (severity low, was critical); set allow_downgrade = true to allow it"},
		{name: "hard unknowns", config: `
rule "hard" {
  fail_on_unknown = false
}`, err: "c.hcl:2: the configuration downgrades hard-mandatory rule hard: its unknown results no longer fail the gate"},
		{name: "disable hard", config: `disabled_rules = ["hard"]`, err: "c.hcl: disabled_rules names hard, which is hard-mandatory"},
		{name: "disable hard allowed", config: "allow_downgrade = true\ndisabled_rules = [\"hard\"]",
			warnings: []string{"c.hcl: rule hard (hard-mandatory) is disabled by disabled_rules: it judges nothing"}},
		{name: "flag lowers hard: shown, not refused", config: ``, flags: &gate.Policy{FailOn: gate.DefaultFailOn},
			warnings: []string{"fail_on low and fail_on_unknown none (defaults low and hard-mandatory) let these rules' failures or unknown results pass: hard"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.config), "c.hcl")
			if err != nil {
				t.Fatal(err)
			}
			rules := []*gate.Rule{
				{ID: "hard", Enforcement: gate.HardMandatory, Severity: gate.SeverityCritical},
				{ID: "soft", Enforcement: gate.SoftMandatory, Severity: gate.SeverityHigh},
				{ID: "advice", Enforcement: gate.Advisory, Severity: gate.SeverityLow},
			}
			effective := defaults
			if c.FailOn != "" {
				effective.FailOn = c.FailOn
			}
			if c.FailOnUnknownSet {
				effective.FailOnUnknown = c.FailOnUnknown
			}
			if tt.flags != nil {
				effective = *tt.flags
			}
			_, warnings, err := c.ApplyRules(rules, defaults, effective)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Fatalf("error = %v, want prefix %q", err, tt.err)
			}
			if strings.Join(warnings, "\n") != strings.Join(tt.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
}

// TestWeakenings: settings of the file that take something out of the
// rules' reach are warned about, and refused without allow_downgrade
// when they reach hard-mandatory rules; the command line's are not the
// file's.
func TestWeakenings(t *testing.T) {
	defaults := Defaults{EmergencyPattern: "(?i)(emergency|break[-_ ]?glass)", EmergencyWindow: 4 * time.Hour, ProtectedTypes: []string{"aws_kms_key", "aws_s3_bucket"}}
	tests := []struct {
		name, file string
		flagged    string
		warnings   int
		refused    string
	}{
		{"defaults", ``, "", 0, ""},
		{"same pattern", `emergency_pattern = "(?i)(emergency|break[-_ ]?glass)"`, "", 0, ""},
		{"narrower pattern", `emergency_pattern = "(?i)^emergency-"`, "", 1, "emergency_pattern"},
		{"pattern allowed", "emergency_pattern = \"(?i)^emergency-\"\nallow_downgrade = true", "", 1, ""},
		{"pattern from the flag", `emergency_pattern = "(?i)^emergency-"`, "emergency-pattern", 0, ""},
		{"shorter window", `emergency_window = "1h"`, "", 0, ""},
		{"longer window", `emergency_window = "9000h"`, "", 1, "emergency_window"},
		{"incomplete", `allow_incomplete = true`, "", 1, "allow_incomplete"},
		{"protected types", `protected_types = ["aws_s3_bucket"]`, "", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.file), ".tfgate.hcl")
			if err != nil {
				t.Fatal(err)
			}
			d := defaults
			d.Flagged = func(name string) bool { return name == tt.flagged }
			warnings, err := c.Weakenings(d)
			switch {
			case tt.refused == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.refused != "" && (err == nil || !strings.Contains(err.Error(), tt.refused)):
				t.Fatalf("error %v, want one naming %s", err, tt.refused)
			case len(warnings) != tt.warnings:
				t.Errorf("warnings %q, want %d", warnings, tt.warnings)
			}
		})
	}
}
