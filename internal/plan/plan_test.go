package plan

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tfgate/tfgate/internal/benchplan"
	"github.com/tfgate/tfgate/internal/model"
)

func decodeFile(t testing.TB, path string) *model.Model {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(data, path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func find(t *testing.T, m *model.Model, address string) *model.Resource {
	t.Helper()
	for _, r := range m.Resources {
		if r.Address == address {
			return r
		}
	}
	t.Fatalf("no resource %s in %s", address, m.Source)
	return nil
}

// TestLinksOnRealPlans checks the links the linker finds in plans Terraform
// made, for every way the fixtures connect resources.
func TestLinksOnRealPlans(t *testing.T) {
	const (
		noncompliant = "../../testdata/foundation/environments/prod-noncompliant/plan.json"
		compliant    = "../../testdata/foundation/environments/prod/plan.json"
		module       = "../../testdata/cases/s3-encryption-module/plan.json"
		unknown      = "../../testdata/cases/s3-encryption-unknown/plan.json"
	)
	tests := []struct {
		name, plan, from, attribute string
		// want are the links from `from` through `attribute`.
		want []model.Link
	}{
		{
			name: "literal instance key",
			plan: noncompliant, from: "aws_s3_bucket_server_side_encryption_configuration.access_logs[0]", attribute: "bucket",
			want: []model.Link{{Address: "aws_s3_bucket.access_logs[0]", Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaReference}},
		},
		{
			name: "count.index",
			plan: noncompliant, from: "aws_s3_bucket_versioning.access_logs[1]", attribute: "bucket",
			want: []model.Link{{Address: "aws_s3_bucket.access_logs[1]", Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaInstanceKey}},
		},
		{
			name: "for_each over resources and each.value",
			plan: compliant, from: `aws_s3_bucket_server_side_encryption_configuration.artifacts["build"]`, attribute: "bucket",
			want: []model.Link{{Address: `aws_s3_bucket.artifacts["build"]`, Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaInstanceKey}},
		},
		{
			name: "literal bucket name",
			plan: compliant, from: "aws_s3_bucket_server_side_encryption_configuration.audit_exports", attribute: "bucket",
			want: []model.Link{{Address: "aws_s3_bucket.audit_exports", Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaLiteral}},
		},
		{
			name: "within a for_each module instance",
			plan: noncompliant, from: `module.buckets["logs"].aws_s3_bucket_server_side_encryption_configuration.this[0]`, attribute: "bucket",
			want: []model.Link{{Address: `module.buckets["logs"].aws_s3_bucket.this`, Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaReference}},
		},
		{
			name: "module input with each.key into a module output",
			plan: noncompliant, from: `module.buckets["logs"].aws_s3_bucket_server_side_encryption_configuration.this[0]`,
			attribute: "rule.apply_server_side_encryption_by_default.kms_master_key_id",
			// Terraform records module.kms[each.key].key_arn without the
			// output name, so every output of the instance is followed.
			want: []model.Link{
				{
					Address: `module.kms["logs"].aws_kms_alias.this`, Type: "aws_kms_alias",
					Attribute: "rule.apply_server_side_encryption_by_default.kms_master_key_id", Via: model.ViaInstanceKey,
					Through: []string{`module.buckets["logs"].var.kms_key_arn`, `module.kms["logs"].*`},
				},
				{
					Address: `module.kms["logs"].aws_kms_key.this`, Type: "aws_kms_key",
					Attribute: "rule.apply_server_side_encryption_by_default.kms_master_key_id", Via: model.ViaInstanceKey,
					Through: []string{`module.buckets["logs"].var.kms_key_arn`, `module.kms["logs"].*`},
				},
			},
		},
		{
			name: "module input from the root",
			plan: module, from: "module.enc.aws_s3_bucket_server_side_encryption_configuration.this", attribute: "bucket",
			want: []model.Link{{Address: "aws_s3_bucket.b", Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaReference, Through: []string{"module.enc.var.bucket_id"}}},
		},
		{
			name: "module output into the root",
			plan: module, from: "aws_s3_bucket_server_side_encryption_configuration.store", attribute: "bucket",
			want: []model.Link{{Address: "module.store.aws_s3_bucket.this", Type: "aws_s3_bucket", Attribute: "bucket", Via: model.ViaReference, Through: []string{"module.store.bucket_id"}}},
		},
		{
			name: "no provable link",
			plan: unknown, from: "aws_s3_bucket_server_side_encryption_configuration.detached", attribute: "bucket",
			want: []model.Link{{Address: "terraform_data.bucket_name", Type: "terraform_data", Attribute: "bucket", Via: model.ViaReference}},
		},
	}
	models := map[string]*model.Model{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := models[tt.plan]
			if m == nil {
				m = decodeFile(t, tt.plan)
				models[tt.plan] = m
			}
			var got []model.Link
			for _, l := range find(t, m, tt.from).References {
				if l.Attribute == tt.attribute {
					got = append(got, l)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("links of %s.%s (-want +got):\n%s", tt.from, tt.attribute, diff)
			}
			// Every link has its reverse.
			for _, l := range got {
				back := find(t, m, l.Address).ReferencedBy
				found := false
				for _, b := range back {
					found = found || (b.Address == tt.from && b.Attribute == l.Attribute)
				}
				if !found {
					t.Errorf("%s has no referenced_by link back to %s", l.Address, tt.from)
				}
			}
		})
	}
}

func TestModelOfRealPlan(t *testing.T) {
	m := decodeFile(t, "../../testdata/foundation/environments/prod-noncompliant/plan.json")
	if m.Kind != model.KindPlan || m.FormatVersion != "1.2" || m.TerraformVersion != "1.11.4" || m.Timestamp == "" {
		t.Errorf("header = %q %q %q %q", m.Kind, m.FormatVersion, m.TerraformVersion, m.Timestamp)
	}
	key := find(t, m, `module.kms["data"].aws_kms_key.this`)
	if key.Module != `module.kms["data"]` || key.Type != "aws_kms_key" || key.Name != "this" || key.Index != nil || key.Mode != "managed" {
		t.Errorf("identity of %s: %+v", key.Address, key)
	}
	if diff := cmp.Diff([]string{"create"}, key.Actions); diff != "" {
		t.Errorf("actions: %s", diff)
	}
	if key.Values["enable_key_rotation"] != false {
		t.Errorf("enable_key_rotation = %v", key.Values["enable_key_rotation"])
	}
	if !contains(key.Unknown, "arn") || !contains(key.Unknown, "key_id") {
		t.Errorf("unknown = %v, want arn and key_id among them", key.Unknown)
	}
	// Data sources read while planning are in the model.
	doc := find(t, m, "module.break_glass.data.aws_iam_policy_document.emergency_access")
	if doc.Mode != "data" || doc.Values["json"] == nil {
		t.Errorf("data source: mode %q, json %v", doc.Mode, doc.Values["json"])
	}
	if len(m.Resources) != 48 {
		t.Errorf("%d resources, want 48", len(m.Resources))
	}
}

// TestSensitiveValuesNeverReachTheModel: the fixture feeds a sensitive
// variable into tags; Terraform copies it unmarked into tags_all and prints
// it in the variables section. None of it may survive.
func TestSensitiveValuesNeverReachTheModel(t *testing.T) {
	const secret = "secops-pager-7f3a91@acme.example"
	path := "../../testdata/foundation/environments/prod-noncompliant/plan.json"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), secret) {
		t.Fatalf("fixture no longer holds the secret %q; update the test", secret)
	}
	m := decodeFile(t, path)
	role := find(t, m, "module.break_glass.aws_iam_role.this")
	for _, p := range []string{"tags.SecurityContact", "tags_all.SecurityContact"} {
		if !contains(role.Sensitive, p) {
			t.Errorf("sensitive paths %v lack %s", role.Sensitive, p)
		}
	}
	if got := role.Values["tags"].(map[string]any)["SecurityContact"]; got != model.SensitiveMarker {
		t.Errorf("tags.SecurityContact = %v", got)
	}
	for _, r := range m.Resources {
		if s := dump(r.Values); strings.Contains(s, secret) {
			t.Errorf("%s still holds the secret", r.Address)
		}
	}
}

// TestModuleAddressesAreWrittenOut: the model writes a module address out
// in one form however the plan spelled it; a builder checks each address
// once, and an address it has seen well formed does not excuse another.
func TestModuleAddressesAreWrittenOut(t *testing.T) {
	change := func(address, module string) string {
		return `{"address": "` + address + `", "module_address": "` + module + `", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"]}}`
	}
	escaped := `module.m[\"\\x6b\"]` // module.m["\x6b"], the key k
	plan := `{"format_version": "1.2", "resource_changes": [` +
		change(`module.m[\"k\"].a.b`, escaped) + `, ` + change(`module.m[\"k\"].a.c`, escaped) + `, ` +
		change(`module.n[1].a.b`, `module.n[1]`) + `]}`
	m, err := Decode([]byte(plan), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	var modules []string
	for _, r := range m.Resources {
		modules = append(modules, r.Module)
	}
	if want := []string{`module.m["k"]`, `module.m["k"]`, `module.n[1]`}; !slices.Equal(modules, want) {
		t.Errorf("modules = %q, want %q", modules, want)
	}
	bad := `{"format_version": "1.2", "resource_changes": [` + change(`module.m[\"k\"].a.b`, escaped) + `, ` + change(`module.m[\"k\"].a.c`, `module.m[\"k\"`) + `]}`
	if _, err := Decode([]byte(bad), "x.json"); err == nil || !strings.Contains(err.Error(), "module address") {
		t.Errorf("Decode with a malformed module address: err = %v, want one naming the module address", err)
	}
}

func TestDecodeRefusals(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "x.json: file is empty; expected the output of \"terraform show -json PLANFILE\""},
		{"blank", " \n\t", "x.json: file is empty"},
		{"malformed", "{\"format_version\": }", "x.json: malformed JSON at line 1, column 20"},
		{"truncated", `{"format_version": "1.2", "resource_changes": [`, "x.json: JSON ends early (truncated file?)"},
		{"array", `[]`, "x.json: JSON is not a Terraform plan or state (top level is not an object)"},
		{"string", `"plan"`, "x.json: JSON is not a Terraform plan or state (top level is not an object)"},
		{"null", `null`, "x.json: JSON is not a Terraform plan or state (no format_version)"},
		{"other object", `{"a": 1}`, "x.json: JSON is not a Terraform plan or state (no format_version)"},
		{"two documents", `{"format_version": "1.0"} {}`, "x.json: more than one JSON document"},
		{"bad version", `{"format_version": "one"}`, "x.json: format_version \"one\" is not a version number"},
		{"newer major", `{"format_version": "2.1", "planned_values": {}}`, "x.json: format version 2.1.0 is not supported (this tfgate reads 0.1 to 1.x)"},
		{"errored", `{"format_version": "1.2", "errored": true}`, "x.json: the plan is marked errored"},
		{"raw state", `{"version": 4, "lineage": "x", "serial": 1, "resources": []}`, "x.json: this is a raw state file"},
		{"wrong type", `{"format_version": "1.2", "resource_changes": {}}`, "x.json: malformed plan at line 1, column 47: resource_changes should not be a JSON object"},
		{"bad module address", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "module_address": "mod.x", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"]}}]}`, "x.json: module address \"mod.x\""},
		{"bad mode", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "weird", "type": "a", "name": "b", "change": {"actions": ["create"]}}]}`, "x.json: resource a.b: unknown mode \"weird\""},
		{"case-variant key", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"]}}], "Resource_changes": []}`, "x.json: key \"Resource_changes\" in $ is not \"resource_changes\""},
		{"repeated key", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"]}}], "resource_changes": []}`, "x.json: key \"resource_changes\" appears twice in $"},
		{"case-variant change", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"], "after": {"acl": "public-read"}}, "Change": {"actions": ["no-op"]}}]}`, "x.json: key \"Change\" in $.resource_changes[0] is not \"change\""},
		{"repeated value", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"], "after": {"acl": "public-read", "acl": "private"}}}]}`, "x.json: key \"acl\" appears twice in $.resource_changes[0].change.after"},
		{"case-variant configuration", `{"format_version": "1.2", "configuration": {"root_module": {}, "Root_module": {}}}`, "x.json: key \"Root_module\" in $.configuration is not \"root_module\""},
		{"changes cut", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "a.b", "mode": "managed"}, {"address": "data.a.c", "mode": "data"}], "child_modules": [{"resources": [{"address": "module.m.a.d", "mode": "managed"}]}]}}, "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"]}}]}`, "x.json: planned_values lists module.m.a.d, but resource_changes leaves it out (1 of 2 planned resources missing)"},
		{"changes missing", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "a.b", "mode": "managed"}]}}}`, "x.json: planned_values lists a.b, but resource_changes leaves it out (1 of 1 planned resources missing)"},
		{"changes empty", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "a.b", "mode": "managed"}]}}, "resource_changes": []}`, "x.json: planned_values lists a.b"},
		{"planned values null", `{"format_version": "1.2", "planned_values": {"root_module": null}}`, "x.json: malformed JSON: planned_values is not an object"},
		{"values not an object", `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["create"], "after": [1]}}]}`, "x.json: resource a.b: values are a JSON []interface {}, not an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.input), "x.json")
			if err == nil {
				t.Fatalf("Decode(%q) succeeded, want error %q", tt.input, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
	_, err := Decode([]byte("PK\x03\x04rest"), "p.tfplan")
	if !errors.Is(err, ErrBinaryPlan) {
		t.Errorf("binary plan: error = %v, want ErrBinaryPlan", err)
	}
}

func TestDecodeAcceptsFormats(t *testing.T) {
	tests := []struct{ name, input string }{
		{"plan 0.1", `{"format_version": "0.1", "planned_values": {}}`},
		{"plan 1.2", `{"format_version": "1.2", "resource_changes": []}`},
		{"empty state", `{"format_version": "1.0"}`},
		{"state", `{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "values": {"enable_key_rotation": true}}]}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Decode([]byte(tt.input), "x.json"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func dump(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteByte('\n')
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestDecodeSplitMatchesWhole: on every real plan and state, the parallel
// decoder takes its fast path, with resource_changes halved, and gives
// exactly what encoding/json gives.
func TestDecodeSplitMatchesWhole(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../../testdata/cases/*/plan.json", "../../testdata/foundation/environments/*/*.json"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, found...)
	}
	if len(paths) < 100 {
		t.Fatalf("found %d fixtures, want the corpus", len(paths))
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := decodeWhole(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		split, ok := decodeSplit(data, 0)
		if !ok {
			t.Errorf("%s: the split decoder gave up on a real document", path)
			continue
		}
		if !reflect.DeepEqual(split, whole) {
			t.Errorf("%s: split and whole decoding differ", path)
		}
	}
}

// TestDecodeSplitGivesUp: documents the fast path must leave to
// encoding/json, which refuses them or reads them its own way.
func TestDecodeSplitGivesUp(t *testing.T) {
	for name, doc := range map[string]string{
		"case-folded key":    `{"Format_Version": "1.2"}`,
		"escaped key":        `{"format\u005fversion": "1.2"}`,
		"repeated key":       `{"format_version": "1.2", "format_version": "1.0"}`,
		"trailing data":      `{"format_version": "1.2"} {}`,
		"missing comma":      `{"format_version": "1.2" "errored": false}`,
		"bad member":         `{"format_version": "1.2", "checks": [1,]}`,
		"bad planned value":  `{"format_version": "1.2", "planned_values": {"a":}}`,
		"empty half":         `{"format_version": "1.2", "resource_changes": [ , {"address": "a.b"}]}`,
		"mismatched bracket": `{"format_version": "1.2", "resource_changes": [}}`,
		"mismatched halves":  `{"format_version": "1.2", "resource_changes": [{"address": "a.b"}, {"address": "a.c"}}}`,
		"wrong type":         `{"format_version": "1.2", "errored": "no"}`,
		"deep":               `{"format_version": "1.2", "checks": ` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`,
		"array at the top":   `[{"format_version": "1.2"}]`,
	} {
		if _, ok := decodeSplit([]byte(doc), 0); ok {
			t.Errorf("%s: the split decoder accepted %s", name, doc)
		}
	}
}

// TestChangeValues: a resource's values are the after-values, except for a
// delete, where they are the before-values with the before-marks hidden.
// Before-values are decoded only then.
func TestChangeValues(t *testing.T) {
	for _, tc := range []struct {
		name, change string
		want         map[string]any
		sensitive    []string
	}{
		{
			name:   "create",
			change: `{"actions": ["create"], "before": null, "after": {"n": 1}, "after_unknown": {}, "after_sensitive": {}}`,
			want:   map[string]any{"n": json.Number("1")},
		},
		{
			name:      "update",
			change:    `{"actions": ["update"], "before": {"n": 1, "k": "old"}, "after": {"n": 2, "k": "new"}, "after_unknown": {}, "before_sensitive": {}, "after_sensitive": {"k": true}}`,
			want:      map[string]any{"n": json.Number("2"), "k": model.SensitiveMarker},
			sensitive: []string{"k"},
		},
		{
			name:      "delete",
			change:    `{"actions": ["delete"], "before": {"n": 1, "k": "old", "l": [1.50, "x"]}, "after": null, "after_unknown": {}, "before_sensitive": {"k": true}, "after_sensitive": false}`,
			want:      map[string]any{"n": json.Number("1"), "k": model.SensitiveMarker, "l": []any{json.Number("1.50"), "x"}},
			sensitive: []string{"k"},
		},
		{
			name:   "delete without before",
			change: `{"actions": ["delete"], "after": null}`,
			want:   map[string]any{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": ` + tc.change + `}]}`
			m, err := Decode([]byte(doc), "plan.json")
			if err != nil {
				t.Fatal(err)
			}
			r := find(t, m, "a.b")
			if diff := cmp.Diff(tc.want, r.Values); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.sensitive, r.Sensitive, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("sensitive (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeIsTheSameOnAnyCPUCount: resources are made, scrubbed and
// linked in chunks on every CPU; the model must not depend on how many
// there are. The plans are synthesised to span several chunks.
func TestDecodeIsTheSameOnAnyCPUCount(t *testing.T) {
	for _, base := range []string{
		"../../testdata/cases/redaction/plan.json",
		"../../testdata/foundation/environments/prod-noncompliant/plan.json",
	} {
		data, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		big, err := benchplan.Synthesise(data, 4*chunk+1)
		if err != nil {
			t.Fatal(err)
		}
		decode := func(procs int) *model.Model {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			m, err := Decode(big, "big.json")
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		one := decode(1)
		sensitive, links := 0, 0
		for _, r := range one.Resources {
			sensitive += len(r.Sensitive)
			links += len(r.References)
		}
		if len(one.Resources) <= 4*chunk {
			t.Fatalf("%s: %d resources: the test needs more chunks", base, len(one.Resources))
		}
		if redaction := strings.Contains(base, "redaction"); redaction && sensitive == 0 || !redaction && links == 0 {
			t.Fatalf("%s: %d sensitive paths, %d links: the test needs them", base, sensitive, links)
		}
		for _, procs := range []int{2, 3, 8} {
			if !reflect.DeepEqual(one, decode(procs)) {
				t.Errorf("%s: GOMAXPROCS=%d gives a different model than GOMAXPROCS=1", base, procs)
			}
		}
	}
}

// TestSensitiveMapKeysAreHidden: Terraform cannot mark a map key, so a
// map keyed by a sensitive value is hidden whole, with its path in place
// of the paths below it; other maps and values stay as they are.
func TestSensitiveMapKeysAreHidden(t *testing.T) {
	doc := `{"format_version": "1.2",
	 "variables": {"pw": {"value": "root-secret"}},
	 "resource_changes": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
	   "change": {"actions": ["create"],
	     "after": {"bucket": "b", "tags": {"out-secret": "x"}, "tags_all": {"out-secret": "x", "k": "root-secret"}, "labels": {"own-secret": "y"}, "policy": "out-secret", "other": {"a": "b"}, "note": "own-secret"},
	     "after_sensitive": {"note": true, "tags_all": {"k": true}}, "after_unknown": {}}}],
	 "configuration": {"root_module": {
	   "variables": {"pw": {"sensitive": true}},
	   "module_calls": {"m": {"source": "./m", "expressions": {"in": {"constant_value": "arg-secret"}},
	     "module": {"variables": {"in": {"sensitive": true}}, "outputs": {"o": {"sensitive": true, "expression": {"constant_value": "out-secret"}}}}}}}}}`
	m, err := Decode([]byte(doc), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	r := find(t, m, "aws_s3_bucket.b")
	for _, attr := range []string{"tags", "tags_all", "labels", "note"} {
		if r.Values[attr] != model.SensitiveMarker {
			t.Errorf("%s = %v, want it hidden", attr, r.Values[attr])
		}
	}
	// A value keeps its mark, so a whole-value copy of a configuration
	// literal is not hidden: only a key can lose its mark.
	if r.Values["policy"] != "out-secret" || r.Values["bucket"] != "b" {
		t.Errorf("values changed that hold no key: %v", r.Values)
	}
	if want := []string{"labels", "note", "tags", "tags_all"}; !slices.Equal(r.Sensitive, want) {
		t.Errorf("sensitive = %v, want %v", r.Sensitive, want)
	}
}

// TestTargetedPlanIsIncomplete: a plan Terraform marks incomplete (made
// with -target) leaves blocks of the configuration out; each is a gap, so
// the check is incomplete and never reads as all checked.
func TestTargetedPlanIsIncomplete(t *testing.T) {
	doc := `{"format_version": "1.2", "complete": false,
	 "resource_changes": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "change": {"actions": ["create"], "after": {}, "after_unknown": {}}}],
	 "configuration": {"root_module": {
	   "resources": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b"},
	                 {"address": "aws_s3_bucket_public_access_block.b", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "name": "b"},
	                 {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d"}],
	   "module_calls": {"m": {"source": "./m", "module": {"resources": [{"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k"}]}}}}}}`
	m, err := Decode([]byte(doc), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range m.Gaps {
		got = append(got, g.Address+" "+strings.Join(g.Types, ","))
	}
	want := []string{"aws_s3_bucket_public_access_block.b aws_s3_bucket_public_access_block", "module.m.aws_kms_key.k aws_kms_key"}
	if !slices.Equal(got, want) {
		t.Errorf("gaps = %v, want %v", got, want)
	}
	complete := strings.Replace(doc, `"complete": false`, `"complete": true`, 1)
	if m, err := Decode([]byte(complete), "p.json"); err != nil || len(m.Gaps) != 0 {
		t.Errorf("a complete plan: gaps %v, error %v", m.Gaps, err)
	}
}
