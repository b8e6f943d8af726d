package plan

import (
	"encoding/json"

	tfjson "github.com/hashicorp/terraform-json"
)

// priorState is the part of a plan's prior_state the model uses: the data
// sources Terraform read while planning. Managed resources, outputs and
// the rest are checked for syntax only; the resource changes describe the
// managed resources.
type priorState struct {
	Values *priorValues `json:"values"`
}

type priorValues struct {
	RootModule *priorModule `json:"root_module"`
}

type priorModule struct {
	Address      string           `json:"address"`
	Resources    []*priorResource `json:"resources"`
	ChildModules []*priorModule   `json:"child_modules"`
}

// priorResource is a resource of the prior state: a data source's fields
// the model reads, or nothing (Data nil) for any other mode.
type priorResource struct {
	Data *priorData
}

type priorData struct {
	Address         string          `json:"address"`
	Mode            string          `json:"mode"`
	Type            string          `json:"type"`
	Name            string          `json:"name"`
	Index           any             `json:"index"`
	Values          map[string]any  `json:"values"`
	SensitiveValues json.RawMessage `json:"sensitive_values"`
}

func (r *priorResource) UnmarshalJSON(b []byte) error {
	var head struct {
		Mode string `json:"mode"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return err
	}
	if head.Mode != string(tfjson.DataResourceMode) {
		return nil
	}
	return decodeNumbers(b, &r.Data)
}

// stateResource is the data source as the state's own type.
func (d *priorData) stateResource() *tfjson.StateResource {
	return &tfjson.StateResource{
		Address:         d.Address,
		Mode:            tfjson.ResourceMode(d.Mode),
		Type:            d.Type,
		Name:            d.Name,
		Index:           d.Index,
		AttributeValues: d.Values,
		SensitiveValues: d.SensitiveValues,
	}
}

// managed reports whether the prior state holds a resource other than a
// data source.
func (p *priorState) managed() bool {
	if p == nil || p.Values == nil {
		return false
	}
	var walk func(m *priorModule) bool
	walk = func(m *priorModule) bool {
		if m == nil {
			return false
		}
		for _, r := range m.Resources {
			if r != nil && r.Data == nil {
				return true
			}
		}
		for _, child := range m.ChildModules {
			if walk(child) {
				return true
			}
		}
		return false
	}
	return walk(p.Values.RootModule)
}

// dataSources calls visit for each data source of the module and its
// descendants, depth first, with the address of its module.
func (m *priorModule) dataSources(visit func(*tfjson.StateResource, string)) {
	if m == nil {
		return
	}
	for _, r := range m.Resources {
		if r != nil && r.Data != nil {
			visit(r.Data.stateResource(), m.Address)
		}
	}
	for _, child := range m.ChildModules {
		child.dataSources(visit)
	}
}

// decodePriorState reads prior_state in one pass, as decodeChanges reads
// resource changes: it builds what encoding/json builds for priorState (the
// data sources) and skips everything else after checking its syntax. It
// gives up where decodeChanges does, and on a null where an object or
// array is expected.
func decodePriorState(value []byte) (*priorState, bool) {
	p := &parser{data: value}
	ps := &priorState{}
	ok := p.fields(func(key string) (bool, bool) {
		if key != "values" {
			return false, p.skip()
		}
		ps.Values = &priorValues{}
		return true, p.fields(func(key string) (bool, bool) {
			if key != "root_module" {
				return false, p.skip()
			}
			ps.Values.RootModule = &priorModule{}
			return true, p.priorModule(ps.Values.RootModule)
		})
	})
	return ps, ok && p.space() == len(p.data)
}

func (p *parser) priorModule(m *priorModule) bool {
	return p.nest() && p.leave(p.fields(func(key string) (bool, bool) {
		switch key {
		case "address":
			var ok bool
			m.Address, ok = p.string()
			return true, ok
		case "resources":
			m.Resources = []*priorResource{}
			return true, p.next('[') && p.items(']', func() bool {
				r, ok := p.priorResource()
				m.Resources = append(m.Resources, r)
				return ok
			})
		case "child_modules":
			m.ChildModules = []*priorModule{}
			return true, p.next('[') && p.items(']', func() bool {
				child := &priorModule{}
				m.ChildModules = append(m.ChildModules, child)
				return p.priorModule(child)
			})
		}
		return false, p.skip()
	}))
}

// priorResource reads a resource, or a null. Once it has read the mode
// it skips the rest of anything but a data source; fields before the mode
// are read in case it is one (Terraform writes the mode second, after the
// address).
func (p *parser) priorResource() (*priorResource, bool) {
	if p.space() < len(p.data) && p.data[p.i] == 'n' {
		v, ok := p.literal()
		return nil, ok && v == nil
	}
	d := &priorData{}
	hasMode := false
	ok := p.fields(func(key string) (bool, bool) {
		if key == "mode" {
			hasMode = true
			var ok bool
			d.Mode, ok = p.string()
			return true, ok
		}
		if hasMode && d.Mode != string(tfjson.DataResourceMode) {
			return false, p.skip()
		}
		return p.priorDataField(d, key)
	})
	if !ok || d.Mode != string(tfjson.DataResourceMode) {
		return &priorResource{}, ok
	}
	return &priorResource{Data: d}, true
}

// priorDataField reads the member key of a data source, as fields calls
// it.
func (p *parser) priorDataField(d *priorData, key string) (known, ok bool) {
	var s *string
	switch key {
	case "address":
		s = &d.Address
	case "type":
		s = &d.Type
	case "name":
		s = &d.Name
	case "index":
		d.Index, ok = p.value()
		return true, ok
	case "values":
		if p.i >= len(p.data) || p.data[p.i] != '{' {
			return true, false // null or not an object
		}
		v, ok := p.object()
		d.Values, _ = v.(map[string]any)
		return true, ok
	case "sensitive_values":
		start := p.i
		ok := p.skip()
		d.SensitiveValues = p.data[start:p.i]
		return true, ok
	default:
		return false, p.skip()
	}
	*s, ok = p.string()
	return true, ok
}
