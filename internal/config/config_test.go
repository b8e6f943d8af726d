package config

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/waiver"
)

func TestParse(t *testing.T) {
	src := `
fail_on           = "medium"
policy_paths      = ["policies/org"]
disabled_rules    = ["tf-state-backup"]
emergency_pattern = "(?i)breakglass"
emergency_window  = "2h"
ticket_pattern    = "^CHG-[0-9]+$"
protected_types   = ["aws_kms_key"]
allow_incomplete  = true
fail_on_unknown   = "soft-mandatory"

rule "aws-s3-versioning" {
  enforcement     = "advisory"
  severity        = "low"
  fail_on_unknown = false
}

waiver "legacy-logs" {
  rule     = "aws-s3-versioning"
  resource = "module.legacy.aws_s3_bucket.logs*"
  reason   = "retired by CHG-2211"
  owner    = "platform-team"
  ticket   = "CHG-2211"
  expires  = "2026-12-31"
}
`
	got, err := Parse([]byte(src), ".tfgate.hcl")
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		File:             ".tfgate.hcl",
		FailOn:           gate.SeverityMedium,
		PolicyPaths:      []string{"policies/org"},
		DisabledRules:    []string{"tf-state-backup"},
		EmergencyPattern: "(?i)breakglass",
		EmergencyWindow:  2 * time.Hour,
		TicketPattern:    "^CHG-[0-9]+$",
		ProtectedTypes:   []string{"aws_kms_key"},
		AllowIncomplete:  true,
		FailOnUnknown:    gate.SoftMandatory,
		FailOnUnknownSet: true,
		Rules:            map[string]RuleOverride{"aws-s3-versioning": {Severity: gate.SeverityLow, Enforcement: gate.Advisory, FailOnUnknown: new(bool)}},
		Waivers: []waiver.Waiver{{
			Name: "legacy-logs", Rule: "aws-s3-versioning", Resource: "module.legacy.aws_s3_bucket.logs*",
			Reason: "retired by CHG-2211", Owner: "platform-team", Ticket: "CHG-2211",
			Expires: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ExpiresText: "2026-12-31", Source: ".tfgate.hcl:18",
		}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreTypes(hcl.Range{})); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", `fail_onn = "high"`, `.tfgate.hcl:1:1: Unsupported argument: An argument named "fail_onn" is not expected here.`},
		{"unknown block", "policy \"x\" {\n}\n", `.tfgate.hcl:1:1: Unsupported block type`},
		{"syntax", "fail_on = \n", ".tfgate.hcl:1:"},
		{"bad severity", `fail_on = "severe"`, `.tfgate.hcl:1:11: unknown severity "severe"`},
		{"not a string", `fail_on = 3`, `.tfgate.hcl:1:11: expected a string`},
		{"bad list", `policy_paths = "one"`, `.tfgate.hcl:1:16: expected a list of strings`},
		{"bad window", `emergency_window = "soon"`, `.tfgate.hcl:1:20: emergency_window "soon" is not a positive duration`},
		{"bad pattern", `ticket_pattern = "("`, `.tfgate.hcl:1:18: ticket_pattern is not a valid regular expression`},
		{"bad enforcement", "rule \"x\" {\n  enforcement = \"strict\"\n}\n", `.tfgate.hcl:2:17: unknown enforcement level "strict"`},
		{"unknown rule key", "rule \"x\" {\n  level = \"high\"\n}\n", `.tfgate.hcl:2:3: Unsupported argument`},
		{"waiver without reason", "waiver \"w\" {\n  rule = \"r\"\n  resource = \"a.b\"\n}\n", `.tfgate.hcl:1:12: Missing required argument: The argument "reason" is required`},
		{"blank reason", "waiver \"w\" {\n  rule = \"r\"\n  resource = \"a.b\"\n  reason = \" \"\n}\n", `.tfgate.hcl:4:12: a waiver needs a reason`},
		{"bad date", "waiver \"w\" {\n  rule = \"r\"\n  resource = \"a.b\"\n  reason = \"x\"\n  expires = \"31/12/2026\"\n}\n", `.tfgate.hcl:5:13: expires "31/12/2026" is not a date such as 2026-12-31`},
		{"duplicate waiver", "waiver \"w\" {\n  rule = \"r\"\n  resource = \"a\"\n  reason = \"x\"\n}\nwaiver \"w\" {\n  rule = \"r\"\n  resource = \"a\"\n  reason = \"x\"\n}\n", `.tfgate.hcl:6:1: waiver "w" is defined twice`},
		{"variables", `fail_on = var.level`, `.tfgate.hcl:1:11: Variables not allowed`},
		{"bad fail_on_unknown", `fail_on_unknown = "always"`, `.tfgate.hcl:1:19: fail_on_unknown "always" is not none, advisory, soft-mandatory or hard-mandatory`},
		{"bad allow_incomplete", `allow_incomplete = "yes"`, `.tfgate.hcl:1:20: allow_incomplete must be true or false`},
		{"bad rule fail_on_unknown", "rule \"x\" {\n  fail_on_unknown = \"hard\"\n}\n", `.tfgate.hcl:2:21: fail_on_unknown in a rule block must be true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), ".tfgate.hcl")
			if err == nil {
				t.Fatalf("Parse succeeded, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// FuzzParse: the configuration parser returns a configuration or a
// one-line error.
func FuzzParse(f *testing.F) {
	f.Add([]byte("fail_on = \"high\"\nwaiver \"w\" {\n  rule = \"r\"\n  resource = \"a*\"\n  reason = \"x\"\n  expires = \"2026-12-31\"\n}\n"))
	f.Add([]byte("rule \"x\" {\n  severity = \"low\"\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.hcl")
		if err == nil && c == nil {
			t.Fatal("nil configuration without an error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error spans lines: %q", err)
		}
	})
}
