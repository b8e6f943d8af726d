package plan

import (
	"errors"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
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
