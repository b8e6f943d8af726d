// Package waiver applies accepted exceptions to results: a waiver turns
// the failures of one rule on the resources matching an address glob into
// waived results, until it expires.
package waiver

import (
	"fmt"
	"strings"
	"time"

	"github.com/tfgate/tfgate/internal/gate"
)

// Waiver is one accepted exception.
type Waiver struct {
	Name     string
	Rule     string
	Resource string // address glob: * matches any run of characters, ? one
	// Exact makes Resource an address, not a glob: an inline waiver names
	// its own resource instance, whose key may hold a * or a ?.
	Exact  bool
	Reason string
	Owner  string
	Ticket string
	// Expires is the first moment the waiver no longer applies; zero for
	// never.
	Expires time.Time
	// ExpiresText is the expiry as written.
	ExpiresText string
	// Source is where the waiver is written, file:line.
	Source string
	// InSource is true for a waiver written in the Terraform sources (a
	// tfgate:ignore comment), false for one in .tfgate.hcl.
	InSource bool
}

// ParseExpiry reads an expiry: a date (YYYY-MM-DD, valid through that
// day, UTC) or an RFC 3339 time. It returns the first moment the waiver no
// longer applies.
func ParseExpiry(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.AddDate(0, 0, 1), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("expires %q is not a date such as 2026-12-31 (or an RFC 3339 time)", s)
}

// SoonDays is how close an expiry must be to be warned about.
const SoonDays = 14

// Check refuses waivers that name no known rule or a hard-mandatory one.
func Check(waivers []Waiver, rules []*gate.Rule) error {
	byID := map[string]*gate.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	for _, w := range waivers {
		rule := byID[w.Rule]
		switch {
		case rule == nil:
			return fmt.Errorf("%s: waiver %s names rule %q, which does not exist", w.Source, w.Name, w.Rule)
		case rule.Enforcement == gate.HardMandatory:
			return fmt.Errorf("%s: waiver %s: rule %s is hard-mandatory and cannot be waived", w.Source, w.Name, w.Rule)
		}
	}
	return nil
}

// Apply marks every failing result a waiver matches as waived, records
// expired waivers on the failures they no longer cover, and returns the
// warnings every report shows: waivers that matched nothing, that expire
// within SoonDays of now, or that have expired.
func Apply(results []gate.Result, waivers []Waiver, now time.Time) []string {
	var warnings []string
	for _, w := range waivers {
		expired := !w.Expires.IsZero() && !now.Before(w.Expires)
		matched := 0
		for i := range results {
			r := &results[i]
			if r.Rule.ID != w.Rule || !w.matches(r.Resource) {
				continue
			}
			matched++
			if r.Status != gate.Fail || (r.Waiver != nil && !r.Waiver.Expired) {
				continue
			}
			r.Waiver = w.describe(expired)
			if expired {
				r.Message += fmt.Sprintf(" (waiver %s expired on %s)", w.Name, w.ExpiresText)
				continue
			}
			r.Status = gate.Waived
		}
		switch {
		case expired:
			warnings = append(warnings, fmt.Sprintf("%s: waiver %s expired on %s and no longer applies", w.Source, w.Name, w.ExpiresText))
		case matched == 0:
			warnings = append(warnings, fmt.Sprintf("%s: waiver %s matches no result of %s on %s", w.Source, w.Name, w.Rule, w.Resource))
		case !w.Expires.IsZero() && w.Expires.Sub(now) <= SoonDays*24*time.Hour:
			warnings = append(warnings, fmt.Sprintf("%s: waiver %s expires on %s, within %d days", w.Source, w.Name, w.ExpiresText, SoonDays))
		}
	}
	return warnings
}

func (w Waiver) matches(address string) bool {
	if w.Exact {
		return w.Resource == address
	}
	return Match(w.Resource, address)
}

func (w Waiver) describe(expired bool) *gate.Waiver {
	return &gate.Waiver{
		Name:     w.Name,
		Reason:   w.Reason,
		Owner:    w.Owner,
		Ticket:   w.Ticket,
		Expires:  w.ExpiresText,
		Expired:  expired,
		Source:   w.Source,
		InSource: w.InSource,
	}
}

// Match reports whether an address matches a glob in which * stands for
// any run of characters and ? for one; every other character, brackets and
// quotes included, stands for itself.
func Match(glob, address string) bool {
	star, resume := -1, 0
	g, a := 0, 0
	for a < len(address) {
		switch {
		case g < len(glob) && (glob[g] == '?' || glob[g] == address[a]):
			g++
			a++
		case g < len(glob) && glob[g] == '*':
			star, resume = g, a
			g++
		case star >= 0:
			resume++
			g, a = star+1, resume
		default:
			return false
		}
	}
	return strings.Trim(glob[g:], "*") == ""
}
