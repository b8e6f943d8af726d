package plan

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/parallel"
)

// fromPlan adds one resource per planned resource instance, plus the data
// sources Terraform read while planning (they are only in the prior state),
// and links them through the configuration.
func fromPlan(m *model.Model, doc *document, opts Options) error {
	var changes []*resourceChange
	deposed := map[string][]string{}        // address: keys of deposed objects the plan destroys
	orphans := map[string]*resourceChange{} // a deposed object with no current one
	for _, rc := range doc.ResourceChanges {
		if rc == nil || rc.Change == nil {
			continue
		}
		if rc.DeposedKey != "" {
			// A deposed object is an old copy being cleaned up; the
			// current object of the same address describes the resource.
			// Destroying it destroys a real object all the same.
			if slices.Contains(rc.Change.Actions, string(tfjson.ActionDelete)) {
				deposed[rc.Address] = append(deposed[rc.Address], rc.DeposedKey)
				orphans[rc.Address] = rc
			}
			continue
		}
		changes = append(changes, rc)
	}
	for _, rc := range changes {
		delete(orphans, rc.Address)
	}
	for _, address := range slices.Sorted(maps.Keys(orphans)) {
		changes = append(changes, orphans[address])
	}
	resources, err := convert(len(changes), func(i int, b *builder) (*model.Resource, error) {
		return changeResource(changes[i], b)
	})
	if err != nil {
		return err
	}
	for _, r := range resources {
		if keys := deposed[r.Address]; len(keys) > 0 {
			r.Deposed = slices.Sorted(slices.Values(keys))
		}
	}
	priorLinks(resources)
	m.Resources = resources
	if doc.PriorState != nil && doc.PriorState.Values != nil {
		seen := make(map[string]bool, len(resources))
		for _, r := range resources {
			seen[r.Address] = true
		}
		type read struct {
			sr     *tfjson.StateResource
			module string
		}
		var reads []read
		doc.PriorState.Values.RootModule.dataSources(func(sr *tfjson.StateResource, module string) {
			if !seen[sr.Address] {
				reads = append(reads, read{sr, module})
			}
		})
		data, err := convert(len(reads), func(i int, b *builder) (*model.Resource, error) {
			return stateResource(reads[i].sr, reads[i].module, b)
		})
		if err != nil {
			return err
		}
		m.Resources = append(m.Resources, data...)
	}
	if keys := configSecrets(doc.Configuration, doc.Variables); len(keys) > 0 {
		for _, r := range m.Resources {
			scrubCopies(r, keys, true)
			slices.Sort(r.Sensitive)
			r.Sensitive = slices.Compact(r.Sensitive)
		}
	}
	if doc.Configuration != nil {
		return link(m.Resources, doc.Configuration, doc.Variables, opts)
	}
	return nil
}

// chunk is how many resources a goroutine converts, scrubs or links at a
// time.
const chunk = 256

// convert makes n resources with one(i) on every CPU and returns them in
// order, or the first error in that order. Each chunk has a builder of its
// own.
func convert(n int, one func(i int, b *builder) (*model.Resource, error)) ([]*model.Resource, error) {
	out := make([]*model.Resource, n)
	builders := make([]builder, (n+chunk-1)/chunk)
	errs := make([]error, len(builders))
	parallel.Chunks(n, chunk, func(start, end int) {
		k := start / chunk
		for i := start; i < end; i++ {
			if out[i], errs[k] = one(i, &builders[k]); errs[k] != nil {
				return
			}
		}
	})
	for k := range builders {
		if errs[k] != nil {
			return nil, errs[k]
		}
	}
	return out, nil
}

// fromState adds one resource per instance in the state.
func fromState(m *model.Model, values *tfjson.StateValues) error {
	if values == nil {
		return nil
	}
	b := &builder{}
	return walkStateModules(values.RootModule, func(sr *tfjson.StateResource, module string) error {
		if sr.DeposedKey != "" {
			return nil
		}
		r, err := stateResource(sr, module, b)
		if err != nil {
			return err
		}
		m.Resources = append(m.Resources, r)
		return nil
	})
}

func walkStateModules(mod *tfjson.StateModule, visit func(*tfjson.StateResource, string) error) error {
	if mod == nil {
		return nil
	}
	for _, sr := range mod.Resources {
		if sr == nil {
			continue
		}
		if err := visit(sr, mod.Address); err != nil {
			return err
		}
	}
	for _, child := range mod.ChildModules {
		if err := walkStateModules(child, visit); err != nil {
			return err
		}
	}
	return nil
}

func changeResource(rc *resourceChange, b *builder) (*model.Resource, error) {
	r, err := b.resource(rc.Address, rc.ModuleAddress, rc.Mode, rc.Type, rc.Name, rc.Index)
	if err != nil {
		return nil, err
	}
	c := rc.Change
	r.Actions = slices.Clone(c.Actions)
	values, sensitive := c.After, c.AfterSensitive
	if len(c.Actions) == 1 && (c.Actions[0] == string(tfjson.ActionDelete) || c.Actions[0] == string(tfjson.ActionForget)) {
		// Nothing remains after a delete: rules judge what is removed. A
		// forgotten object (a removed block with destroy = false) stays
		// as it was, outside the configuration.
		if values, err = decodeRaw(c.Before); err != nil {
			return nil, fmt.Errorf("resource %s: before: %w", printable(rc.Address), err)
		}
		if sensitive, err = decodeRaw(c.BeforeSensitive); err != nil {
			return nil, fmt.Errorf("resource %s: before_sensitive: %w", printable(rc.Address), err)
		}
	} else {
		r.Unknown = unknownPaths(c.AfterUnknown)
	}
	if len(c.Actions) == 2 && slices.Contains(c.Actions, string(tfjson.ActionDelete)) {
		// A replaced object may have named other resources than the new
		// one does (a public access block moved to another bucket).
		if before, err := decodeRaw(c.Before); err == nil {
			if m, ok := before.(map[string]any); ok {
				for _, k := range slices.Sorted(maps.Keys(m)) {
					if s, ok := m[k].(string); ok && s != "" {
						r.PriorNames = append(r.PriorNames, s)
					}
				}
			}
		}
	}
	if err := setValues(r, values, sensitive); err != nil {
		return nil, fmt.Errorf("resource %s: %w", printable(rc.Address), err)
	}
	return r, nil
}

// decodeRaw decodes a value the document kept as raw JSON, numbers as
// json.Number as everywhere else; absent is nil.
func decodeRaw(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var v any
	err := decodeNumbers(raw, &v)
	return v, err
}

func stateResource(sr *tfjson.StateResource, module string, b *builder) (*model.Resource, error) {
	r, err := b.resource(sr.Address, module, string(sr.Mode), sr.Type, sr.Name, sr.Index)
	if err != nil {
		return nil, err
	}
	var sensitive any
	if len(sr.SensitiveValues) > 0 {
		if err := json.Unmarshal(sr.SensitiveValues, &sensitive); err != nil {
			return nil, fmt.Errorf("resource %s: sensitive_values: %w", printable(sr.Address), err)
		}
	}
	values := map[string]any(sr.AttributeValues)
	if values == nil {
		values = map[string]any{}
	}
	if err := setValues(r, values, sensitive); err != nil {
		return nil, fmt.Errorf("resource %s: %w", printable(sr.Address), err)
	}
	return r, nil
}

// builder makes resources on one goroutine. It keeps the module addresses
// it has checked, written out again: the resources of a module instance
// come one after another.
type builder struct {
	modules map[string]string // module address as given → as written out
}

// module checks a module address and writes it out as the model does.
func (b *builder) module(address string) (string, error) {
	if m, ok := b.modules[address]; ok {
		return m, nil
	}
	path, err := model.ParseModulePath(address)
	if err != nil {
		return "", err
	}
	if b.modules == nil {
		b.modules = map[string]string{}
	}
	m := path.String()
	b.modules[address] = m
	return m, nil
}

func (b *builder) resource(address, module, mode, typ, name string, index any) (*model.Resource, error) {
	if address == "" || typ == "" || name == "" {
		return nil, fmt.Errorf("a resource lacks its address, type or name")
	}
	if mode != "managed" && mode != "data" {
		return nil, fmt.Errorf("resource %s: unknown mode %q", printable(address), mode)
	}
	module, err := b.module(module)
	if err != nil {
		return nil, err
	}
	switch k := index.(type) {
	case nil, string, json.Number:
	case float64:
		index = json.Number(strconv.FormatFloat(k, 'f', -1, 64))
	default:
		return nil, fmt.Errorf("resource %s: index %v is neither a number nor a string", printable(address), index)
	}
	return &model.Resource{
		Address: address,
		Module:  module,
		Mode:    mode,
		Type:    typ,
		Name:    name,
		Index:   index,
	}, nil
}

// setValues stores the attribute values after redacting what sensitive
// marks, and the whole copies of what it marks elsewhere in the resource
// (secretSet).
func setValues(r *model.Resource, values, sensitive any) error {
	switch v := values.(type) {
	case nil:
		r.Values = map[string]any{}
	case map[string]any:
		r.Values = v
	default:
		return fmt.Errorf("values are a JSON %T, not an object", values)
	}
	var paths []string
	secrets := secretSet{}
	redact(r.Values, sensitive, "", &paths, secrets)
	r.Sensitive = paths
	scrubCopies(r, secrets, false)
	slices.Sort(r.Sensitive)
	r.Sensitive = slices.Compact(r.Sensitive)
	return nil
}

// redact replaces every value that the sensitivity mask marks true with
// model.SensitiveMarker, in place, records its path, and adds the strings
// it hid to secrets. It returns the value to store at this position.
func redact(value, mask any, path string, paths *[]string, secrets secretSet) any {
	switch mk := mask.(type) {
	case bool:
		if mk && value != nil {
			*paths = append(*paths, path)
			secrets.addAll(value)
			return model.SensitiveMarker
		}
	case map[string]any:
		if obj, ok := value.(map[string]any); ok {
			for k, sub := range mk {
				if v, ok := obj[k]; ok {
					obj[k] = redact(v, sub, joinKey(path, k), paths, secrets)
				}
			}
		}
	case []any:
		if list, ok := value.([]any); ok {
			for i, sub := range mk {
				if i < len(list) {
					list[i] = redact(list[i], sub, joinIndex(path, i), paths, secrets)
				}
			}
		}
	}
	return value
}

// unknownPaths lists the paths that an after_unknown mask marks true.
func unknownPaths(mask any) []string {
	var paths []string
	var walk func(any, string)
	walk = func(m any, path string) {
		switch mk := m.(type) {
		case bool:
			if mk && path != "" {
				paths = append(paths, path)
			}
		case map[string]any:
			for k, sub := range mk {
				walk(sub, joinKey(path, k))
			}
		case []any:
			for i, sub := range mk {
				walk(sub, joinIndex(path, i))
			}
		}
	}
	walk(mask, "")
	slices.Sort(paths)
	return paths
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// printable quotes text from the input that would break a one-line error
// (control characters such as newlines); other text is left as it is.
func printable(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// priorLinks resolves the names replaced objects held before the change
// (model.Resource.PriorNames) to the resources they name, by those
// resources' id, arn, bucket or name. A name several resources share
// names each of them.
func priorLinks(resources []*model.Resource) {
	var names map[string][]string
	for _, r := range resources {
		if len(r.PriorNames) == 0 {
			continue
		}
		if names == nil {
			names = map[string][]string{}
			for _, x := range resources {
				for _, attr := range []string{"id", "arn", "bucket", "name"} {
					if s, ok := x.Values[attr].(string); ok && s != "" && s != model.SensitiveMarker {
						names[s] = append(names[s], x.Address)
					}
				}
			}
		}
		for _, s := range r.PriorNames {
			for _, address := range names[s] {
				if address != r.Address {
					r.PriorLinks = append(r.PriorLinks, address)
				}
			}
		}
		slices.Sort(r.PriorLinks)
		r.PriorLinks = slices.Compact(r.PriorLinks)
		r.PriorNames = nil
	}
}
