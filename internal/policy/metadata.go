package policy

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/internal/gate"
)

// catalogue reads the package METADATA of every rule package into the
// rule catalogue, sorted by id.
func catalogue(modules map[string]*ast.Module, builtin map[string]bool) ([]*gate.Rule, error) {
	byPackage := map[string]*gate.Rule{}
	names := make([]string, 0, len(modules))
	for name := range modules {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		mod := modules[name]
		pkg := mod.Package.Path.String()
		if !strings.HasPrefix(pkg, rulesPrefix) {
			continue
		}
		if strings.Contains(strings.TrimPrefix(pkg, rulesPrefix), ".") {
			return nil, fmt.Errorf("%s: package %s: a rule package must be tfgate.rules.NAME, one level deep", name, strings.TrimPrefix(pkg, "data."))
		}
		for _, a := range mod.Annotations {
			if a.Scope != "package" && a.Scope != "subpackages" {
				continue
			}
			if prev := byPackage[pkg]; prev != nil {
				return nil, fmt.Errorf("%s: package %s already has METADATA in %s", location(a), strings.TrimPrefix(pkg, "data."), prev.File)
			}
			rule, err := ruleFromAnnotations(a)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", location(a), err)
			}
			rule.Package, rule.File, rule.Builtin = pkg, name, builtin[name]
			byPackage[pkg] = rule
		}
	}
	for _, name := range names {
		pkg := modules[name].Package.Path.String()
		if strings.HasPrefix(pkg, rulesPrefix) && byPackage[pkg] == nil {
			return nil, fmt.Errorf("%s: package %s has no package METADATA block with custom.id", name, strings.TrimPrefix(pkg, "data."))
		}
	}
	rules := make([]*gate.Rule, 0, len(byPackage))
	ids := map[string]*gate.Rule{}
	for _, r := range byPackage {
		if prev := ids[r.ID]; prev != nil {
			a, b := prev.File, r.File
			if a > b {
				a, b = b, a
			}
			return nil, fmt.Errorf("%s: rule id %q is already used by %s", b, r.ID, a)
		}
		ids[r.ID] = r
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b *gate.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules, nil
}

// validID is what a rule id may be: it names the rule in flags, globs,
// configuration, file names of reports and links.
var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

func ruleFromAnnotations(a *ast.Annotations) (*gate.Rule, error) {
	custom := a.Custom
	str := func(key string) (string, error) {
		v, ok := custom[key]
		if !ok {
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("METADATA custom.%s must be a string", key)
		}
		return strings.TrimSpace(s), nil
	}
	r := &gate.Rule{Title: a.Title, Description: strings.TrimSpace(a.Description)}
	var err error
	if r.ID, err = str("id"); err != nil {
		return nil, err
	}
	if r.ID == "" {
		return nil, fmt.Errorf("METADATA lacks custom.id")
	}
	if !validID.MatchString(r.ID) {
		return nil, fmt.Errorf("METADATA custom.id %q is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters", r.ID)
	}
	if r.Title == "" {
		return nil, fmt.Errorf("rule %s: METADATA lacks a title", r.ID)
	}
	sev, err := str("severity")
	if err != nil {
		return nil, err
	}
	if r.Severity, err = gate.ParseSeverity(sev); err != nil {
		return nil, fmt.Errorf("rule %s: METADATA custom.severity: %w", r.ID, err)
	}
	enf, err := str("enforcement")
	if err != nil {
		return nil, err
	}
	r.Enforcement = gate.SoftMandatory
	if enf != "" {
		if r.Enforcement, err = gate.ParseEnforcement(enf); err != nil {
			return nil, fmt.Errorf("rule %s: METADATA custom.enforcement: %w", r.ID, err)
		}
	}
	if r.Remediation, err = str("remediation"); err != nil {
		return nil, err
	}
	if r.Runbook, err = str("runbook"); err != nil {
		return nil, err
	}
	if v, ok := custom["resource_types"]; ok {
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("rule %s: METADATA custom.resource_types must be a list of strings", r.ID)
		}
		for _, item := range list {
			s, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("rule %s: METADATA custom.resource_types must be a list of strings", r.ID)
			}
			r.ResourceTypes = append(r.ResourceTypes, s)
		}
	}
	if v, ok := custom["related"]; ok {
		byType, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("rule %s: METADATA custom.related must map resource types to the attribute that links each to its subject", r.ID)
		}
		r.Related = map[string]string{}
		for typ, attr := range byType {
			s, ok := attr.(string)
			if !ok || s == "" {
				return nil, fmt.Errorf("rule %s: METADATA custom.related.%s must be an attribute name", r.ID, typ)
			}
			r.Related[typ] = s
		}
	}
	if v, ok := custom["reads"]; ok {
		byType, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("rule %s: METADATA custom.reads must map resource types to lists of attribute paths", r.ID)
		}
		r.Reads = map[string][]string{}
		for typ, paths := range byType {
			list, ok := paths.([]any)
			if !ok {
				return nil, fmt.Errorf("rule %s: METADATA custom.reads.%s must be a list of attribute paths", r.ID, typ)
			}
			r.Reads[typ] = []string{} // a type the rule reads, whatever the paths
			for _, p := range list {
				s, ok := p.(string)
				if !ok || s == "" {
					return nil, fmt.Errorf("rule %s: METADATA custom.reads.%s must be a list of attribute paths", r.ID, typ)
				}
				r.Reads[typ] = append(r.Reads[typ], s)
			}
		}
	}
	if v, ok := custom["verdicts"]; ok {
		byStatus, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("rule %s: METADATA custom.verdicts must map fail, unknown and pass to lists of conditions", r.ID)
		}
		for status, list := range byStatus {
			var dst *[]string
			switch status {
			case "fail":
				dst = &r.Verdicts.Fail
			case "unknown":
				dst = &r.Verdicts.Unknown
			case "pass":
				dst = &r.Verdicts.Pass
			default:
				return nil, fmt.Errorf("rule %s: METADATA custom.verdicts.%s: want fail, unknown or pass", r.ID, status)
			}
			items, ok := list.([]any)
			if !ok {
				return nil, fmt.Errorf("rule %s: METADATA custom.verdicts.%s must be a list of conditions", r.ID, status)
			}
			for _, item := range items {
				text, ok := item.(string)
				if !ok {
					return nil, fmt.Errorf("rule %s: METADATA custom.verdicts.%s must be a list of conditions", r.ID, status)
				}
				*dst = append(*dst, text)
			}
		}
	}
	for _, rr := range a.RelatedResources {
		r.References = append(r.References, gate.Reference{URL: rr.Ref.String(), Description: rr.Description})
	}
	return r, nil
}

func location(a *ast.Annotations) string {
	if a.Location == nil {
		return "policy"
	}
	return fmt.Sprintf("%s:%d", a.Location.File, a.Location.Row)
}
