// Package model defines the resource model that every policy reads as
// input. A plan, a state and a directory of .tf sources all become the same
// Model, so one rule works on all three.
//
// The JSON form of these types (their json tags) is exactly what Rego sees
// as input. It is a versioned contract: renaming or removing a field is a
// breaking change and needs a new Version.
package model

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/internal/parallel"
)

// Version is the version of the model's JSON form.
const Version = 1

// SensitiveMarker replaces every value Terraform marks as sensitive, before
// any policy or report sees it.
const SensitiveMarker = "(sensitive value)"

// DocumentLists are the arguments of an aws_iam_policy_document that list
// the documents it merges (Resource.Candidates).
var DocumentLists = []string{"source_policy_documents", "override_policy_documents"}

// PendingMarker stands, in a draft policy document (Resource.Drafts), for a
// part known only after apply.
const PendingMarker = "(known after apply)"

// UndecidedEffect is the Effect of a statement of a draft whose decisive
// fields are not all known: the draft is partial (lib.partial_statements).
const UndecidedEffect = "(undecided)"

// Kind says what an input was.
type Kind string

// The kinds of input.
const (
	KindPlan  Kind = "plan"  // terraform show -json of a saved plan
	KindState Kind = "state" // terraform show -json of a state
	KindHCL   Kind = "hcl"   // a directory of .tf sources, statically evaluated
)

// Model is everything one input says about the infrastructure.
type Model struct {
	// Version is always the package constant Version.
	Version int `json:"model_version"`
	// Kind is what the input was.
	Kind Kind `json:"kind"`
	// Source is the input path as the user gave it.
	Source string `json:"source"`
	// TerraformVersion is the version of Terraform that wrote the input;
	// empty when the input does not say (HCL).
	TerraformVersion string `json:"terraform_version,omitempty"`
	// FormatVersion is the JSON format version of a plan or state; empty
	// for HCL.
	FormatVersion string `json:"format_version,omitempty"`
	// Timestamp is when the plan was made (RFC 3339), empty when unknown
	// (states, HCL, plans from Terraform before 1.5).
	Timestamp string `json:"timestamp,omitempty"`
	// RefreshOnly is true for a refresh-only plan, which changes no
	// resource and is checked as the state it records (Kind state).
	RefreshOnly bool `json:"refresh_only,omitempty"`
	// PriorLineage and PriorSerial identify the state a plan was made
	// from. Only a binary plan file records them; empty and 0 otherwise.
	PriorLineage string `json:"prior_lineage,omitempty"`
	PriorSerial  int64  `json:"prior_serial,omitempty"`
	// Resources holds one entry per resource instance, sorted by address.
	Resources []*Resource `json:"resources"`
	// Backend is the root module's backend block, read from the sources;
	// nil when no source directory was read or it declares none.
	Backend *Backend `json:"backend"`
	// Settings is where the root module's terraform block is written,
	// the place of findings about the change as a whole; nil when unknown.
	Settings *Location `json:"settings_location"`
	// Gaps are the parts of the configuration that could not be evaluated
	// (a count known only after apply, a module not installed): their
	// resource instances are not in Resources, so every rule that judges
	// their types reports them unknown. Empty for plans and states.
	Gaps []Gap `json:"gaps"`
	// Variables are a plan's root module input values, for evaluating its
	// sources as the plan did; policies never see them. Nil for other
	// inputs.
	Variables map[string]any `json:"-"`
}

// Gap is a block of the configuration whose resource instances are not in
// the model because it could not be evaluated.
type Gap struct {
	// Address is the block's address, "aws_s3_bucket.logs" or
	// "module.vpc", within its module instance.
	Address string `json:"address"`
	// Types are the resource types the block may hold; nil when they are
	// not known (a module that was not read).
	Types []string `json:"types"`
	// Reason says why the block was not evaluated, and what to do.
	Reason string `json:"reason"`
	// Location is where the block is written, nil when unknown.
	Location *Location `json:"location"`
}

// BackendAddress and PlanAddress are the addresses results use for the
// backend and for the change as a whole, which are not resources.
const (
	BackendAddress = "backend"
	PlanAddress    = "plan"
)

// Backend is a backend block, such as backend "s3" in the terraform block.
type Backend struct {
	// Type is the backend type, such as "s3" or "local".
	Type string `json:"type"`
	// Config holds the arguments with literal values.
	Config map[string]any `json:"config"`
	// NotLiteral lists the arguments whose values are not literals (and
	// are therefore absent from Config).
	NotLiteral []string `json:"not_literal"`
	// Location is where the backend block is written.
	Location *Location `json:"location"`
	// Partial is true when the block leaves settings the backend needs
	// to -backend-config (an s3 block without bucket or key) and no
	// initialized working directory says what they were: any setting
	// absent from Config may then be given there.
	Partial bool `json:"partial"`
	// Initialized is true when Config includes the settings terraform
	// init merged from -backend-config (.terraform/terraform.tfstate).
	Initialized bool `json:"initialized"`
	// Sensitive lists the arguments holding credentials whose values
	// were replaced by SensitiveMarker (Redact).
	Sensitive []string `json:"sensitive"`
}

// Resource is one resource instance: a managed resource, or a data source
// whose result is known.
type Resource struct {
	// Address is the absolute instance address, for example
	// module.buckets["logs"].aws_s3_bucket.this.
	Address string `json:"address"`
	// Module is the module instance address, empty for the root module.
	Module string `json:"module"`
	// Mode is "managed" or "data".
	Mode string `json:"mode"`
	// Type is the resource type, for example aws_s3_bucket.
	Type string `json:"type"`
	// Name is the resource name in its module.
	Name string `json:"name"`
	// Index is the instance key: nil without count or for_each, a
	// json.Number under count, a string under for_each.
	Index any `json:"index"`
	// Actions are the planned actions ("no-op", "create", "read",
	// "update", "delete"; ["delete","create"] or ["create","delete"] is a
	// replace). Nil for states and HCL, where nothing is planned.
	Actions []string `json:"actions"`
	// Values are the attribute values: the planned after-values (the
	// before-values for a resource being deleted), the state's values, or
	// the statically evaluated attributes. Values known only after apply
	// are absent; their paths are in Unknown. Never nil.
	Values map[string]any `json:"values"`
	// Unknown lists the attribute paths whose values are known only after
	// apply, such as "arn" or "rule[0].id". Empty when all are known.
	Unknown []string `json:"unknown"`
	// Configured lists the top-level arguments and blocks the
	// configuration writes for the resource, sorted; nil when the input
	// does not describe the configuration (a state). It tells an
	// attribute the configuration sets to a value known only after apply
	// from one left unset that the provider computes.
	Configured []string `json:"configured"`
	// Sensitive lists the attribute paths whose values were replaced by
	// SensitiveMarker. Empty when none were.
	Sensitive []string `json:"sensitive"`
	// Drafts holds, for a policy or assume_role_policy attribute known
	// only after apply and written as jsonencode(...), the document with
	// the parts known only after apply (such as the ARNs in Resource)
	// written as PendingMarker; only when what decides each statement
	// (Effect, Action, NotAction, Principal, NotPrincipal, Condition) is
	// known. Nil when none.
	Drafts map[string]string `json:"drafts,omitempty"`
	// Transformed lists the policy document attributes whose expression,
	// in the sources, may change the documents it reads (replace(...) of
	// a data source's JSON, a jsonencode of anything) rather than pass one
	// on: such an attribute's value known only after apply is not its
	// data source's document (a jsonencode has its draft). Nil without
	// sources, or when none is.
	Transformed []string `json:"transformed,omitempty"`
	// Candidates holds, for a list of merged documents of an
	// aws_iam_policy_document data source (source_policy_documents,
	// override_policy_documents) that is wholly unknown in a plan, the
	// documents known while planning that the list may hold besides those
	// its linked aws_iam_policy_document data sources render; set only
	// when nothing else can be in it. Nil when none.
	Candidates map[string][]string `json:"candidates,omitempty"`
	// PriorNames are the top-level string values of the object a plan
	// replaces, by which it may have named other resources before the
	// change; PriorLinks the addresses of the resources they name (their
	// id, arn, bucket or name). --changed-only follows them; policies
	// never see them.
	PriorNames []string `json:"-"`
	PriorLinks []string `json:"-"`
	// Deposed lists the keys of this instance's deposed objects (old
	// copies left by an interrupted create_before_destroy) that the plan
	// destroys: real objects, though the current one describes the
	// resource. Empty when none.
	Deposed []string `json:"deposed,omitempty"`
	// Provider names the provider configuration that manages the
	// resource, as a plan's configuration does (provider_config_key:
	// "aws", "aws.logs", "module.a:aws"); resources of one configuration
	// live in one account and region. Empty when the input does not say
	// (a state).
	Provider string `json:"provider,omitempty"`
	// Location is where the resource block is written, nil when unknown.
	Location *Location `json:"location"`
	// Calls are where the module calls that make the resource's module
	// instance are written, from the root module down (module.kms["logs"]
	// is called at main.tf:12): a block in a module is shared by every
	// instance, its calls tell them apart. Empty in the root module or
	// when the sources were not read.
	Calls []Location `json:"calls,omitempty"`
	// References are links to the resources this one refers to; empty
	// when there are none, as for ReferencedBy.
	References []Link `json:"references"`
	// ReferencedBy are links from the resources that refer to this one.
	// The Link's Address, Type and Attribute describe the referring side.
	ReferencedBy []Link `json:"referenced_by"`
}

// ConfigAddress is the resource's address within its module's
// configuration, without module path or instance key: "aws_s3_bucket.b",
// or "data.aws_iam_policy_document.d" for a data source.
func (r *Resource) ConfigAddress() string {
	if r.Mode == "data" {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

// Location is a range of lines in a source file.
type Location struct {
	// File is relative to the source root (--dir), with forward slashes.
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Via says how a link was established.
type Via string

// The ways a link can be made.
const (
	// ViaReference: an expression names the other resource instance
	// directly, or the resource has a single instance.
	ViaReference Via = "reference"
	// ViaInstanceKey: the expression names a resource with many instances
	// and the instance was chosen by matching count.index or each.key.
	ViaInstanceKey Via = "instance-key"
	// ViaLiteral: an attribute value equals the other resource's id, arn
	// or bucket name, with no reference in the configuration.
	ViaLiteral Via = "literal"
	// ViaHCLTraversal: a traversal found by static evaluation of .tf
	// sources.
	ViaHCLTraversal Via = "hcl-traversal"
)

// Link is a directed edge between two resource instances.
type Link struct {
	// Address of the resource at the other end.
	Address string `json:"address"`
	// Type of the resource at the other end.
	Type string `json:"type"`
	// Attribute is the top-level attribute of the referring resource whose
	// expression made the link, such as "bucket"; nested block attributes
	// are dotted ("rule.apply_server_side_encryption_by_default.kms_master_key_id").
	Attribute string `json:"attribute"`
	// Via says how the link was made.
	Via Via `json:"via"`
	// Through lists the module variables and outputs the reference passed
	// through, outermost first; nil for a reference within one module.
	Through []string `json:"through,omitempty"`
	// Ambiguous is true when the attribute holds one value that may be
	// any of several resources of the type, and nothing known says which
	// (bucket = var.x ? aws_s3_bucket.a.id : aws_s3_bucket.b.id with both
	// names known only after apply): the link is to a candidate, not to
	// the resource the attribute names.
	Ambiguous bool `json:"ambiguous,omitempty"`
}

// DropDetails forgets what only policies read, to free its memory once
// it has been copied into the policy input: each resource's values,
// sensitive paths and the links that refer to it. What results are built
// from stays: address, mode, type, actions, location, and the unknown and
// configured paths and links by which the engine finds what is pending
// and which sub-resources belong to which subject.
func (m *Model) DropDetails() {
	for _, r := range m.Resources {
		r.Values, r.Sensitive, r.ReferencedBy = nil, nil, nil
	}
}

// Complete finishes a model built by a loader: it adds literal links,
// fills ReferencedBy from References, and sorts resources and links so
// that the same input always gives the same model.
func (m *Model) Complete() {
	m.Version = Version
	slices.SortFunc(m.Resources, compareResources)
	byAddress := make(map[string]*Resource, len(m.Resources))
	for _, r := range m.Resources {
		byAddress[r.Address] = r
		if r.Values == nil {
			r.Values = map[string]any{}
		}
		if r.Unknown == nil {
			r.Unknown = []string{}
		}
		if r.Sensitive == nil {
			r.Sensitive = []string{}
		}
	}
	m.linkLiterals()
	parallel.Chunks(len(m.Resources), 512, func(start, end int) {
		for _, r := range m.Resources[start:end] {
			r.References = disambiguate(r, dedupLinks(r.References), byAddress)
		}
	})
	linkThroughAliases(m.Resources, byAddress)
	for _, r := range m.Resources {
		for _, l := range r.References {
			target := byAddress[l.Address]
			if target == nil {
				continue
			}
			back := l
			back.Address, back.Type = r.Address, r.Type
			target.ReferencedBy = append(target.ReferencedBy, back)
		}
	}
	parallel.Chunks(len(m.Resources), 512, func(start, end int) {
		for _, r := range m.Resources[start:end] {
			r.ReferencedBy = dedupLinks(r.ReferencedBy)
			if r.References == nil {
				r.References = []Link{}
			}
			if r.ReferencedBy == nil {
				r.ReferencedBy = []Link{}
			}
		}
	})
}

// identity returns the string values by which a resource is named, in
// two tiers: specific names first (any resource's arn, the name of the
// types in namedBy), then ids. A bucket's versioning or encryption configuration has the
// bucket's name as its id too, so the specific tier decides first.
func identity(r *Resource) (specific, ids []string) {
	str := func(attr string) string {
		s, _ := r.Values[attr].(string)
		if s == SensitiveMarker {
			return ""
		}
		return s
	}
	if s := str("arn"); s != "" {
		specific = append(specific, s)
	}
	if attr := namedBy[r.Type]; attr != "" {
		if s := str(attr); s != "" {
			specific = append(specific, s)
		}
	}
	if s := str("id"); s != "" {
		ids = append(ids, s)
	}
	return specific, ids
}

// namedBy gives, for the types whose instances other resources name by a
// unique name rather than an ARN or id, the attribute that holds it: a
// bucket's name, an IAM role's, user's or group's (a role policy's role, an
// attachment's role, are names).
var namedBy = map[string]string{
	"aws_s3_bucket": "bucket",
	"aws_iam_role":  "name",
	"aws_iam_user":  "name",
	"aws_iam_group": "name",
}

// owners maps a value to the one resource it names; a value that names
// several resources names none.
type owners map[string]*Resource

func (o owners) add(value string, r *Resource) {
	prev, seen := o[value]
	switch {
	case !seen:
		o[value] = r
	case prev != r:
		o[value] = nil
	}
}

// linkLiterals links a resource attribute to another resource when the
// attribute's known string value names that resource (its arn, id or
// bucket name): how configurations that use literal names, or locals,
// which a plan does not describe, still connect, and how a state, which
// has no configuration at all, connects.
func (m *Model) linkLiterals() {
	specific, ids := owners{}, owners{}
	for _, r := range m.Resources {
		s, i := identity(r)
		for _, v := range s {
			specific.add(v, r)
		}
		for _, v := range i {
			ids.add(v, r)
		}
	}
	if len(specific) == 0 && len(ids) == 0 {
		return
	}
	// Each resource gains links of its own only, so the resources are
	// linked on every CPU.
	parallel.Chunks(len(m.Resources), 512, func(start, end int) {
		for _, r := range m.Resources[start:end] {
			linkLiteral(r, specific, ids)
		}
	})
}

// linkLiteral links r to the resources its top-level string values name
// (linkLiterals).
func linkLiteral(r *Resource, specific, ids owners) {
	var linked map[string]bool // address + NUL + attribute
	link := func(attr, s string) {
		target, found := specific[s]
		if !found {
			target = ids[s]
		}
		if target == nil || target == r {
			return
		}
		if linked == nil {
			linked = make(map[string]bool, len(r.References))
			for _, l := range r.References {
				linked[l.Address+"\x00"+l.Attribute] = true
			}
		}
		if linked[target.Address+"\x00"+attr] {
			return
		}
		linked[target.Address+"\x00"+attr] = true
		r.References = append(r.References, Link{Address: target.Address, Type: target.Type, Attribute: attr, Via: ViaLiteral})
	}
	for attr, v := range r.Values {
		if attr == "id" || attr == "arn" {
			continue
		}
		switch v := v.(type) {
		case string:
			link(attr, v)
		case []any:
			// A list of names or ARNs (an attachment's roles, a
			// membership's groups): each names its own resource.
			for _, e := range v {
				if s, ok := e.(string); ok {
					link(attr, s)
				}
			}
		}
	}
}

// dedupLinks sorts links and drops repeats of the same (address,
// attribute) pair, keeping the most direct way it was made.
func dedupLinks(links []Link) []Link {
	if len(links) == 0 {
		return nil
	}
	slices.SortFunc(links, func(a, b Link) int {
		return cmp.Or(
			strings.Compare(a.Address, b.Address),
			strings.Compare(a.Attribute, b.Attribute),
			cmp.Compare(viaRank(a.Via), viaRank(b.Via)),
			slices.Compare(a.Through, b.Through),
		)
	})
	return slices.CompactFunc(links, func(a, b Link) bool {
		return a.Address == b.Address && a.Attribute == b.Attribute
	})
}

// viaRank orders the ways of linking from the most to the least direct.
func viaRank(v Via) int {
	switch v {
	case ViaReference:
		return 0
	case ViaInstanceKey:
		return 1
	case ViaHCLTraversal:
		return 2
	default:
		return 3
	}
}

// compareResources orders resources by module, mode, type, name, instance
// key and address. It compares only as far as needed (cmp.Or would compute
// every comparison), which matters for sorting large plans.
func compareResources(a, b *Resource) int {
	if c := strings.Compare(a.Module, b.Module); c != 0 {
		return c
	}
	if c := strings.Compare(a.Mode, b.Mode); c != 0 {
		return c
	}
	if c := strings.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	if c := compareKeys(a.Index, b.Index); c != 0 {
		return c
	}
	return strings.Compare(a.Address, b.Address)
}

// compareKeys orders instance keys: none first, then numbers by value,
// then strings.
func compareKeys(a, b any) int {
	rank := func(k any) int {
		switch k.(type) {
		case nil:
			return 0
		case json.Number, int, int64, float64:
			return 1
		default:
			return 2
		}
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return cmp.Compare(ra, rb)
	}
	switch ka := a.(type) {
	case string:
		return strings.Compare(ka, b.(string))
	case nil:
		return 0
	default:
		na, _ := keyNumber(a)
		nb, _ := keyNumber(b)
		return cmp.Compare(na, nb)
	}
}

// keyTypes are the KMS key types an alias may name.
var keyTypes = map[string]bool{"aws_kms_key": true, "aws_kms_replica_key": true, "aws_kms_external_key": true, "aws_kms_replica_external_key": true}

// linkThroughAliases adds, for every link to an aws_kms_alias, a link to
// the key the alias names (its target_key_id), through the alias: a key
// policy, an encryption configuration or a trail that names a key by its
// alias (aws_kms_alias.x.target_key_arn, alias/name) refers to the key.
func linkThroughAliases(resources []*Resource, byAddress map[string]*Resource) {
	for _, r := range resources {
		var added []Link
		for _, l := range r.References {
			alias := byAddress[l.Address]
			if l.Type != "aws_kms_alias" || alias == nil {
				continue
			}
			for _, k := range alias.References {
				if k.Attribute != "target_key_id" || !keyTypes[k.Type] || k.Address == r.Address {
					continue
				}
				through := append(slices.Clip(l.Through), alias.Address)
				added = append(added, Link{Address: k.Address, Type: k.Type, Attribute: l.Attribute, Via: l.Via, Through: through, Ambiguous: l.Ambiguous || k.Ambiguous})
			}
		}
		if len(added) > 0 {
			r.References = dedupLinks(append(r.References, added...))
		}
	}
}
