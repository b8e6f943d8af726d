// Package plan reads the JSON that "terraform show -json" writes for a saved
// plan or a state, and turns it into a model.Model with its links.
package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/model"
)

// ErrBinaryPlan is returned by Decode for a binary plan file, the output of
// "terraform plan -out". The caller converts it with "terraform show -json"
// and decodes the result.
var ErrBinaryPlan = errors.New("binary plan file")

// SupportedFormats is the range of plan and state JSON format versions that
// Decode accepts.
const SupportedFormats = ">= 0.1, < 2.0"

var supported = version.MustConstraints(version.NewConstraint(SupportedFormats))

// document is the union of the plan and state JSON documents, decoded in a
// single pass. Parts of the plan that the model does not use
// (planned_values, resource_drift, relevant_attributes) are skipped
// without being allocated.
type document struct {
	FormatVersion    *string `json:"format_version"`
	TerraformVersion string  `json:"terraform_version"`
	Timestamp        string  `json:"timestamp"`
	Errored          bool    `json:"errored"`
	// Complete is false for a plan made with -target or with deferred
	// changes; nil when the plan does not say (before Terraform 1.8).
	Complete *bool `json:"complete"`

	// Plan parts.
	ResourceChanges []*resourceChange `json:"resource_changes"`
	PriorState      *priorState       `json:"prior_state"`
	Configuration   *tfjson.Config    `json:"configuration"`
	PlannedValues   planned           `json:"planned_values"`
	// Variables are the root module's input values; sensitive ones are
	// printed in the clear, so they are only read to be hidden.
	Variables map[string]*tfjson.PlanVariable `json:"variables"`

	// State parts.
	Values *tfjson.StateValues `json:"values"`

	// Parts of a raw state file (terraform.tfstate), which is not
	// "terraform show -json" output.
	Lineage   presence `json:"lineage"`
	Resources presence `json:"resources"`
}

// resourceChange is the part of tfjson.ResourceChange the model uses.
type resourceChange struct {
	Address       string  `json:"address"`
	ModuleAddress string  `json:"module_address"`
	Mode          string  `json:"mode"`
	Type          string  `json:"type"`
	Name          string  `json:"name"`
	Index         any     `json:"index"`
	DeposedKey    string  `json:"deposed"`
	Change        *change `json:"change"`
}

// change is the part of tfjson.Change the model uses. The before-values
// are only needed for a delete, so they are kept as raw JSON and decoded
// then: in a plan that updates or keeps most resources they are as large
// as the after-values.
type change struct {
	Actions         []string        `json:"actions"`
	Before          json.RawMessage `json:"before"`
	After           any             `json:"after"`
	AfterUnknown    any             `json:"after_unknown"`
	BeforeSensitive json.RawMessage `json:"before_sensitive"`
	AfterSensitive  any             `json:"after_sensitive"`
}

// priorState is tfjson.State without its UnmarshalJSON, which would decode
// numbers as float64 and check the version a second time.
// presence records that a member exists without decoding it.
type presence bool

func (p *presence) UnmarshalJSON([]byte) error {
	*p = true
	return nil
}

// Decode reads a "terraform show -json" plan or state. source names the
// input in errors and in the model. Every error is one line and says what
// to do about it.
func Decode(data []byte, source string) (*model.Model, error) {
	return DecodeWith(data, source, Options{})
}

// Options tell Decode what the plan itself does not say.
type Options struct {
	// Locals returns the references in the expression of the local value
	// name of the module at call path calls ("" for the root, "a.b" for
	// module.a.module.b), as a plan's configuration writes references
	// ("var.x", "aws_s3_bucket.b.id", "local.y"); ok is false when the
	// sources are not known. A plan keeps only references to locals, so
	// without it a local value may hold anything. When key is not nil and
	// the local is an object constructor with an item of that key, the
	// references are that item's: local.x[each.key]. Nil for none.
	Locals func(calls, name string, key any) (refs []string, ok bool)
	// Dynamic returns the references of the arguments written inside
	// dynamic blocks of the resource block at a configuration address
	// ("aws_s3_bucket.b") of the module at call path calls, by the
	// argument's dotted path, which a plan's configuration leaves out.
	// Nil for none.
	Dynamic func(calls, address string) map[string][]string
}

// DecodeWith is Decode with options.
func DecodeWith(data []byte, source string, opts Options) (*model.Model, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: file is empty; expected the output of \"terraform show -json PLANFILE\"", source)
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, fmt.Errorf("%s: %w", source, ErrBinaryPlan)
	}
	doc, ok := decodeSplit(data, minHalves)
	if !ok {
		var err error
		if doc, err = decodeWhole(data); err != nil {
			return nil, fmt.Errorf("%s: %s", source, err)
		}
	}
	if doc.FormatVersion == nil {
		if doc.Lineage && doc.Resources {
			return nil, fmt.Errorf("%s: this is a raw state file, not \"terraform show -json\" output; convert it with \"terraform show -json %s > state.json\"", source, source)
		}
		return nil, fmt.Errorf("%s: JSON is not a Terraform plan or state (no format_version); create one with \"terraform show -json PLANFILE > plan.json\"", source)
	}
	v, err := version.NewVersion(*doc.FormatVersion)
	if err != nil {
		return nil, fmt.Errorf("%s: format_version %q is not a version number; expected the output of \"terraform show -json PLANFILE\"", source, *doc.FormatVersion)
	}
	if !supported.Check(v) {
		return nil, fmt.Errorf("%s: format version %s is not supported (this tfgate reads %s); upgrade tfgate or make the file with an older Terraform", source, v, "0.1 to 1.x")
	}
	isPlan := doc.ResourceChanges != nil || doc.PlannedValues.present || doc.Configuration != nil || doc.PriorState != nil || doc.Errored
	if isPlan && doc.Errored {
		return nil, fmt.Errorf("%s: the plan is marked errored, so it is incomplete; fix the errors \"terraform plan\" reported and plan again", source)
	}
	if err := doc.PlannedValues.covered(doc.ResourceChanges); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	m := &model.Model{
		Source:           source,
		TerraformVersion: doc.TerraformVersion,
		FormatVersion:    *doc.FormatVersion,
	}
	if isPlan && len(doc.ResourceChanges) == 0 && doc.PriorState.managed() {
		// A refresh-only plan changes no resource: applying it records
		// the refreshed state, prior_state, drift and all. That state is
		// what it is checked as.
		values, err := refreshedState(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		m.Kind, m.Timestamp, m.RefreshOnly = model.KindState, doc.Timestamp, true
		if err := fromState(m, values); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		m.Complete()
		return m, nil
	}
	if isPlan {
		m.Kind = model.KindPlan
		m.Timestamp = doc.Timestamp
		for name, v := range doc.Variables {
			if v != nil {
				if m.Variables == nil {
					m.Variables = map[string]any{}
				}
				m.Variables[name] = v.Value
			}
		}
		if err := fromPlan(m, doc, opts); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		if doc.Complete != nil && !*doc.Complete {
			m.Gaps = append(m.Gaps, targetedGaps(doc.Configuration, m.Resources)...)
		}
	} else {
		m.Kind = model.KindState
		if err := fromState(m, doc.Values); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
	}
	m.Complete()
	return m, nil
}

// refreshedState decodes a plan's prior_state whole: the state a
// refresh-only plan records.
func refreshedState(data []byte) (*tfjson.StateValues, error) {
	var doc struct {
		PriorState *struct {
			Values *tfjson.StateValues `json:"values"`
		} `json:"prior_state"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("prior_state: %v", err)
	}
	if doc.PriorState == nil {
		return nil, nil
	}
	return doc.PriorState.Values, nil
}

// decodeWhole decodes the document with encoding/json alone: the
// reference for decodeSplit, and the source of every decoding error.
func decodeWhole(data []byte) (*document, error) {
	var doc document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, errors.New(describeJSONError(data, err))
	}
	if dec.More() {
		return nil, errors.New("more than one JSON document; expected the output of \"terraform show -json PLANFILE\"")
	}
	if err := checkKeys(data, reflect.TypeFor[document]()); err != nil {
		return nil, err
	}
	return &doc, nil
}

// describeJSONError turns a decoding error into a message with a line and
// column where there is one.
func describeJSONError(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "JSON ends early (truncated file?); regenerate it with \"terraform show -json PLANFILE\""
	case errors.As(err, &syntax):
		line, col := position(data, syntax.Offset)
		return fmt.Sprintf("malformed JSON at line %d, column %d: %v", line, col, syntax)
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return "JSON is not a Terraform plan or state (top level is not an object); create one with \"terraform show -json PLANFILE > plan.json\""
		}
		line, col := position(data, typeErr.Offset)
		return fmt.Sprintf("malformed plan at line %d, column %d: %s should not be a JSON %s", line, col, typeErr.Field, typeErr.Value)
	default:
		return fmt.Sprintf("malformed JSON: %v", err)
	}
}

// position converts the offset encoding/json reports (the number of bytes
// read, up to and including the offending one) into the 1-based line and
// column of the offending byte.
func position(data []byte, offset int64) (line, col int) {
	offset = min(max(offset-1, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}
