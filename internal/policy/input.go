package policy

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/parallel"
)

// Params are the settings of one evaluation that rules read as
// input.params: the clock and the organisation's choices.
type Params struct {
	// Now is the time the time-bound rules compare with.
	Now time.Time
	// EmergencyPattern is a regular expression (RE2) that marks IAM
	// roles and policies as emergency or break-glass access.
	EmergencyPattern string
	// EmergencyWindow is the longest an emergency grant may last.
	EmergencyWindow time.Duration
	// Ticket is the change ticket given for the change, "" for none.
	Ticket string
	// TicketPattern is a regular expression (RE2) a ticket must match.
	TicketPattern string
	// StateBackup says whether a state backup of the prior state exists.
	StateBackup StateBackup
	// ProtectedTypes are the resource types tf-destroy-protected keeps
	// from deletion; nil for DefaultProtectedTypes.
	ProtectedTypes []string
}

// DefaultProtectedTypes are the foundation's resource types that a plan
// may not delete or replace: every kind of KMS key (deleting one
// schedules its key material's deletion), trails and buckets.
var DefaultProtectedTypes = []string{"aws_cloudtrail", "aws_kms_external_key", "aws_kms_key", "aws_kms_replica_external_key", "aws_kms_replica_key", "aws_s3_bucket"}

// StateBackup is the outcome of looking for a backup of a plan's prior
// state, which needs file access that policies do not have.
type StateBackup struct {
	// Given is true when the user named a backup to look for.
	Given bool
	// Matched is the backup file that matches, "" for none.
	Matched string
	// Detail says how it matched, or why nothing did.
	Detail string
}

// DefaultEmergencyPattern recognises emergency and break-glass access.
const DefaultEmergencyPattern = `(?i)(emergency|break[-_ ]?glass|incident)`

// DefaultTicketPattern accepts any non-empty ticket reference.
const DefaultTicketPattern = `\S`

// DefaultEmergencyWindow is the longest emergency access may last.
const DefaultEmergencyWindow = 4 * time.Hour

// Input converts a model to the value policies read as input, once per
// evaluation. It is the model's JSON form plus an index:
//
//	index.by_type[TYPE]     positions in resources of the instances of TYPE
//	index.managed[TYPE]     the same, for managed instances the change keeps
//	index.deletes[TYPE]     the same, for managed instances the change
//	                        deletes or replaces
//	index.resources[TYPE]   the managed instances of TYPE the change keeps,
//	                        as the objects in resources (lib.resources)
//	index.referrers[ADDR][TYPE][ATTRIBUTE]
//	                        positions of the instances of TYPE the change
//	                        keeps that refer to ADDR through ATTRIBUTE
//	index.maybe[ADDR][TYPE][ATTRIBUTE]
//	                        the same for the ambiguous links: instances
//	                        that may refer to ADDR, or to another candidate
//	                        (model.Link.Ambiguous)
//	index.unreferred[TYPE][REFERRER][ATTRIBUTE]
//	                        positions of the managed instances of TYPE the
//	                        change keeps that no instance of type REFERRER
//	                        the change keeps refers to through ATTRIBUTE;
//	                        only for the REFERRER and ATTRIBUTE of some
//	                        kept resource's link to an instance of TYPE
//	                        (for the others, every instance in
//	                        index.managed[TYPE])
//	index.unlinked[TYPE][TARGET][ATTRIBUTE]
//	                        positions of the managed instances of TYPE the
//	                        change keeps that have no link through
//	                        ATTRIBUTE to an instance of type TARGET; only
//	                        for the TARGET and ATTRIBUTE of some such
//	                        instance's link (for the others, every instance
//	                        in index.managed[TYPE])
//	index.by_address[ADDR]  position in resources of the instance ADDR
//	index.computed[TYPE]    the top-level arguments and blocks the provider
//	                        computes when a configuration leaves them unset
//	                        (model.ProviderComputed), as a set, for the
//	                        types in the model
//	index.statements[DOC]   the statements of each policy document DOC
//	                        in a policy or assume_role_policy attribute,
//	                        normalised as lib.statements does
//	                        (statementsOf)
//
// so that rules look resources up instead of scanning the list, and the
// evaluation's params:
//
//	params.now                       RFC 3339, params.now_ns nanoseconds
//	params.emergency_pattern         regular expression
//	params.emergency_window_seconds  number
//	params.ticket                    string, "" when none was given
//	params.ticket_pattern            regular expression
//	params.state_backup              {given, matched, detail}
//	params.protected_types           resource types kept from deletion
func Input(m *model.Model, p Params) (ast.Value, error) {
	for _, re := range []string{p.EmergencyPattern, p.TicketPattern} {
		if _, err := regexp.Compile(re); err != nil {
			return nil, fmt.Errorf("pattern %q: %w", re, err)
		}
	}
	resources, byAddress, statements, err := resourceValues(m.Resources)
	if err != nil {
		return nil, fmt.Errorf("evaluate policies on %s: %w", m.Source, err)
	}
	c := newConverter()
	item := c.item
	byType := map[string][]*ast.Term{}
	managed := map[string][]*ast.Term{}
	deletes := map[string][]*ast.Term{}
	kept := map[string][]*ast.Term{}
	at := make(map[string]int, len(m.Resources))
	for i, r := range m.Resources {
		pos := byAddress[i][1]
		byType[r.Type] = append(byType[r.Type], pos)
		if r.Mode == "managed" && !isDelete(r.Actions) {
			managed[r.Type] = append(managed[r.Type], pos)
			kept[r.Type] = append(kept[r.Type], resources[i])
		}
		if r.Mode == "managed" && (slices.Contains(r.Actions, "delete") || len(r.Deposed) > 0) {
			deletes[r.Type] = append(deletes[r.Type], pos)
		}
		at[r.Address] = i
	}
	// The lookup indexes are made on one CPU while the link indexes are
	// made on all; they only read the terms they share.
	var lookups [5]*ast.Term
	done := make(chan struct{})
	go func() {
		defer close(done)
		lookups = [...]*ast.Term{positions(byType), positions(managed), positions(deletes), positions(kept), ast.ObjectTerm(byAddress...)}
	}()
	referrersIndex, maybeIndex, referred := referrers(m.Resources, at, byAddress)
	unreferredIndex := lacking(m.Resources, referred, byAddress)
	unlinkedIndex := lacking(m.Resources, linkKinds(m.Resources), byAddress)
	<-done
	fields := [][2]*ast.Term{
		item("model_version", ast.IntNumberTerm(m.Version)),
		item("kind", ast.StringTerm(string(m.Kind))),
		item("source", ast.StringTerm(m.Source)),
		item("resources", ast.ArrayTerm(resources...)),
		item("index", ast.ObjectTerm(
			item("by_type", lookups[0]),
			item("managed", lookups[1]),
			item("deletes", lookups[2]),
			item("resources", lookups[3]),
			item("by_address", lookups[4]),
			item("referrers", referrersIndex),
			item("maybe", maybeIndex),
			item("unreferred", unreferredIndex),
			item("unlinked", unlinkedIndex),
			item("statements", statements),
			item("computed", computed(byType)),
		)),
		item("params", ast.ObjectTerm(
			item("now", ast.StringTerm(p.Now.UTC().Format(time.RFC3339))),
			item("now_ns", ast.NumberTerm(json.Number(strconv.FormatInt(p.Now.UnixNano(), 10)))),
			item("emergency_pattern", ast.StringTerm(p.EmergencyPattern)),
			item("emergency_window_seconds", ast.IntNumberTerm(int(p.EmergencyWindow/time.Second))),
			item("ticket", ast.StringTerm(p.Ticket)),
			item("ticket_pattern", ast.StringTerm(p.TicketPattern)),
			item("protected_types", c.list(protected(p.ProtectedTypes))),
			item("state_backup", ast.ObjectTerm(
				item("given", ast.BooleanTerm(p.StateBackup.Given)),
				item("matched", ast.StringTerm(p.StateBackup.Matched)),
				item("detail", ast.StringTerm(p.StateBackup.Detail)),
			)),
		)),
	}
	if m.TerraformVersion != "" {
		fields = append(fields, item("terraform_version", ast.StringTerm(m.TerraformVersion)))
	}
	backend := ast.NullTerm()
	if b := m.Backend; b != nil {
		config, err := ast.InterfaceToValue(b.Config)
		if err != nil {
			return nil, fmt.Errorf("evaluate policies on %s: backend: %w", m.Source, err)
		}
		backend = ast.ObjectTerm(
			item("type", ast.StringTerm(b.Type)),
			item("config", ast.NewTerm(config)),
			item("not_literal", c.list(b.NotLiteral)),
			item("location", c.location(b.Location)),
			item("partial", ast.BooleanTerm(b.Partial)),
			item("initialized", ast.BooleanTerm(b.Initialized)),
		)
	}
	fields = append(fields, item("backend", backend), item("settings_location", c.location(m.Settings)))
	if m.FormatVersion != "" {
		fields = append(fields, item("format_version", ast.StringTerm(m.FormatVersion)))
	}
	if m.Timestamp != "" {
		fields = append(fields, item("timestamp", ast.StringTerm(m.Timestamp)))
	}
	return ast.NewObject(fields...), nil
}

// referrers indexes the links by their target: for each address, by the
// referring resource's type and attribute, the positions of the referring
// resources that the change keeps, in the order of referenced_by. Each
// entry of byAddress is a resource's address and position, as in
// index.by_address, whose terms it shares. An ambiguous link
// (model.Link.Ambiguous) goes to the second index, index.maybe, instead:
// its referrer may refer to the resource, or to another. It also returns,
// for each resource, the kinds of link through which kept resources
// surely refer to it, sorted: a resource only an ambiguous link reaches
// is among the unreferred.
func referrers(rs []*model.Resource, at map[string]int, byAddress [][2]*ast.Term) (sure, maybe *ast.Term, kinds [][]kind) {
	targets := make([][2]*ast.Term, len(rs)) // nil keys for no referrers
	candidates := make([][2]*ast.Term, len(rs))
	kinds = make([][]kind, len(rs))
	parallel.Chunks(len(rs), chunk, func(start, end int) {
		var refs, maybes []referrer
		for i := start; i < end; i++ {
			refs, maybes = refs[:0], maybes[:0]
			for _, l := range rs[i].ReferencedBy {
				if j, ok := at[l.Address]; ok && !isDelete(rs[j].Actions) {
					if l.Ambiguous {
						maybes = append(maybes, referrer{kind{l.Type, l.Attribute}, j})
					} else {
						refs = append(refs, referrer{kind{l.Type, l.Attribute}, j})
					}
				}
			}
			if len(refs) > 0 {
				targets[i] = [2]*ast.Term{byAddress[i][0], referrersOf(refs, byAddress)}
				kinds[i] = kindsOf(refs)
			}
			if len(maybes) > 0 {
				candidates[i] = [2]*ast.Term{byAddress[i][0], referrersOf(maybes, byAddress)}
			}
		}
	})
	absent := func(t [2]*ast.Term) bool { return t[0] == nil }
	return ast.ObjectTerm(slices.DeleteFunc(targets, absent)...), ast.ObjectTerm(slices.DeleteFunc(candidates, absent)...), kinds
}

// kind is a kind of link: its attribute, and the type of the resource at
// its other end (the referring resource's for referrers, the target's for
// linkKinds).
type kind struct{ typ, attribute string }

func compareKinds(a, b kind) int {
	return cmp.Or(strings.Compare(a.typ, b.typ), strings.Compare(a.attribute, b.attribute))
}

// referrer is a resource that refers to another, at position pos.
type referrer struct {
	kind
	pos int
}

// referrersOf is the entry of referrers for one resource: its referrers
// grouped by type, then by attribute. It sorts refs by kind.
func referrersOf(refs []referrer, byAddress [][2]*ast.Term) *ast.Term {
	slices.SortStableFunc(refs, func(a, b referrer) int { return compareKinds(a.kind, b.kind) })
	var types, attributes [][2]*ast.Term
	for i := 0; i < len(refs); {
		typ := refs[i].typ
		attributes = attributes[:0]
		for i < len(refs) && refs[i].typ == typ {
			k := refs[i].kind
			var positions []*ast.Term
			for ; i < len(refs) && refs[i].kind == k; i++ {
				positions = append(positions, byAddress[refs[i].pos][1])
			}
			attributes = append(attributes, [2]*ast.Term{ast.StringTerm(k.attribute), ast.ArrayTerm(positions...)})
		}
		types = append(types, [2]*ast.Term{ast.StringTerm(typ), ast.ObjectTerm(attributes...)})
	}
	return ast.ObjectTerm(types...)
}

// kindsOf lists the distinct kinds of refs, which are sorted by kind.
func kindsOf(refs []referrer) []kind {
	var out []kind
	for _, r := range refs {
		if len(out) == 0 || out[len(out)-1] != r.kind {
			out = append(out, r.kind)
		}
	}
	return out
}

// lacking indexes, for each type, by each kind of link in kinds, the kept
// managed instances of the type whose kinds lack it: index.unreferred when
// kinds[i] are the kinds of link kept resources make to resource i
// (referrers), index.unlinked when they are the kinds of resource i's own
// links (linkKinds). Rules use it to find the buckets without a
// versioning configuration, say, without asking each bucket. kinds[i] is
// sorted.
func lacking(rs []*model.Resource, kinds [][]kind, byAddress [][2]*ast.Term) *ast.Term {
	toType := map[string][]kind{} // the kinds of each type's instances
	for i, ks := range kinds {
		for _, k := range ks {
			t := rs[i].Type
			if !slices.Contains(toType[t], k) {
				toType[t] = append(toType[t], k)
			}
		}
	}
	// Each chunk lists its instances by type, at each kind's place in
	// toType; the chunks' lists are then joined in order.
	type lists map[string][][]*ast.Term
	chunks := make([]lists, (len(rs)+chunk-1)/chunk)
	parallel.Chunks(len(rs), chunk, func(start, end int) {
		found := lists{}
		for i := start; i < end; i++ {
			r := rs[i]
			ks := toType[r.Type]
			if len(ks) == 0 || r.Mode != "managed" || isDelete(r.Actions) {
				continue
			}
			list := found[r.Type]
			if list == nil {
				list = make([][]*ast.Term, len(ks))
				found[r.Type] = list
			}
			for n, k := range ks {
				if _, has := slices.BinarySearchFunc(kinds[i], k, compareKinds); !has {
					list[n] = append(list[n], byAddress[i][1])
				}
			}
		}
		chunks[start/chunk] = found
	})
	all := lists{}
	for _, found := range chunks {
		for typ, list := range found {
			if all[typ] == nil {
				all[typ] = make([][]*ast.Term, len(list))
			}
			for n := range list {
				all[typ][n] = append(all[typ][n], list[n]...)
			}
		}
	}
	types := make([][2]*ast.Term, 0, len(all))
	for typ, list := range all {
		byOther := map[string]map[string][]*ast.Term{} // by the kind's type
		for n, k := range toType[typ] {
			if byOther[k.typ] == nil {
				byOther[k.typ] = map[string][]*ast.Term{}
			}
			byOther[k.typ][k.attribute] = list[n]
		}
		others := make([][2]*ast.Term, 0, len(byOther))
		for other, byAttribute := range byOther {
			others = append(others, [2]*ast.Term{ast.StringTerm(other), positions(byAttribute)})
		}
		types = append(types, [2]*ast.Term{ast.StringTerm(typ), ast.ObjectTerm(others...)})
	}
	return ast.ObjectTerm(types...)
}

// linkKinds lists, for each kept managed resource, the distinct kinds of
// its links (target type and attribute), sorted; nil for the others.
func linkKinds(rs []*model.Resource) [][]kind {
	kinds := make([][]kind, len(rs))
	parallel.Chunks(len(rs), chunk, func(start, end int) {
		for i := start; i < end; i++ {
			r := rs[i]
			if len(r.References) == 0 || r.Mode != "managed" || isDelete(r.Actions) {
				continue
			}
			ks := make([]kind, len(r.References))
			for n, l := range r.References {
				ks[n] = kind{l.Type, l.Attribute}
			}
			slices.SortFunc(ks, compareKinds)
			kinds[i] = slices.Compact(ks)
		}
	})
	return kinds
}

// positions makes an object of lists of positions.
func positions(byKey map[string][]*ast.Term) *ast.Term {
	items := make([][2]*ast.Term, 0, len(byKey))
	for k, list := range byKey {
		items = append(items, [2]*ast.Term{ast.StringTerm(k), ast.ArrayTerm(list...)})
	}
	return ast.ObjectTerm(items...)
}

// resourceValues converts the resources on every CPU, in order. It also
// returns each resource's address and position as the terms the index
// shares (byAddress, the entries of index.by_address), and the policy
// documents in their values (index.statements).
func resourceValues(rs []*model.Resource) (terms []*ast.Term, byAddress [][2]*ast.Term, statements *ast.Term, err error) {
	terms = make([]*ast.Term, len(rs))
	byAddress = make([][2]*ast.Term, len(rs))
	errs := make([]error, len(rs)) // at the failing resource's position
	converters := make([]*converter, (len(rs)+chunk-1)/chunk)
	parallel.Chunks(len(rs), chunk, func(start, end int) {
		c := newConverter()
		converters[start/chunk] = c
		for i := start; i < end; i++ {
			address := ast.StringTerm(rs[i].Address)
			v, err := c.resource(rs[i], address)
			if err != nil {
				errs[i] = err
				return
			}
			terms[i] = ast.NewTerm(v)
			byAddress[i] = [2]*ast.Term{address, ast.IntNumberTerm(i)}
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, nil, nil, err
		}
	}
	return terms, byAddress, documentStatements(converters), nil
}

// documentStatements parses, on every CPU, the policy documents the
// converters met, each once, into index.statements.
func documentStatements(converters []*converter) *ast.Term {
	seen := map[string]struct{}{}
	for _, c := range converters {
		maps.Copy(seen, c.documents)
	}
	docs := slices.Sorted(maps.Keys(seen))
	statements := make([]*ast.Term, len(docs))
	parallel.For(len(docs), func(i int) { statements[i], _ = statementsOf(docs[i]) })
	items := make([][2]*ast.Term, 0, len(docs))
	for i, doc := range docs {
		if statements[i] != nil {
			items = append(items, [2]*ast.Term{ast.StringTerm(doc), statements[i]})
		}
	}
	return ast.ObjectTerm(items...)
}

// chunk is how many resources a goroutine converts at a time.
const chunk = 256

// converter turns resources into OPA values. It shares one term between
// all uses of a field name, of a short string that recurs across resources
// (types, modes, actions, link fields), of a list of such strings (the
// unknown, configured and sensitive paths, which instances of one
// configuration block share) and of a source location, which saves a good
// part of the input's memory. Terms in the input are never modified, so
// sharing them is safe; a converter is used by one goroutine.
type converter struct {
	strings   map[string]*ast.Term
	lists     map[string]*ast.Term // by listKey
	paths     map[string]*ast.Term // unknown path sets, by listKey
	locations map[model.Location]*ast.Term
	key       []byte // room for listKey
	// documents are the strings of policy and assume_role_policy
	// attributes that may be policy documents (isDocumentCandidate).
	documents map[string]struct{}
}

func newConverter() *converter {
	return &converter{
		strings:   map[string]*ast.Term{},
		lists:     map[string]*ast.Term{},
		paths:     map[string]*ast.Term{},
		locations: map[model.Location]*ast.Term{},
		documents: map[string]struct{}{},
	}
}

// maxShared is the longest string value the converter shares: longer ones
// seldom recur, and hashing them costs more than a copy of their header.
const maxShared = 64

// str returns the shared term for a recurring string.
func (c *converter) str(s string) *ast.Term {
	t, ok := c.strings[s]
	if !ok {
		t = ast.StringTerm(s)
		c.strings[s] = t
	}
	return t
}

func (c *converter) item(key string, value *ast.Term) [2]*ast.Term {
	return [2]*ast.Term{c.str(key), value}
}

// resource converts a resource whose address is already a term.
func (c *converter) resource(r *model.Resource, address *ast.Term) (ast.Value, error) {
	index := ast.NullTerm()
	if r.Index != nil {
		v, err := ast.InterfaceToValue(r.Index)
		if err != nil {
			return nil, fmt.Errorf("resource %s: index: %w", r.Address, err)
		}
		index = ast.NewTerm(v)
	}
	values, err := c.value(r.Values)
	if err != nil {
		return nil, fmt.Errorf("resource %s: values: %w", r.Address, err)
	}
	return ast.NewObject(
		c.item("address", address),
		c.item("module", c.str(r.Module)),
		c.item("mode", c.str(r.Mode)),
		c.item("type", c.str(r.Type)),
		c.item("provider", c.str(r.Provider)),
		c.item("deposed", c.list(r.Deposed)),
		c.item("name", c.str(r.Name)),
		c.item("index", index),
		c.item("actions", c.list(r.Actions)),
		c.item("values", ast.NewTerm(values)),
		c.item("unknown", c.list(r.Unknown)),
		c.item("unknown_paths", c.unknownPaths(r.Unknown, r.Sensitive)),
		c.item("configured", c.list(r.Configured)),
		c.item("sensitive", c.list(r.Sensitive)),
		c.item("location", c.location(r.Location)),
		c.item("references", c.links(r.References)),
		c.item("referenced_by", c.links(r.ReferencedBy)),
		c.item("drafts", drafts(r.Drafts)),
		c.item("transformed", c.list(r.Transformed)),
		c.item("candidates", candidates(r.Candidates)),
	), nil
}

// drafts converts a resource's draft policy documents; null for none.
func drafts(d map[string]string) *ast.Term {
	if d == nil {
		return ast.NullTerm()
	}
	items := make([][2]*ast.Term, 0, len(d))
	for _, attr := range slices.Sorted(maps.Keys(d)) {
		items = append(items, [2]*ast.Term{ast.StringTerm(attr), ast.StringTerm(d[attr])})
	}
	return ast.ObjectTerm(items...)
}

// candidates converts a resource's candidate documents; null for none.
func candidates(d map[string][]string) *ast.Term {
	if d == nil {
		return ast.NullTerm()
	}
	items := make([][2]*ast.Term, 0, len(d))
	for _, attr := range slices.Sorted(maps.Keys(d)) {
		docs := make([]*ast.Term, len(d[attr]))
		for i, doc := range d[attr] {
			docs[i] = ast.StringTerm(doc)
		}
		items = append(items, [2]*ast.Term{ast.StringTerm(attr), ast.ArrayTerm(docs...)})
	}
	return ast.ObjectTerm(items...)
}

// value converts a value of the model as ast.InterfaceToValue does, with
// the terms of object keys and of short strings shared, and each object's
// or array's terms in one allocation.
func (c *converter) value(x any) (ast.Value, error) {
	switch x := x.(type) {
	case map[string]any:
		items := make([][2]*ast.Term, len(x))
		values := make([]ast.Term, len(x))
		i := 0
		for k, v := range x {
			if s, ok := v.(string); ok && (k == "policy" || k == "assume_role_policy") && isDocumentCandidate(s) {
				c.documents[s] = struct{}{}
			}
			var err error
			if values[i].Value, err = c.value(v); err != nil {
				return nil, err
			}
			items[i] = [2]*ast.Term{c.str(k), &values[i]}
			i++
		}
		return ast.NewObject(items...), nil
	case []any:
		terms := make([]*ast.Term, len(x))
		values := make([]ast.Term, len(x))
		for i, e := range x {
			var err error
			if values[i].Value, err = c.value(e); err != nil {
				return nil, err
			}
			terms[i] = &values[i]
		}
		return ast.NewArray(terms...), nil
	case string:
		if len(x) <= maxShared {
			return c.str(x).Value, nil
		}
	}
	return ast.InterfaceToValue(x)
}

// unknownPaths is the set of the unknown and sensitive paths and every
// path that contains one: for "a.b[0].c" also "a", "a.b" and "a.b[0]". A
// path is in it when its value, or a part of it, is known only after
// apply, or hidden: a rule cannot read either, so neither may decide a
// pass.
func (c *converter) unknownPaths(unknown, sensitive []string) *ast.Term {
	if len(sensitive) > 0 {
		unknown = append(slices.Clip(unknown), sensitive...)
	}
	c.key = listKey(c.key[:0], unknown)
	if t, ok := c.paths[string(c.key)]; ok {
		return t
	}
	key := string(c.key)
	set := ast.NewSet()
	for _, u := range unknown {
		set.Add(c.str(u))
		for i := 1; i < len(u); i++ {
			if u[i] == '.' || u[i] == '[' {
				set.Add(c.str(u[:i]))
			}
		}
	}
	t := ast.NewTerm(set)
	c.paths[key] = t
	return t
}

func (c *converter) list(list []string) *ast.Term {
	if list == nil {
		return ast.NullTerm()
	}
	c.key = listKey(c.key[:0], list)
	if t, ok := c.lists[string(c.key)]; ok {
		return t
	}
	key := string(c.key)
	terms := make([]*ast.Term, len(list))
	for i, s := range list {
		terms[i] = c.str(s)
	}
	t := ast.ArrayTerm(terms...)
	c.lists[key] = t
	return t
}

// listKey appends to b a map key that tells lists of strings apart: each
// string after its length.
func listKey(b []byte, list []string) []byte {
	for _, s := range list {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	return b
}

func (c *converter) location(l *model.Location) *ast.Term {
	if l == nil {
		return ast.NullTerm()
	}
	if t, ok := c.locations[*l]; ok {
		return t
	}
	t := ast.ObjectTerm(
		c.item("file", c.str(l.File)),
		c.item("start_line", ast.IntNumberTerm(l.StartLine)),
		c.item("end_line", ast.IntNumberTerm(l.EndLine)),
	)
	c.locations[*l] = t
	return t
}

func (c *converter) links(ls []model.Link) *ast.Term {
	if ls == nil {
		return ast.NullTerm()
	}
	terms := make([]*ast.Term, len(ls))
	for i, l := range ls {
		fields := [...][2]*ast.Term{
			c.item("address", ast.StringTerm(l.Address)),
			c.item("type", c.str(l.Type)),
			c.item("attribute", c.str(l.Attribute)),
			c.item("via", c.str(string(l.Via))),
			{},
			{},
		}
		n := 4
		if l.Through != nil {
			fields[n] = c.item("through", c.list(l.Through))
			n++
		}
		if l.Ambiguous {
			fields[n] = c.item("ambiguous", ast.BooleanTerm(true))
			n++
		}
		terms[i] = ast.ObjectTerm(fields[:n]...)
	}
	return ast.ArrayTerm(terms...)
}

// computed is index.computed for the types of the model.
func computed(byType map[string][]*ast.Term) *ast.Term {
	table := model.ProviderComputedTypes()
	var items [][2]*ast.Term
	for t := range byType {
		names, ok := table[t]
		if !ok {
			continue
		}
		set := ast.NewSet()
		for _, n := range names {
			set.Add(ast.StringTerm(n))
		}
		items = append(items, [2]*ast.Term{ast.StringTerm(t), ast.NewTerm(set)})
	}
	return ast.ObjectTerm(items...)
}

func protected(types []string) []string {
	if types == nil {
		return DefaultProtectedTypes
	}
	return types
}
