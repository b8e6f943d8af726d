// Command statefromplan writes the state a plan would leave behind, in the
// JSON form of "terraform show -json" for a state, so that post-apply
// verification can be tested without applying (no AWS here).
//
//	go run ./scripts/statefromplan PLAN.json > state.json
//
// It takes the planned values and fills what only apply would know: every
// id and arn gets a stand-in value, and an attribute that refers to
// another resource (through the configuration's references, as tfgate
// links them) gets that resource's id, or its arn for *_arn and kms key
// attributes. Nothing else is invented.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/plan"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: statefromplan PLAN.json > state.json")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "statefromplan:", err)
		os.Exit(1)
	}
}

const account = "111122223333"

func run(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m, err := plan.Decode(data, path)
	if err != nil {
		return err
	}
	byAddress := map[string]*model.Resource{}
	for _, r := range m.Resources {
		byAddress[r.Address] = r
	}
	modules := map[string]*stateModule{"": {}}
	var order []string
	for _, r := range m.Resources {
		if len(r.Actions) == 1 && r.Actions[0] == "delete" {
			continue
		}
		values := r.Values
		for _, p := range r.Unknown {
			switch {
			case p == "id":
				values["id"] = id(r)
			case p == "arn":
				values["arn"] = arn(r)
			default:
				if target := linked(r, p, byAddress); target != nil {
					set(values, p, refValue(p, target))
				}
			}
		}
		mod := modules[r.Module]
		if mod == nil {
			mod = &stateModule{Address: r.Module}
			modules[r.Module] = mod
			order = append(order, r.Module)
		}
		mod.Resources = append(mod.Resources, stateResource{
			Address: r.Address, Mode: r.Mode, Type: r.Type, Name: r.Name, Index: r.Index,
			ProviderName: "registry.terraform.io/hashicorp/aws", Values: values, SensitiveValues: map[string]any{},
		})
	}
	root := modules[""]
	for _, addr := range order {
		root.ChildModules = append(root.ChildModules, modules[addr])
	}
	state := map[string]any{
		"format_version":    "1.0",
		"terraform_version": m.TerraformVersion,
		"values":            map[string]any{"outputs": map[string]any{}, "root_module": root},
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(state)
}

type stateModule struct {
	Address      string          `json:"address,omitempty"`
	Resources    []stateResource `json:"resources,omitempty"`
	ChildModules []*stateModule  `json:"child_modules,omitempty"`
}

type stateResource struct {
	Address         string         `json:"address"`
	Mode            string         `json:"mode"`
	Type            string         `json:"type"`
	Name            string         `json:"name"`
	Index           any            `json:"index,omitempty"`
	ProviderName    string         `json:"provider_name"`
	SchemaVersion   int            `json:"schema_version"`
	Values          map[string]any `json:"values"`
	SensitiveValues map[string]any `json:"sensitive_values"`
}

// id is the stand-in id of a resource: a bucket's name, else one made of
// its type, name and key.
func id(r *model.Resource) string {
	if s, ok := r.Values["bucket"].(string); ok && r.Type == "aws_s3_bucket" {
		return s
	}
	if s, ok := r.Values["name"].(string); ok && r.Type != "aws_kms_key" {
		return s
	}
	key := strings.Trim(model.FormatKey(r.Index), `[]"`)
	return strings.Trim(strings.ReplaceAll(r.Type+"-"+r.Name+"-"+key, "_", "-"), "-")
}

func arn(r *model.Resource) string {
	service := strings.SplitN(strings.TrimPrefix(r.Type, "aws_"), "_", 2)[0]
	return fmt.Sprintf("arn:aws:%s:eu-west-1:%s:%s/%s", service, account, strings.TrimPrefix(r.Type, "aws_"), id(r))
}

// linked returns the resource an unknown attribute path refers to.
func linked(r *model.Resource, path string, byAddress map[string]*model.Resource) *model.Resource {
	attr := indexes.ReplaceAllString(path, "")
	for _, l := range r.References {
		if l.Attribute == attr && !strings.HasSuffix(l.Address, ".*") {
			return byAddress[l.Address]
		}
	}
	return nil
}

var indexes = regexp.MustCompile(`\[\d+\]`)

func refValue(path string, target *model.Resource) string {
	if strings.HasSuffix(path, "arn") || strings.Contains(path, "kms") {
		return arn(target)
	}
	return id(target)
}

// set stores a value at a path such as rule[0].x[0].y, through the
// objects and lists that exist.
func set(values map[string]any, path string, value any) {
	var cur any = values
	parts := strings.Split(path, ".")
	for i, part := range parts {
		name, rest, _ := strings.Cut(part, "[")
		obj, ok := cur.(map[string]any)
		if !ok {
			return
		}
		if i == len(parts)-1 && rest == "" {
			obj[name] = value
			return
		}
		cur = obj[name]
		for rest != "" {
			n, after, _ := strings.Cut(rest, "]")
			k, err := strconv.Atoi(n)
			list, ok := cur.([]any)
			if err != nil || !ok || k >= len(list) {
				return
			}
			cur = list[k]
			rest = strings.TrimPrefix(after, "[")
		}
	}
}
