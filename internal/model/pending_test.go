package model

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProviderComputedMatchesPlan holds the table of provider-computed
// arguments to a real plan of every type in it with nothing optional
// configured: what that plan shows as known only after apply, and the
// configuration does not write, is what the provider computes.
func TestProviderComputedMatchesPlan(t *testing.T) {
	data, err := os.ReadFile("../../testdata/provider/computed/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		ResourceChanges []struct {
			Address, Type string
			Change        struct {
				AfterUnknown map[string]any `json:"after_unknown"`
			}
		} `json:"resource_changes"`
		Configuration struct {
			RootModule struct {
				Resources []struct {
					Address     string
					Expressions map[string]any
				}
			} `json:"root_module"`
		}
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	configured := map[string]map[string]any{}
	for _, r := range p.Configuration.RootModule.Resources {
		configured[r.Address] = r.Expressions
	}
	got := map[string][]string{}
	for _, rc := range p.ResourceChanges {
		names := []string{}
		for name, v := range rc.Change.AfterUnknown {
			if _, set := configured[rc.Address][name]; v == true && !set {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		got[rc.Type] = names
	}
	if diff := cmp.Diff(got, providerComputed); diff != "" {
		t.Errorf("providerComputed differs from the plan (-plan +table):\n%s", diff)
	}
}

func TestPending(t *testing.T) {
	bucket := func(configured []string, unknown ...string) *Resource {
		return &Resource{Type: "aws_s3_bucket", Unknown: unknown, Configured: configured}
	}
	tests := []struct {
		name string
		r    *Resource
		path string
		want bool
	}{
		{"a computed block left unset", bucket([]string{"bucket"}, "grant"), "grant", false},
		{"a computed block the configuration writes", bucket([]string{"grant"}, "grant"), "grant", true},
		{"inside a wholly unknown block", bucket([]string{"grant"}, "grant"), "grant[0].uri", true},
		{"only part of the block unknown", bucket([]string{"grant"}, "grant[0].uri"), "grant", false},
		{"the unknown part itself", bucket([]string{"grant"}, "grant[0].uri"), "grant[0].uri", true},
		{"a longer name is not inside", bucket([]string{"grant"}, "grant"), "grants", false},
		{"a state says nothing of the configuration", bucket(nil, "grant"), "grant", true},
		{"known", bucket([]string{"grant"}), "grant", false},
		{"a block the provider never computes", &Resource{Type: "aws_s3_bucket_server_side_encryption_configuration", Unknown: []string{"rule"}, Configured: []string{"bucket"}}, "rule[0].apply_server_side_encryption_by_default", true},
		{"a type the table does not know", &Resource{Type: "aws_example", Unknown: []string{"setting"}, Configured: []string{}}, "setting", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Pending(tt.path); got != tt.want {
				t.Errorf("Pending(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}
