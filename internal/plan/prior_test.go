package plan

import (
	"testing"
)

// referencePriorState decodes prior_state with encoding/json, which
// decodePriorState must agree with.
func referencePriorState(value string) (*priorState, error) {
	var ps *priorState
	err := decodeNumbers([]byte(value), &ps)
	return ps, err
}

const priorDataJSON = `{"address": "data.aws_iam_policy_document.p", "mode": "data", "type": "aws_iam_policy_document", "name": "p",
	"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
	"values": {"json": "{\"Statement\": []}", "n": 1.50, "l": [true, null]}, "sensitive_values": {"l": []}}`

const priorManagedJSON = `{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {"bucket": "b", "tags": null}}`

// TestDecodePriorStateMatchesEncodingJSON: what the one-pass reader
// accepts, it decodes exactly as encoding/json does.
func TestDecodePriorStateMatchesEncodingJSON(t *testing.T) {
	for name, value := range map[string]string{
		"empty":          `{}`,
		"no root module": `{"format_version": "1.0", "values": {"outputs": {"o": {"value": 1}}}}`,
		"root only":      `{"values": {"root_module": {"resources": [` + priorManagedJSON + `, ` + priorDataJSON + `]}}}`,
		"nested": `{"format_version": "1.0", "terraform_version": "1.11.4", "values": {"root_module": {
			"child_modules": [{"address": "module.a", "resources": [` + priorDataJSON + `],
				"child_modules": [{"address": "module.a.module.b", "resources": [` + priorManagedJSON + `, ` + priorDataJSON + `]}]},
			{"address": "module.c"}]}}}`,
		"null resource":       `{"values": {"root_module": {"resources": [null, ` + priorDataJSON + `]}}}`,
		"unread null members": `{"values": {"outputs": null, "root_module": {"resources": [{"mode": "managed", "values": null, "x": {"y": [1, 2]}}]}}}`,
		"escapes in a data source": `{"values": {"root_module": {"resources": [{"mode": "data", "address": "data.a.\"b\"",
			"values": {"s": "\u00e9\n\ud83d\ude00"}}]}}}`,
		"white space": " \n{ \"values\" :\t{\"root_module\" : { \"resources\" : [ " + priorDataJSON + " ] } } } \n",
		"empty lists": `{"values": {"root_module": {"resources": [], "child_modules": []}}}`,
		"data source index and nulls": `{"values": {"root_module": {"resources": [{"mode": "data", "address": "data.a.b[\"k\"]", "index": "k",
			"values": {}, "sensitive_values": null}, {"mode": "data", "index": 2, "sensitive_values": {"a": true}, "unread": [null]}]}}}`,
		"mode of another kind": `{"values": {"root_module": {"resources": [{"mode": "ephemeral", "address": "ephemeral.a.b"}]}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			want, err := referencePriorState(value)
			if err != nil {
				t.Fatalf("encoding/json refuses the case: %v", err)
			}
			got, ok := decodePriorState([]byte(value))
			if !ok {
				t.Fatal("decodePriorState gave up")
			}
			agree(t, got, want, nil)
		})
	}
}

// TestDecodePriorStateGivesUp: on what it does not copy exactly, the
// reader leaves the whole document to encoding/json.
func TestDecodePriorStateGivesUp(t *testing.T) {
	for name, value := range map[string]string{
		"null":                   `null`,
		"null values":            `{"values": null}`,
		"null root module":       `{"values": {"root_module": null}}`,
		"null resources":         `{"values": {"root_module": {"resources": null}}}`,
		"null child":             `{"values": {"root_module": {"child_modules": [null]}}}`,
		"folded key":             `{"values": {"root_module": {"resources": [{"Mode": "data"}]}}}`,
		"folded outer key":       `{"Values": {}}`,
		"repeated mode":          `{"values": {"root_module": {"resources": [{"mode": "managed", "mode": "data"}]}}}`,
		"repeated root module":   `{"values": {"root_module": {}, "root_module": {}}}`,
		"mode not a string":      `{"values": {"root_module": {"resources": [{"mode": 1}]}}}`,
		"address not a string":   `{"values": {"root_module": {"address": 1}}}`,
		"data source wrong type": `{"values": {"root_module": {"resources": [{"mode": "data", "values": 3}]}}}`,
		"data values null":       `{"values": {"root_module": {"resources": [{"mode": "data", "values": null}]}}}`,
		"data address null":      `{"values": {"root_module": {"resources": [{"mode": "data", "address": null}]}}}`,
		"data folded key":        `{"values": {"root_module": {"resources": [{"mode": "data", "Values": {}}]}}}`,
		"resources not a list":   `{"values": {"root_module": {"resources": {}}}}`,
		"syntax":                 `{"values": {"root_module": {"resources": [}}}`,
		"trailing":               `{"values": {}} x`,
		"truncated":              `{"values": {"root_module": {"resources": [` + priorManagedJSON,
	} {
		t.Run(name, func(t *testing.T) {
			if ps, ok := decodePriorState([]byte(value)); ok {
				t.Errorf("decodePriorState(%s) = %#v, want to give up", value, ps)
			}
		})
	}
}
