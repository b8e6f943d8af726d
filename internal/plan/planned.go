package plan

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/model"
)

// planned is what the model takes from planned_values: that the member is
// there, and the addresses of the managed resources it lists, each of
// which Terraform also describes in resource_changes. The values
// themselves are only checked for syntax; the changes carry them.
type planned struct {
	present bool
	managed []string
}

func (pv *planned) UnmarshalJSON(b []byte) error {
	if !pv.read(b) {
		return errors.New("planned_values is not an object of modules and resources")
	}
	return nil
}

// read reads planned_values in one pass; it reports false where
// decodeChanges would give up, or where an object or array is null.
func (pv *planned) read(value []byte) bool {
	pv.present = true
	p := &parser{data: value}
	if p.space() < len(p.data) && p.data[p.i] == 'n' {
		v, ok := p.literal()
		return ok && v == nil && p.space() == len(p.data)
	}
	ok := p.fields(func(key string) (bool, bool) {
		if key != "root_module" {
			return false, p.skip()
		}
		return true, p.plannedModule(pv)
	})
	return ok && p.space() == len(p.data)
}

func (p *parser) plannedModule(pv *planned) bool {
	return p.nest() && p.leave(p.fields(func(key string) (bool, bool) {
		switch key {
		case "resources":
			return true, p.next('[') && p.items(']', func() bool {
				var address, mode string
				ok := p.fields(func(key string) (bool, bool) {
					var ok bool
					switch key {
					case "address":
						address, ok = p.string()
					case "mode":
						mode, ok = p.string()
					default:
						return false, p.skip()
					}
					return true, ok
				})
				if ok && mode == string(tfjson.ManagedResourceMode) {
					pv.managed = append(pv.managed, address)
				}
				return ok
			})
		case "child_modules":
			return true, p.next('[') && p.items(']', func() bool {
				return p.plannedModule(pv)
			})
		}
		return false, p.skip()
	}))
}

// covered refuses resource changes that leave out a managed resource
// planned_values lists. Terraform describes every managed resource of the
// plan in resource_changes, a no-op included, so a missing one means the
// document was cut to hide it.
func (pv *planned) covered(changes []*resourceChange) error {
	if len(pv.managed) == 0 {
		return nil
	}
	have := make(map[string]bool, len(changes))
	for _, rc := range changes {
		if rc != nil && rc.DeposedKey == "" {
			have[rc.Address] = true
		}
	}
	missing := 0
	first := ""
	for _, address := range pv.managed {
		if !have[address] {
			if missing == 0 {
				first = address
			}
			missing++
		}
	}
	if missing == 0 {
		return nil
	}
	return fmt.Errorf("planned_values lists %s, but resource_changes leaves it out (%d of %d planned resources missing); the plan was altered or not written by \"terraform show -json\", so plan again", first, missing, len(pv.managed))
}

// targetedGaps lists, for a plan Terraform marks incomplete (complete is
// false: planned with -target, or with changes deferred), the managed
// resource blocks of the configuration of which the plan holds no
// instance: nothing about them was checked, so each is a model.Gap.
func targetedGaps(cfg *tfjson.Config, resources []*model.Resource) []model.Gap {
	const reason = "the plan is incomplete (planned with -target, or with changes deferred), so this block's instances were not checked; plan without -target"
	if cfg == nil || cfg.RootModule == nil {
		return []model.Gap{{Address: model.PlanAddress, Reason: reason}}
	}
	present := map[string]bool{}
	for _, r := range resources {
		path, err := model.ParseModulePath(r.Module)
		if err != nil {
			continue
		}
		present[path.Calls()+"\x00"+r.ConfigAddress()] = true
	}
	var gaps []model.Gap
	var walk func(m *tfjson.ConfigModule, calls, prefix string, depth int)
	walk = func(m *tfjson.ConfigModule, calls, prefix string, depth int) {
		if m == nil || depth > maxSplitDepth {
			return
		}
		for _, r := range m.Resources {
			if r == nil || r.Mode != tfjson.ManagedResourceMode || present[calls+"\x00"+r.Address] {
				continue
			}
			gaps = append(gaps, model.Gap{Address: prefix + r.Address, Types: []string{r.Type}, Reason: reason})
		}
		for _, name := range slices.Sorted(maps.Keys(m.ModuleCalls)) {
			call := m.ModuleCalls[name]
			if call == nil {
				continue
			}
			inner := name
			if calls != "" {
				inner = calls + "." + name
			}
			walk(call.Module, inner, prefix+"module."+name+".", depth+1)
		}
	}
	walk(cfg.RootModule, "", "", 0)
	if len(gaps) == 0 {
		return []model.Gap{{Address: model.PlanAddress, Reason: reason}}
	}
	slices.SortFunc(gaps, func(a, b model.Gap) int { return strings.Compare(a.Address, b.Address) })
	return gaps
}
