package policy_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/policy"
	"github.com/tfgate/tfgate/policies"
)

const header = `# METADATA
# title: Widgets are blue
# custom:
#   id: org-widget
#   severity: medium
#   resource_types: [widget]
package tfgate.rules.org_widget

import data.tfgate.lib
`

func withUser(files map[string]string) []policy.Source {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return []policy.Source{
		{Name: "policies/lib", FS: policies.Lib(), Builtin: true},
		{Name: "org", FS: fsys},
	}
}

var params = policy.Params{
	Now:              time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
	EmergencyPattern: policy.DefaultEmergencyPattern,
	EmergencyWindow:  policy.DefaultEmergencyWindow,
	TicketPattern:    policy.DefaultTicketPattern,
}

func widgets() *model.Model {
	m := &model.Model{Kind: model.KindPlan, Source: "plan.json", Resources: []*model.Resource{
		{Address: "widget.red", Mode: "managed", Type: "widget", Name: "red", Values: map[string]any{"colour": "red"}},
		{Address: "widget.blue", Mode: "managed", Type: "widget", Name: "blue", Values: map[string]any{"colour": "blue"}},
		{Address: "widget.later", Mode: "managed", Type: "widget", Name: "later", Unknown: []string{"colour"}},
		{Address: "widget.gone", Mode: "managed", Type: "widget", Name: "gone", Actions: []string{"delete"}},
	}}
	m.Complete()
	return m
}

func TestEvaluateGivesOneResultPerRuleAndResource(t *testing.T) {
	engine, err := policy.New(context.Background(), withUser(map[string]string{"widget.rego": header + `
deny contains lib.result(w, sprintf("widget is %s", [w.values.colour])) if {
	some w in lib.resources("widget")
	w.values.colour != "blue"
}

deny contains lib.result(w, "and it is loud") if {
	some w in lib.resources("widget")
	w.values.colour == "red"
}

unknown contains lib.result(w, "colour is known only after apply") if {
	some w in lib.resources("widget")
	lib.is_unknown(w, "colour")
}

unknown contains lib.result(w, "this one is also unsure") if {
	some w in lib.resources("widget")
	w.values.colour == "red"
}
`}))
	if err != nil {
		t.Fatal(err)
	}
	results, err := engine.Evaluate(context.Background(), widgets(), params)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Resource, Status, Message string }
	var got []row
	for _, r := range results {
		got = append(got, row{r.Resource, string(r.Status), r.Message})
	}
	want := []row{
		{"widget.blue", "pass", ""},
		{"widget.later", "unknown", "colour is known only after apply"},
		{"widget.red", "fail", "and it is loud; widget is red"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}

	// The CLI drops the model's details once the input holds them; the
	// results must not change.
	m := widgets()
	input, err := policy.Input(m, params)
	if err != nil {
		t.Fatal(err)
	}
	m.DropDetails()
	dropped, err := engine.EvaluateInput(context.Background(), m, input)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(results, dropped); diff != "" {
		t.Errorf("results after DropDetails (-before +after):\n%s", diff)
	}
	if r := engine.Rules()[0]; r.ID != "org-widget" || r.Severity != gate.SeverityMedium || r.Enforcement != gate.SoftMandatory || r.Builtin {
		t.Errorf("catalogue entry = %+v", r)
	}
}

func TestNewRefuses(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax error", map[string]string{"bad.rego": header + "deny contains x if {\n"}, "org/bad.rego:"},
		{"http.send", map[string]string{"net.rego": header + "deny contains x if {\n\tx := http.send({\"method\": \"get\", \"url\": \"http://example.com\"})\n}\n"}, "org/net.rego:11:"},
		{"net lookup", map[string]string{"net.rego": header + "deny contains x if {\n\tx := net.lookup_ip_addr(\"example.com\")\n}\n"}, "org/net.rego:11:"},
		{"opa.runtime", map[string]string{"rt.rego": header + "deny contains x if {\n\tx := opa.runtime()\n}\n"}, "org/rt.rego:11:"},
		{"wall clock", map[string]string{"t.rego": header + "deny contains x if {\n\tx := time.now_ns()\n}\n"}, "org/t.rego:11:"},
		{"no metadata", map[string]string{"m.rego": "package tfgate.rules.bare\n\ndeny contains 1 if false\n"}, "org/m.rego: package tfgate.rules.bare has no package METADATA block with custom.id"},
		{"bad id", map[string]string{"i.rego": strings.Replace(header, "id: org-widget", "id: \"org-widget](https://evil.example)\"", 1)}, `org/i.rego:1: METADATA custom.id "org-widget](https://evil.example)" is not an id`},
		{"bad severity", map[string]string{"s.rego": strings.Replace(header, "severity: medium", "severity: dire", 1)}, `org/s.rego:1: rule org-widget: METADATA custom.severity: unknown severity "dire"`},
		{"duplicate id", map[string]string{"a.rego": header, "b.rego": strings.Replace(header, "org_widget", "org_widget2", 1)}, `org/b.rego: rule id "org-widget" is already used by org/a.rego`},
		{"nested package", map[string]string{"n.rego": strings.Replace(header, "tfgate.rules.org_widget", "tfgate.rules.org.widget", 1)}, "org/n.rego: package tfgate.rules.org.widget: a rule package must be tfgate.rules.NAME"},
		{"empty dir", map[string]string{"README.md": "nothing"}, "read policies org: no .rego files found"},
		{"deny not a set", map[string]string{"w.rego": header + "deny := {\"resource\": \"x\", \"message\": \"y\"}\n"}, "org/w.rego:10: deny must be a set of findings"},
		{"unknown as an object", map[string]string{"w.rego": header + "unknown[\"x\"] := \"y\"\n"}, "org/w.rego:10: unknown must be a set of findings"},
		{"pass in a second file", map[string]string{"w.rego": header, "z.rego": "package tfgate.rules.org_widget\n\npass := 1\n"}, "org/z.rego:3: pass must be a set of findings"},
		{"schema with file references", map[string]string{"s.rego": header + "deny contains x if {\n\tx := json.verify_schema(\"{}\")\n}\n"}, "org/s.rego:11:"},
		{"jwt against the wall clock", map[string]string{"j.rego": header + "deny contains x if {\n\tx := io.jwt.decode_verify(\"t\", {})\n}\n"}, "org/j.rego:11:"},
		{"the helper library", map[string]string{"l.rego": "package tfgate.lib\n\nbucket_undecided(_, _) if true\n"}, "org/l.rego:1: package tfgate.lib is tfgate's own"},
		{"inside the helper library", map[string]string{"l.rego": "package tfgate.lib.extra\n\nx := 1\n"}, "org/l.rego:1: package tfgate.lib.extra is tfgate's own"},
		{"above the rules", map[string]string{"r.rego": "package tfgate.rules\n\naws_s3_encryption.deny contains 1 if false\n"}, "org/r.rego:1: package tfgate.rules is tfgate's own"},
		{"a built-in rule's package", map[string]string{"r.rego": "package tfgate.rules.aws_s3_encryption\n\ndeny contains {\"resource\": \"x\", \"message\": \"y\"} if false\n"}, "org/r.rego:1: package tfgate.rules.aws_s3_encryption belongs to the built-in rule of tfgate.rules.aws_s3_encryption"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.New(context.Background(), append(builtin()[1:], withUser(tt.files)...))
			if err == nil {
				t.Fatalf("New succeeded, want error %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestEvaluateFailsClosed(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"string entries", "deny contains \"no\" if true\n", "rule org-widget (org/widget.rego): each deny entry must be an object with string fields resource and message"},
		{"missing message", "deny contains {\"resource\": \"widget.red\"} if true\n", "each deny entry must be an object"},
		{"conflict", "colour := w.values.colour if some w in lib.resources(\"widget\")\n\ndeny contains {\"resource\": \"x\", \"message\": colour} if true\n", "eval_conflict_error"},
		{"builtin error", "deny contains {\"resource\": \"x\", \"message\": m} if {\n\tm := sprintf(\"%d\", [to_number(\"not a number\")])\n}\n", "to_number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			engine, err := policy.New(context.Background(), withUser(map[string]string{"widget.rego": header + tt.body}))
			if err != nil {
				t.Fatal(err)
			}
			_, err = engine.Evaluate(context.Background(), widgets(), params)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestEvaluateHonoursTheDeadline(t *testing.T) {
	engine, err := policy.New(context.Background(), withUser(map[string]string{"widget.rego": header + `
deny contains {"resource": "widget.red", "message": sprintf("%d", [i])} if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i + j < 0
}
`}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = engine.Evaluate(ctx, widgets(), params)
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Errorf("error = %v, want deadline exceeded", err)
	}
}

// TestEvaluateErrorIsDeterministic: when several rules fail, the first in
// the catalogue gives the error, however the rules were scheduled.
func TestEvaluateErrorIsDeterministic(t *testing.T) {
	failing := func(id, pkg string) string {
		h := strings.Replace(strings.Replace(header, "org-widget", id, 1), "org_widget", pkg, 1)
		return h + "deny contains {\"resource\": \"x\", \"message\": m} if {\n\tm := sprintf(\"%d\", [to_number(\"" + id + "\")])\n}\n"
	}
	engine, err := policy.New(context.Background(), withUser(map[string]string{
		"a.rego": failing("org-a", "org_a"),
		"b.rego": failing("org-b", "org_b"),
		"c.rego": failing("org-c", "org_c"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		_, err := engine.Evaluate(context.Background(), widgets(), params)
		if err == nil || !strings.Contains(err.Error(), "org/a.rego") {
			t.Fatalf("error = %v, want the one from org/a.rego", err)
		}
	}
}

// TestInputIndex: the index lists positions by type, by whether the change
// keeps a managed instance, and by whether it destroys one; and the kept
// instances themselves by type.
// inputIndex completes the model and returns its input's index as JSON.
func inputIndex(t *testing.T, m *model.Model) map[string]any {
	t.Helper()
	m.Complete()
	in, err := policy.Input(m, params)
	if err != nil {
		t.Fatal(err)
	}
	value, err := ast.JSON(in)
	if err != nil {
		t.Fatal(err)
	}
	return value.(map[string]any)["index"].(map[string]any)
}

func TestInputIndex(t *testing.T) {
	m := &model.Model{Source: "p.json", Kind: model.KindPlan, Resources: []*model.Resource{
		{Address: "a.kept", Mode: "managed", Type: "a", Name: "kept", Actions: []string{"no-op"}},
		{Address: "a.replaced", Mode: "managed", Type: "a", Name: "replaced", Actions: []string{"delete", "create"}},
		{Address: "a.deleted", Mode: "managed", Type: "a", Name: "deleted", Actions: []string{"delete"}},
		{Address: "a.forgotten", Mode: "managed", Type: "a", Name: "forgotten", Actions: []string{"forget"}},
		{Address: "b.new", Mode: "managed", Type: "b", Name: "new", Actions: []string{"create"}},
		{Address: "data.a.read", Mode: "data", Type: "a", Name: "read", Actions: []string{"read"}},
	}}
	index := inputIndex(t, m)
	at := map[string]int{}
	for i, r := range m.Resources {
		at[r.Address] = i
	}
	positions := func(addresses ...string) []any {
		var out []any
		for _, a := range addresses {
			out = append(out, json.Number(strconv.Itoa(at[a])))
		}
		slices.SortFunc(out, func(x, y any) int { return strings.Compare(string(x.(json.Number)), string(y.(json.Number))) })
		return out
	}
	got := map[string]any{"by_type": index["by_type"], "managed": index["managed"], "deletes": index["deletes"]}
	want := map[string]any{
		"by_type": map[string]any{"a": positions("a.kept", "a.replaced", "a.deleted", "a.forgotten", "data.a.read"), "b": positions("b.new")},
		"managed": map[string]any{"a": positions("a.kept", "a.replaced", "a.forgotten"), "b": positions("b.new")},
		"deletes": map[string]any{"a": positions("a.replaced", "a.deleted")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
	kept := map[string][]string{}
	for typ, rs := range index["resources"].(map[string]any) {
		for _, r := range rs.([]any) {
			kept[typ] = append(kept[typ], r.(map[string]any)["address"].(string))
		}
	}
	if diff := cmp.Diff(map[string][]string{"a": {"a.forgotten", "a.kept", "a.replaced"}, "b": {"b.new"}}, kept); diff != "" {
		t.Errorf("index.resources (-want +got):\n%s", diff)
	}
}

func TestInputIndexesUnreferred(t *testing.T) {
	link := func(address, attribute string) []model.Link {
		return []model.Link{{Address: address, Type: "aws_s3_bucket", Attribute: attribute, Via: model.ViaReference}}
	}
	m := &model.Model{Source: "p.json", Kind: model.KindPlan, Resources: []*model.Resource{
		{Address: "aws_s3_bucket.one", Mode: "managed", Type: "aws_s3_bucket", Name: "one", Actions: []string{"no-op"}},
		{Address: "aws_s3_bucket.two", Mode: "managed", Type: "aws_s3_bucket", Name: "two", Actions: []string{"create"}},
		{Address: "aws_s3_bucket.gone", Mode: "managed", Type: "aws_s3_bucket", Name: "gone", Actions: []string{"delete"}},
		{Address: "data.aws_s3_bucket.read", Mode: "data", Type: "aws_s3_bucket", Name: "read", Actions: []string{"read"}},
		// one is versioned; two only by a configuration being deleted.
		{Address: "aws_s3_bucket_versioning.one", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "one", Actions: []string{"create"},
			References: link("aws_s3_bucket.one", "bucket")},
		{Address: "aws_s3_bucket_versioning.two", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "two", Actions: []string{"delete"},
			References: link("aws_s3_bucket.two", "bucket")},
		// gone and the data source have a policy; neither is listed.
		{Address: "aws_s3_bucket_policy.gone", Mode: "managed", Type: "aws_s3_bucket_policy", Name: "gone", Actions: []string{"create"},
			References: link("aws_s3_bucket.gone", "bucket")},
		{Address: "aws_s3_bucket_policy.read", Mode: "managed", Type: "aws_s3_bucket_policy", Name: "read", Actions: []string{"create"},
			References: link("data.aws_s3_bucket.read", "bucket")},
		// A link through another attribute is another kind of link.
		{Address: "aws_s3_bucket_acl.one", Mode: "managed", Type: "aws_s3_bucket_acl", Name: "one", Actions: []string{"create"},
			References: link("aws_s3_bucket.one", "expected_bucket_owner")},
	}}
	got := kindIndex(m, inputIndex(t, m)["unreferred"])
	want := map[string]map[string]map[string][]string{
		"aws_s3_bucket": {
			"aws_s3_bucket_versioning": {"bucket": {"aws_s3_bucket.two"}},
			"aws_s3_bucket_policy":     {"bucket": {"aws_s3_bucket.one", "aws_s3_bucket.two"}},
			"aws_s3_bucket_acl":        {"expected_bucket_owner": {"aws_s3_bucket.two"}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("index.unreferred (-want +got):\n%s", diff)
	}
}

func TestInputIndexesUnlinked(t *testing.T) {
	link := func(address, typ, attribute string) model.Link {
		return model.Link{Address: address, Type: typ, Attribute: attribute, Via: model.ViaReference}
	}
	toBucket := link("aws_s3_bucket.b", "aws_s3_bucket", "bucket")
	m := &model.Model{Source: "p.json", Kind: model.KindPlan, Resources: []*model.Resource{
		{Address: "aws_s3_bucket.b", Mode: "managed", Type: "aws_s3_bucket", Name: "b", Actions: []string{"create"}},
		{Address: "aws_s3_bucket.gone", Mode: "managed", Type: "aws_s3_bucket", Name: "gone", Actions: []string{"delete"}},
		{Address: "aws_s3_bucket_versioning.linked", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "linked", Actions: []string{"create"},
			References: []model.Link{toBucket, toBucket, link("aws_kms_key.k", "aws_kms_key", "kms_key_id")}},
		{Address: "aws_s3_bucket_versioning.owner", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "owner", Actions: []string{"update"},
			References: []model.Link{link("aws_s3_bucket.b", "aws_s3_bucket", "expected_bucket_owner")}},
		{Address: "aws_s3_bucket_versioning.unset", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "unset", Actions: []string{"create"}},
		// A link to a bucket being deleted is still a link.
		{Address: "aws_s3_bucket_versioning.to_gone", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "to_gone", Actions: []string{"create"},
			References: []model.Link{link("aws_s3_bucket.gone", "aws_s3_bucket", "bucket")}},
		// Neither a resource being deleted nor a data source is listed,
		// and their links make no entry.
		{Address: "aws_s3_bucket_versioning.gone", Mode: "managed", Type: "aws_s3_bucket_versioning", Name: "gone", Actions: []string{"delete"},
			References: []model.Link{link("aws_s3_bucket.b", "aws_s3_bucket", "acl")}},
		{Address: "data.aws_s3_bucket_policy.read", Mode: "data", Type: "aws_s3_bucket_policy", Name: "read", Actions: []string{"read"},
			References: []model.Link{toBucket}},
	}}
	got := kindIndex(m, inputIndex(t, m)["unlinked"])
	want := map[string]map[string]map[string][]string{
		"aws_s3_bucket_versioning": {
			"aws_s3_bucket": {
				"bucket":                {"aws_s3_bucket_versioning.owner", "aws_s3_bucket_versioning.unset"},
				"expected_bucket_owner": {"aws_s3_bucket_versioning.linked", "aws_s3_bucket_versioning.to_gone", "aws_s3_bucket_versioning.unset"},
			},
			"aws_kms_key": {"kms_key_id": {"aws_s3_bucket_versioning.owner", "aws_s3_bucket_versioning.to_gone", "aws_s3_bucket_versioning.unset"}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("index.unlinked (-want +got):\n%s", diff)
	}
}

// kindIndex reads index.unreferred or index.unlinked with the positions
// written as the resources' addresses.
func kindIndex(m *model.Model, index any) map[string]map[string]map[string][]string {
	out := map[string]map[string]map[string][]string{}
	for typ, byOther := range index.(map[string]any) {
		out[typ] = map[string]map[string][]string{}
		for other, byAttribute := range byOther.(map[string]any) {
			out[typ][other] = map[string][]string{}
			for attribute, positions := range byAttribute.(map[string]any) {
				addresses := []string{}
				for _, p := range positions.([]any) {
					i, _ := strconv.Atoi(string(p.(json.Number)))
					addresses = append(addresses, m.Resources[i].Address)
				}
				out[typ][other][attribute] = addresses
			}
		}
	}
	return out
}

// TestSubResourcesFoldIntoSubjects holds custom.related: a gadget's
// failure or unknown is the failure or unknown of the widget it refers to,
// which names it; a gadget with no widget in the input keeps its own
// result when it is not a pass, and a gadget that passes is not reported.
func TestSubResourcesFoldIntoSubjects(t *testing.T) {
	meta := strings.Replace(header, "#   resource_types: [widget]\n", "#   resource_types: [widget]\n#   related:\n#     gadget: widget\n", 1)
	engine, err := policy.New(context.Background(), withUser(map[string]string{"widget.rego": meta + `
deny contains lib.result(g, "the gadget is loud") if {
	some g in lib.resources("gadget")
	g.values.loud
}

unknown contains lib.result(g, "the gadget is undecided") if {
	some g in lib.resources("gadget")
	lib.is_unknown(g, "loud")
}
`}))
	if err != nil {
		t.Fatal(err)
	}
	gadget := func(name string, values map[string]any, unknown []string, widget string, actions []string) *model.Resource {
		r := &model.Resource{Address: "gadget." + name, Mode: "managed", Type: "gadget", Name: name, Values: values, Unknown: unknown, Actions: actions,
			Location: &model.Location{File: "gadget.tf", StartLine: 3, EndLine: 5}}
		if widget != "" {
			r.References = []model.Link{{Address: widget, Type: "widget", Attribute: "widget", Via: model.ViaReference}}
		}
		return r
	}
	m := &model.Model{Kind: model.KindPlan, Source: "plan.json", Resources: []*model.Resource{
		{Address: "widget.a", Mode: "managed", Type: "widget", Name: "a", Actions: []string{"no-op"}},
		{Address: "widget.b", Mode: "managed", Type: "widget", Name: "b", Actions: []string{"no-op"}},
		{Address: "widget.c", Mode: "managed", Type: "widget", Name: "c", Actions: []string{"no-op"}},
		gadget("loud", map[string]any{"loud": true}, nil, "widget.a", []string{"update"}),
		gadget("later", map[string]any{}, []string{"loud"}, "widget.b", []string{"no-op"}),
		gadget("quiet", map[string]any{"loud": false}, nil, "widget.c", []string{"no-op"}),
		gadget("stray", map[string]any{"loud": true}, nil, "", []string{"no-op"}),
		gadget("calm", map[string]any{"loud": false}, nil, "", []string{"no-op"}),
	}}
	m.Complete()
	results, err := engine.Evaluate(context.Background(), m, params)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Resource, Status, Message string
		Related                   []string
		Changed                   bool
	}
	var got []row
	for _, r := range results {
		var related []string
		for _, rel := range r.Related {
			related = append(related, rel.Resource+"@"+rel.Location.File)
		}
		got = append(got, row{r.Resource, string(r.Status), r.Message, related, r.Changed})
	}
	want := []row{
		{"gadget.stray", "fail", "the gadget is loud", nil, false},
		{"widget.a", "fail", "gadget.loud: the gadget is loud", []string{"gadget.loud@gadget.tf"}, true},
		{"widget.b", "unknown", "gadget.later: the gadget is undecided", []string{"gadget.later@gadget.tf"}, false},
		{"widget.c", "pass", "", nil, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

// TestPendingReadsAreNeverPasses holds custom.reads: whatever the rule
// says, a resource whose read attribute is wholly known only after apply,
// because the configuration makes it so, is unknown, unless it fails.
func TestPendingReadsAreNeverPasses(t *testing.T) {
	meta := strings.Replace(header, "#   resource_types: [widget]\n", "#   resource_types: [widget]\n#   reads:\n#     widget: [paint, trim]\n", 1)
	engine, err := policy.New(context.Background(), withUser(map[string]string{"widget.rego": meta + `
deny contains lib.result(w, "the widget is red") if {
	some w in lib.resources("widget")
	w.values.colour == "red"
}
`}))
	if err != nil {
		t.Fatal(err)
	}
	widget := func(name string, colour string, unknown, configured []string) *model.Resource {
		return &model.Resource{Address: "widget." + name, Mode: "managed", Type: "widget", Name: name, Values: map[string]any{"colour": colour}, Unknown: unknown, Configured: configured}
	}
	m := &model.Model{Kind: model.KindPlan, Source: "plan.json", Resources: []*model.Resource{
		widget("painted", "blue", nil, []string{"paint"}),
		widget("later", "blue", []string{"paint"}, []string{"paint"}),
		widget("trim", "blue", []string{"trim[0]"}, []string{"trim"}),
		widget("partly", "blue", []string{"paint[0].shade"}, []string{"paint"}),
		widget("red", "red", []string{"paint"}, []string{"paint"}),
	}}
	m.Complete()
	results, err := engine.Evaluate(context.Background(), m, params)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range results {
		got[r.Resource] = string(r.Status) + ": " + r.Message
	}
	want := map[string]string{
		"widget.painted": "pass: ",
		"widget.later":   "unknown: paint is known only after apply",
		"widget.trim":    "pass: ",
		"widget.partly":  "pass: ",
		"widget.red":     "fail: the widget is red",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

// TestUserPoliciesCannotShadowBuiltinFiles: a --policy directory whose
// files have the names of built-in ones (policies/rules/aws/s3/...) is
// refused, not loaded in their place.
func TestUserPoliciesCannotShadowBuiltinFiles(t *testing.T) {
	shadow := fstest.MapFS{"aws/s3/public_access_block.rego": &fstest.MapFile{Data: []byte("package tfgate.rules.aws_s3_public_access_block\n")}}
	sources := append(builtin(), policy.Source{Name: "policies/rules", FS: shadow})
	_, err := policy.New(context.Background(), sources)
	if err == nil || !strings.HasPrefix(err.Error(), "policies/rules/aws/s3/public_access_block.rego: a policy file of that name is already loaded") {
		t.Errorf("error = %v", err)
	}
}
