// Package gate holds the rule catalogue and the results of a check, and
// decides whether the gate passes. It is what the policy engine produces
// and what reports consume; it knows nothing of OPA or of output formats.
package gate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/internal/model"
)

// Severity ranks how much a failing result matters.
type Severity string

// The severities, from the least to the most serious.
const (
	SeverityInfo     Severity = "info"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Rank orders severities; an unknown severity ranks 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityInfo:
		return 1
	case SeverityLow:
		return 2
	case SeverityMedium:
		return 3
	case SeverityHigh:
		return 4
	case SeverityCritical:
		return 5
	}
	return 0
}

// ParseSeverity checks a severity name given by a user or a policy.
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(s))
	if sev.Rank() == 0 {
		return "", fmt.Errorf("unknown severity %q (want critical, high, medium, low or info)", s)
	}
	return sev, nil
}

// Enforcement says what a failing result of a rule does to the gate.
type Enforcement string

// The enforcement levels.
const (
	// Advisory results are reported and never fail the gate.
	Advisory Enforcement = "advisory"
	// SoftMandatory results fail the gate unless waived.
	SoftMandatory Enforcement = "soft-mandatory"
	// HardMandatory results fail the gate; waivers for them are refused.
	HardMandatory Enforcement = "hard-mandatory"
)

// ParseEnforcement checks an enforcement level name.
func ParseEnforcement(s string) (Enforcement, error) {
	switch e := Enforcement(s); e {
	case Advisory, SoftMandatory, HardMandatory:
		return e, nil
	}
	return "", fmt.Errorf("unknown enforcement level %q (want advisory, soft-mandatory or hard-mandatory)", s)
}

// Reference is a document a rule cites.
type Reference struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Rule is one entry of the rule catalogue, read from a policy's METADATA.
type Rule struct {
	// ID is the stable identifier written in METADATA custom.id.
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Severity    Severity    `json:"severity"`
	Enforcement Enforcement `json:"enforcement"`
	// ResourceTypes are the types the rule judges: every instance of these
	// types gets a result for the rule.
	ResourceTypes []string `json:"resource_types"`
	// Related maps the types of sub-resources to the attribute through
	// which each refers to its subject, a resource of ResourceTypes (an
	// aws_s3_bucket_acl to its aws_s3_bucket through "bucket"). What the
	// rule finds on such a sub-resource is its subject's verdict too: the
	// subject's result is the worst of its own and its sub-resources'.
	Related map[string]string `json:"related,omitempty"`
	// Reads lists, by resource type, the attribute paths the rule decides
	// from. A result on a resource whose read path is pending (known only
	// after apply because the configuration makes it so) is never a pass.
	// A type listed without paths is one the rule reads to judge its
	// subjects (an attachment, an alias), which coverage counts as judged.
	Reads       map[string][]string `json:"reads,omitempty"`
	Remediation string              `json:"remediation,omitempty"`
	References  []Reference         `json:"references,omitempty"`
	// Runbook names the runbook item the rule serves, if any.
	Runbook string `json:"runbook,omitempty"`
	// FailOnUnknown, when set, says whether the rule's unknown results
	// fail the gate, whatever Policy.FailOnUnknown says (.tfgate.hcl).
	FailOnUnknown *bool `json:"fail_on_unknown,omitempty"`
	// Verdicts is the rule's truth table: when it fails, is unknown and
	// passes, in words (METADATA custom.verdicts).
	Verdicts Verdicts `json:"verdicts"`
	// Builtin is true for rules shipped inside tfgate.
	Builtin bool `json:"builtin"`
	// Package is the Rego package path, such as data.tfgate.rules.x.
	Package string `json:"package"`
	// File is the policy file that defines the rule.
	File string `json:"file"`
}

// Verdicts says when a rule gives each status.
type Verdicts struct {
	Fail    []string `json:"fail,omitempty"`
	Unknown []string `json:"unknown,omitempty"`
	Pass    []string `json:"pass,omitempty"`
}

// Status is the verdict of one rule on one resource.
type Status string

// The statuses.
const (
	Pass    Status = "pass"
	Fail    Status = "fail"
	Unknown Status = "unknown" // the deciding value is known only after apply
	Waived  Status = "waived"
)

// Result is the verdict of one rule on one resource of one input.
type Result struct {
	Rule         *Rule
	Input        string // the input's path
	Resource     string // the resource address
	ResourceType string
	Status       Status
	// Message explains a fail or unknown; for a pass it may be empty.
	Message  string
	Location *model.Location
	// Calls are where the module calls of the resource's module instance
	// are written, from the root down (model.Resource.Calls).
	Calls []model.Location
	// Changed is true when the plan creates, updates, replaces or deletes
	// the resource, and for results about the plan or the backend.
	Changed bool
	// Waiver is the waiver that turned a failure into Waived, or the
	// expired one that no longer does; nil when none matched.
	Waiver *Waiver
	// Related are the sub-resources whose findings the result carries
	// (Rule.Related), sorted by address; nil when none.
	Related []Related
	// NotEvaluated is true for a result on a part of the configuration
	// that was not evaluated (a model.Gap): Policy.AllowIncomplete, not
	// FailOnUnknown, decides whether it blocks.
	NotEvaluated bool
}

// Related is a sub-resource a result carries a finding of, and where it is
// written.
type Related struct {
	Resource string
	Location *model.Location
}

// Waiver describes an accepted exception, from .tfgate.hcl or an inline
// suppression in a .tf file.
type Waiver struct {
	Name    string
	Reason  string
	Owner   string
	Ticket  string
	Expires string // as written; "" for no expiry
	Expired bool   // it expired before the check's clock and no longer applies
	Source  string // file:line
	// InSource is true for a waiver written in the Terraform sources
	// (tfgate:ignore), false for one in the configuration file.
	InSource bool
}

// Sort orders results by input, resource address and rule id, so that every
// report lists them the same way every time. Results with the same keys
// keep their order.
func Sort(results []Result) {
	// One input's results come sorted from evaluation; checking costs one
	// comparison per result.
	if slices.IsSortedFunc(results, func(a, b Result) int { return compare(&a, &b) }) {
		return
	}
	// Sorting positions rather than the results themselves moves each
	// result once.
	order := make([]int, len(results))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		return cmp.Or(compare(&results[i], &results[j]), cmp.Compare(i, j))
	})
	sorted := make([]Result, len(results))
	for k, i := range order {
		sorted[k] = results[i]
	}
	copy(results, sorted)
}

func compare(a, b *Result) int {
	return cmp.Or(
		strings.Compare(a.Input, b.Input),
		strings.Compare(a.Resource, b.Resource),
		strings.Compare(a.Rule.ID, b.Rule.ID),
	)
}

// Policy is how results decide the gate.
type Policy struct {
	// FailOn is the lowest severity whose failures fail the gate.
	FailOn Severity
	// ChangedOnly lets only results on resources the plan changes fail
	// the gate (--changed-only).
	ChangedOnly bool
	// AllowIncomplete lets a check that left parts of the configuration
	// unevaluated pass (--allow-incomplete): without it, as Terraform
	// refuses to plan what it cannot evaluate, such a check fails.
	AllowIncomplete bool
	// FailOnUnknown is the lowest enforcement level whose unknown results
	// fail the gate, "" for none (--fail-on-unknown). A rule's own
	// setting (Rule.FailOnUnknown) wins.
	FailOnUnknown Enforcement
}

// DefaultFailOn is the lowest severity whose failures fail the gate when
// nothing says otherwise: every one.
const DefaultFailOn = SeverityLow

// DefaultFailOnUnknown blocks on the unknown results of hard-mandatory
// rules: what cannot be decided about a public bucket or a stopped trail
// must not pass, or one value known only after apply would switch the
// rule off.
const DefaultFailOnUnknown = HardMandatory

// rank orders enforcement levels.
func (e Enforcement) rank() int {
	switch e {
	case Advisory:
		return 1
	case SoftMandatory:
		return 2
	case HardMandatory:
		return 3
	}
	return 0
}

// Blocks reports whether a result fails the gate under the policy: a
// failure of a rule that is not advisory at or above FailOn, or an unknown
// the policy does not accept (BlocksUnknown).
func (p Policy) Blocks(r Result) bool {
	switch r.Status {
	case Fail:
		return r.Rule.Enforcement != Advisory &&
			r.Rule.Severity.Rank() >= p.FailOn.Rank() &&
			(r.Changed || !p.ChangedOnly)
	case Unknown:
		return p.BlocksUnknown(r)
	}
	return false
}

// BlocksUnknown reports whether an unknown result fails the gate: the
// rule says so, or its enforcement is at or above FailOnUnknown.
func (p Policy) BlocksUnknown(r Result) bool {
	if r.Status != Unknown || r.NotEvaluated || !(r.Changed || !p.ChangedOnly) {
		return false
	}
	if r.Rule.FailOnUnknown != nil {
		return *r.Rule.FailOnUnknown
	}
	return p.FailOnUnknown != "" && r.Rule.Enforcement.rank() >= p.FailOnUnknown.rank()
}

// Why says why a failing result does not block, "" when it does.
func (p Policy) Why(r Result) string {
	switch {
	case r.Status != Fail || p.Blocks(r):
		return ""
	case r.Rule.Enforcement == Advisory:
		return "advisory"
	case r.Rule.Severity.Rank() < p.FailOn.Rank():
		return "below --fail-on " + string(p.FailOn)
	default:
		return "unchanged, --changed-only"
	}
}

// Summary counts results by status and gives the verdict.
type Summary struct {
	Passed, Failed, Unknown, Waived int
	// Blocking is the number of failures that fail the gate.
	Blocking int
	// BlockingUnknown is the number of unknown results that fail it.
	BlockingUnknown int
	// Coverage says how much of the inputs the rules judged, so that a
	// count of passes is never read as "everything was checked".
	Coverage Coverage
	// Incomplete lists what the check could not evaluate (model.Gap), as
	// "ADDRESS: REASON"; empty when it evaluated everything.
	Incomplete []string
	// AllowIncomplete is the policy's: whether an incomplete check may
	// pass.
	AllowIncomplete bool
}

// Coverage says how much of the inputs' infrastructure the rules judged.
type Coverage struct {
	// Present counts the managed resource instances that exist after the
	// change.
	Present int
	// Judged counts those that some rule judged: they have a result, or
	// are of a type a rule judges, folds into its subjects or reads.
	Judged int
	// Unjudged lists the resource types present of which no instance was
	// judged, sorted.
	Unjudged []string
}

// Instance is a resource instance an input holds, for Cover.
type Instance struct {
	Input, Address, Type string
}

// Cover works out the coverage of the rules over the instances that
// exist after the change.
func Cover(rules []*Rule, results []Result, present []Instance) Coverage {
	types := map[string]bool{}
	for _, r := range rules {
		for _, t := range r.ResourceTypes {
			types[t] = true
		}
		for t := range r.Related {
			types[t] = true
		}
		for t := range r.Reads {
			types[t] = true
		}
	}
	judged := map[[2]string]bool{}
	for _, res := range results {
		judged[[2]string{res.Input, res.Resource}] = true
	}
	c := Coverage{Present: len(present)}
	seen := map[string]bool{} // types with a judged instance
	for _, in := range present {
		if types[in.Type] || judged[[2]string{in.Input, in.Address}] {
			c.Judged++
			seen[in.Type] = true
		}
	}
	for _, in := range present {
		if !seen[in.Type] && !slices.Contains(c.Unjudged, in.Type) {
			c.Unjudged = append(c.Unjudged, in.Type)
		}
	}
	slices.Sort(c.Unjudged)
	return c
}

// String says the coverage in a sentence for reports.
func (c Coverage) String() string {
	s := fmt.Sprintf("%d of %d resources judged", c.Judged, c.Present)
	if len(c.Unjudged) > 0 {
		s += "; no rule judges " + strings.Join(c.Unjudged, ", ")
	}
	return s
}

// Summarize counts the results and the failures that block.
func (p Policy) Summarize(results []Result) Summary {
	s := Summary{AllowIncomplete: p.AllowIncomplete}
	for _, r := range results {
		switch r.Status {
		case Pass:
			s.Passed++
		case Fail:
			s.Failed++
		case Unknown:
			s.Unknown++
		case Waived:
			s.Waived++
		}
		switch {
		case p.BlocksUnknown(r):
			s.BlockingUnknown++
		case p.Blocks(r):
			s.Blocking++
		}
	}
	return s
}

// Verdict is "pass" when nothing blocks and the check is complete (or may
// be incomplete), and "fail" otherwise.
func (s Summary) Verdict() string {
	if s.Blocking > 0 || s.BlockingUnknown > 0 || s.Blocked() {
		return "fail"
	}
	return "pass"
}

// Blocked reports whether the check fails for what it left unevaluated.
func (s Summary) Blocked() bool {
	return len(s.Incomplete) > 0 && !s.AllowIncomplete
}
