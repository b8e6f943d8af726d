package plan

import (
	"testing"

	"github.com/tfgate/tfgate/internal/model"
)

// TestRefreshOnlyPlanIsItsState: a refresh-only plan has no
// resource_changes; what applying it records is prior_state, drift
// included, and that is what is checked, not nothing.
func TestRefreshOnlyPlanIsItsState(t *testing.T) {
	plan := `{
  "format_version": "1.2", "terraform_version": "1.11.4", "timestamp": "2026-12-02T12:00:00Z",
  "planned_values": {"root_module": {}},
  "resource_drift": [{"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "provider_name": "registry.terraform.io/hashicorp/aws",
    "change": {"actions": ["update"], "before": {"enable_key_rotation": true}, "after": {"enable_key_rotation": false}, "after_unknown": {}, "before_sensitive": {}, "after_sensitive": {}}}],
  "prior_state": {"format_version": "1.0", "terraform_version": "1.11.4", "values": {"root_module": {"resources": [
    {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
     "values": {"enable_key_rotation": false, "is_enabled": true}, "sensitive_values": {}},
    {"address": "data.aws_region.r", "mode": "data", "type": "aws_region", "name": "r", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
     "values": {"name": "us-east-1"}, "sensitive_values": {}}]}}},
  "configuration": {"root_module": {}},
  "applyable": true, "complete": true, "errored": false
}`
	m, err := Decode([]byte(plan), "refresh.json")
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind != model.KindState || !m.RefreshOnly || len(m.Resources) != 2 {
		t.Fatalf("kind %s, refresh-only %v, %d resources; want the state of 2", m.Kind, m.RefreshOnly, len(m.Resources))
	}
	for _, r := range m.Resources {
		if r.Address == "aws_kms_key.k" && r.Values["enable_key_rotation"] != false {
			t.Errorf("values %v, want the refreshed ones", r.Values)
		}
	}

	// A plan of nothing at all is a plan.
	empty := `{"format_version": "1.2", "planned_values": {"root_module": {}}, "configuration": {"root_module": {}}, "applyable": false, "complete": true, "errored": false}`
	if m, err := Decode([]byte(empty), "empty.json"); err != nil || m.Kind != model.KindPlan || m.RefreshOnly {
		t.Errorf("an empty plan: %v, %v", m, err)
	}
}
