// Package config reads .tfgate.hcl, the gate's configuration: policy
// directories, rule overrides, the organisation's patterns and the
// waivers. Unknown keys, bad values and malformed dates are errors with a
// file, line and column.
package config

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/waiver"
)

// DefaultFile is the configuration tfgate reads when --config is not
// given and the file exists in the working directory.
const DefaultFile = ".tfgate.hcl"

// Config is a parsed .tfgate.hcl. Zero values mean "not set": the flags'
// and the rules' defaults apply.
type Config struct {
	// File is the path the configuration was read from.
	File string
	// FailOn is the lowest severity that fails the gate.
	FailOn gate.Severity
	// PolicyPaths are directories of user policies, relative to the
	// configuration file's directory.
	PolicyPaths []string
	// DisabledRules are rule ids whose results are dropped.
	DisabledRules []string
	// EmergencyPattern and EmergencyWindow override the break-glass
	// defaults.
	EmergencyPattern string
	EmergencyWindow  time.Duration
	// TicketPattern is the pattern a change ticket must match.
	TicketPattern string
	// ProtectedTypes replaces the resource types tf-destroy-protected
	// protects, when set.
	ProtectedTypes []string
	// AllowIncomplete lets a directory check that left parts of the
	// configuration unevaluated pass (allow_incomplete = true).
	AllowIncomplete bool
	// AllowDowngrade lets the configuration lower a hard-mandatory rule
	// (allow_downgrade = true); see ApplyRules.
	AllowDowngrade bool
	// FailOnUnknown is the lowest enforcement level whose unknown results
	// fail the gate (fail_on_unknown = "soft-mandatory"); FailOnUnknownSet
	// says whether the file sets it ("none" sets it to "").
	FailOnUnknown    gate.Enforcement
	FailOnUnknownSet bool
	// Rules overrides the severity or enforcement of rules, by id.
	Rules map[string]RuleOverride
	// Waivers are the configured exceptions, in file order.
	Waivers []waiver.Waiver
}

// RuleOverride changes a rule's severity or enforcement level.
type RuleOverride struct {
	Severity    gate.Severity    // "" keeps the rule's own
	Enforcement gate.Enforcement // "" keeps the rule's own
	// FailOnUnknown, when set, says whether the rule's unknown results
	// fail the gate.
	FailOnUnknown *bool
	Range         hcl.Range
}

var rootSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "fail_on"},
		{Name: "policy_paths"},
		{Name: "disabled_rules"},
		{Name: "emergency_pattern"},
		{Name: "emergency_window"},
		{Name: "ticket_pattern"},
		{Name: "protected_types"},
		{Name: "allow_incomplete"},
		{Name: "allow_downgrade"},
		{Name: "fail_on_unknown"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "rule", LabelNames: []string{"id"}},
		{Type: "waiver", LabelNames: []string{"name"}},
	},
}

var ruleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "severity"}, {Name: "enforcement"}, {Name: "fail_on_unknown"}},
}

var waiverSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "rule", Required: true},
		{Name: "resource", Required: true},
		{Name: "reason", Required: true},
		{Name: "owner"},
		{Name: "ticket"},
		{Name: "expires"},
	},
}

// ParseFailOnUnknown reads a fail_on_unknown level: an enforcement level,
// or "none" (given as "").
func ParseFailOnUnknown(text string) (gate.Enforcement, error) {
	if text == "none" {
		return "", nil
	}
	level, err := gate.ParseEnforcement(text)
	if err != nil {
		return "", fmt.Errorf("fail_on_unknown %q is not none, advisory, soft-mandatory or hard-mandatory", text)
	}
	return level, nil
}

// Load reads and checks a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, errors.Unwrap(err))
	}
	return Parse(data, path)
}

// Parse checks a configuration's text; path names it in errors.
func Parse(data []byte, path string) (*Config, error) {
	file, diags := hclparse.NewParser().ParseHCL(data, path)
	if diags.HasErrors() {
		return nil, diagError(diags)
	}
	content, diags := file.Body.Content(rootSchema)
	if diags.HasErrors() {
		return nil, diagError(diags)
	}
	c := &Config{File: path, Rules: map[string]RuleOverride{}}
	p := parser{}
	if a, ok := content.Attributes["fail_on"]; ok {
		c.FailOn = p.severity(a.Expr)
	}
	c.PolicyPaths = p.strings(content.Attributes["policy_paths"])
	c.DisabledRules = p.strings(content.Attributes["disabled_rules"])
	c.ProtectedTypes = p.strings(content.Attributes["protected_types"])
	c.EmergencyPattern = p.pattern(content.Attributes["emergency_pattern"])
	c.TicketPattern = p.pattern(content.Attributes["ticket_pattern"])
	if a, ok := content.Attributes["fail_on_unknown"]; ok {
		if text := p.string(a.Expr); p.err == nil {
			level, err := ParseFailOnUnknown(text)
			if err != nil {
				p.fail(a.Expr.Range(), err.Error())
			}
			c.FailOnUnknown, c.FailOnUnknownSet = level, true
		}
	}
	c.AllowIncomplete = p.bool(content.Attributes["allow_incomplete"])
	c.AllowDowngrade = p.bool(content.Attributes["allow_downgrade"])
	if a, ok := content.Attributes["emergency_window"]; ok {
		text := p.string(a.Expr)
		d, err := time.ParseDuration(text)
		if p.err == nil && (err != nil || d <= 0) {
			p.fail(a.Expr.Range(), fmt.Sprintf("emergency_window %q is not a positive duration such as \"4h\"", text))
		}
		c.EmergencyWindow = d
	}
	names := map[string]bool{}
	for _, block := range content.Blocks {
		switch block.Type {
		case "rule":
			inner, diags := block.Body.Content(ruleSchema)
			if diags.HasErrors() {
				return nil, diagError(diags)
			}
			id := block.Labels[0]
			if _, dup := c.Rules[id]; dup {
				p.fail(block.DefRange, fmt.Sprintf("rule %q is configured twice", id))
			}
			o := RuleOverride{Range: block.DefRange}
			if a, ok := inner.Attributes["severity"]; ok {
				o.Severity = p.severity(a.Expr)
			}
			if a, ok := inner.Attributes["enforcement"]; ok {
				o.Enforcement = p.enforcement(a.Expr)
			}
			if a, ok := inner.Attributes["fail_on_unknown"]; ok {
				v, diags := a.Expr.Value(nil)
				if diags.HasErrors() || v.Type() != cty.Bool || v.IsNull() || !v.IsKnown() {
					p.fail(a.Expr.Range(), "fail_on_unknown in a rule block must be true or false")
				} else {
					block := v.True()
					o.FailOnUnknown = &block
				}
			}
			c.Rules[id] = o
		case "waiver":
			inner, diags := block.Body.Content(waiverSchema)
			if diags.HasErrors() {
				return nil, diagError(diags)
			}
			w := waiver.Waiver{
				Name:   block.Labels[0],
				Source: fmt.Sprintf("%s:%d", block.DefRange.Filename, block.DefRange.Start.Line),
			}
			if names[w.Name] {
				p.fail(block.DefRange, fmt.Sprintf("waiver %q is defined twice", w.Name))
			}
			names[w.Name] = true
			w.Rule = p.string(inner.Attributes["rule"].Expr)
			w.Resource = p.string(inner.Attributes["resource"].Expr)
			w.Reason = strings.TrimSpace(p.string(inner.Attributes["reason"].Expr))
			if p.err == nil && w.Reason == "" {
				p.fail(inner.Attributes["reason"].Expr.Range(), "a waiver needs a reason")
			}
			if p.err == nil && w.Resource == "" {
				p.fail(inner.Attributes["resource"].Expr.Range(), "resource must be an address or a glob such as module.legacy.*")
			}
			if a, ok := inner.Attributes["owner"]; ok {
				w.Owner = p.string(a.Expr)
			}
			if a, ok := inner.Attributes["ticket"]; ok {
				w.Ticket = p.string(a.Expr)
			}
			if a, ok := inner.Attributes["expires"]; ok {
				w.ExpiresText = p.string(a.Expr)
				if p.err == nil {
					expires, err := waiver.ParseExpiry(w.ExpiresText)
					if err != nil {
						p.fail(a.Expr.Range(), err.Error())
					}
					w.Expires = expires
				}
			}
			c.Waivers = append(c.Waivers, w)
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return c, nil
}

// parser reads literal values, keeping the first error.
type parser struct{ err error }

func (p *parser) fail(r hcl.Range, msg string) {
	if p.err == nil {
		p.err = fmt.Errorf("%s:%d:%d: %s", r.Filename, r.Start.Line, r.Start.Column, msg)
	}
}

func (p *parser) value(expr hcl.Expression) cty.Value {
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		if p.err == nil {
			p.err = diagError(diags)
		}
		return cty.NilVal
	}
	return v
}

func (p *parser) string(expr hcl.Expression) string {
	v := p.value(expr)
	if p.err != nil {
		return ""
	}
	if v.IsNull() || v.Type() != cty.String {
		p.fail(expr.Range(), "expected a string")
		return ""
	}
	return v.AsString()
}

func (p *parser) strings(a *hcl.Attribute) []string {
	if a == nil {
		return nil
	}
	v := p.value(a.Expr)
	if p.err != nil {
		return nil
	}
	if v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType()) {
		p.fail(a.Expr.Range(), "expected a list of strings")
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || e.Type() != cty.String {
			p.fail(a.Expr.Range(), "expected a list of strings")
			return nil
		}
		out = append(out, e.AsString())
	}
	return out
}

func (p *parser) pattern(a *hcl.Attribute) string {
	if a == nil {
		return ""
	}
	s := p.string(a.Expr)
	if p.err == nil {
		if _, err := regexp.Compile(s); err != nil {
			p.fail(a.Expr.Range(), fmt.Sprintf("%s is not a valid regular expression: %v", a.Name, err))
		}
	}
	return s
}

// bool reads an optional true or false attribute.
func (p *parser) bool(a *hcl.Attribute) bool {
	if a == nil {
		return false
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.Bool || v.IsNull() || !v.IsKnown() {
		p.fail(a.Expr.Range(), a.Name+" must be true or false")
		return false
	}
	return v.True()
}

func (p *parser) severity(expr hcl.Expression) gate.Severity {
	text := p.string(expr)
	if p.err != nil {
		return ""
	}
	s, err := gate.ParseSeverity(text)
	if err != nil {
		p.fail(expr.Range(), err.Error())
	}
	return s
}

func (p *parser) enforcement(expr hcl.Expression) gate.Enforcement {
	text := p.string(expr)
	if p.err != nil {
		return ""
	}
	e, err := gate.ParseEnforcement(text)
	if err != nil {
		p.fail(expr.Range(), err.Error())
	}
	return e
}

// diagError turns HCL error diagnostics into one line with the first
// error's position, summary and detail.
func diagError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			msg = fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, msg)
		}
		return errors.New(strings.Join(strings.Fields(msg), " "))
	}
	return nil
}
