package hclsrc

import (
	"slices"
	"testing"

	"github.com/tfgate/tfgate/internal/model"
)

// TestProviderSensitiveLiteralsAreHidden: the literals a plan would mark
// sensitive by the provider's schema are hidden in a directory check,
// through lists of nested blocks; nothing else is touched.
func TestProviderSensitiveLiteralsAreHidden(t *testing.T) {
	if len(sensitiveAttributes) < 50 {
		t.Fatalf("the generated table holds %d types; regenerate it with scripts/sensitiveattrs", len(sensitiveAttributes))
	}
	values := map[string]any{"password": "pw", "username": "admin", "engine": "mysql"}
	if got := hideProviderSensitive("managed", "aws_db_instance", values); !slices.Equal(got, []string{"password"}) {
		t.Errorf("hidden = %v", got)
	}
	if values["password"] != model.SensitiveMarker || values["username"] != "admin" {
		t.Errorf("values = %v", values)
	}
	param := map[string]any{"value": "v"}
	if got := hideProviderSensitive("data", "aws_ssm_parameter", param); !slices.Equal(got, []string{"value"}) || param["value"] != model.SensitiveMarker {
		t.Errorf("data source: hidden %v, values %v", got, param)
	}
	// Nested blocks are lists of objects.
	listener := map[string]any{"default_action": []any{
		map[string]any{"type": "forward"},
		map[string]any{"type": "authenticate-oidc", "authenticate_oidc": []any{map[string]any{"client_id": "c", "client_secret": "s"}}},
	}}
	got := hideProviderSensitive("managed", "aws_alb_listener", listener)
	if want := []string{"default_action[1].authenticate_oidc[0].client_secret"}; !slices.Equal(got, want) {
		t.Errorf("nested: hidden %v, want %v", got, want)
	}
	oidc := listener["default_action"].([]any)[1].(map[string]any)["authenticate_oidc"].([]any)[0].(map[string]any)
	if oidc["client_secret"] != model.SensitiveMarker || oidc["client_id"] != "c" {
		t.Errorf("nested: %v", oidc)
	}
}
