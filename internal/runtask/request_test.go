package runtask

import (
	"net/http"
	"strings"
	"testing"
)

func TestParseRequest(t *testing.T) {
	for _, tc := range []struct {
		name, body, err string
	}{
		{"verification", `{"payload_version":1,"access_token":"test-token"}`, ""},
		{"run", `{"payload_version":1,"access_token":"t","stage":"post_plan","task_result_callback_url":"https://app.terraform.io/api/v2/task-results/x/callback","plan_json_api_url":"https://app.terraform.io/api/v2/plans/p/json-output","capabilities":{"outcomes":true}}`, ""},
		{"pre_plan without a plan", `{"payload_version":1,"access_token":"t","stage":"pre_plan","task_result_callback_url":"https://h/cb"}`, ""},
		{"version 2", `{"payload_version":2,"access_token":"t"}`, "payload_version 2"},
		{"no version", `{"access_token":"t"}`, "payload_version 0"},
		{"not JSON", `stage=post_plan`, "not a run task payload"},
		{"no token", `{"payload_version":1,"task_result_callback_url":"https://h/cb"}`, "no access_token"},
		{"no callback", `{"payload_version":1,"access_token":"t"}`, "task_result_callback_url: missing"},
		{"callback not http", `{"payload_version":1,"access_token":"t","task_result_callback_url":"file:///etc/passwd"}`, "not an http(s) address"},
		{"plan on another host", `{"payload_version":1,"access_token":"t","task_result_callback_url":"https://app.terraform.io/cb","plan_json_api_url":"http://169.254.169.254/latest"}`, "not on the same platform"},
		{"plan URL relative", `{"payload_version":1,"access_token":"t","task_result_callback_url":"https://h/cb","plan_json_api_url":"/plans/p"}`, "plan_json_api_url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseRequest([]byte(tc.body))
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("error %v, want one with %q", err, tc.err)
			}
		})
	}
}

func TestVerify(t *testing.T) {
	key, body := []byte("k"), []byte(`{"payload_version":1}`)
	good := Sign(key, body)
	for _, tc := range []struct {
		name, sig string
		want      error
	}{
		{"good", good, nil},
		{"upper case hex", strings.ToUpper(good), nil},
		{"missing", "", errUnsigned},
		{"blank", "  ", errUnsigned},
		{"not hex", "zz", errBadSignature},
		{"short", good[:64], errBadSignature},
		{"another key", Sign([]byte("other"), body), errBadSignature},
	} {
		if err := verify(key, body, tc.sig); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// FuzzParseRequest: any body is a request or an error, never a panic, and
// a request taken for a run has an http(s) callback.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"payload_version":1,"access_token":"test-token"}`))
	f.Add([]byte(`{"payload_version":1,"access_token":"t","stage":"post_plan","task_result_callback_url":"https://h/cb","plan_json_api_url":"https://h/p","capabilities":{"outcomes":true}}`))
	f.Add([]byte(`{"payload_version":1.5}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := parseRequest(body)
		if err != nil || r.verification() {
			return
		}
		if webURL(r.TaskResultCallbackURL) != nil || r.AccessToken == "" {
			t.Errorf("taken without a callback or a token: %+v", r)
		}
	})
}

// TestCheckRedirect: a result never follows a redirect; a plan download
// does, with the token only to the same scheme, host and port, and never
// down to http.
func TestCheckRedirect(t *testing.T) {
	get := func(u string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, u, nil)
		r.Header.Set("Authorization", "Bearer t")
		return r
	}
	patch, _ := http.NewRequest(http.MethodPatch, "https://app.terraform.io/cb", nil)
	if err := checkRedirect(get("https://app.terraform.io/login"), []*http.Request{patch}); err != http.ErrUseLastResponse {
		t.Errorf("a PATCH redirected: %v, want ErrUseLastResponse", err)
	}
	from := get("https://app.terraform.io/api/v2/plans/p/json-output")
	for _, tc := range []struct {
		to        string
		err, auth bool
	}{
		{"https://app.terraform.io/other", false, true},
		{"https://archivist.terraform.io/v1/object/x", false, false},
		{"https://app.terraform.io:8443/x", false, false},
		{"http://app.terraform.io/x", true, false},
	} {
		next := get(tc.to)
		err := checkRedirect(next, []*http.Request{from})
		if (err != nil) != tc.err || err == nil && (next.Header.Get("Authorization") != "") != tc.auth {
			t.Errorf("%s: error %v, token kept %v", tc.to, err, next.Header.Get("Authorization") != "")
		}
	}
}
