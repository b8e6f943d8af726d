// Package runtasktest plays HCP Terraform's side of a run task in tests:
// it serves each run's plan JSON to the run's token only, the way the
// platform's plan JSON endpoint does, and records the task results
// PATCHed to each task result's callback URL.
//
// Run N (a string) has the run id run-N, the task result id taskrs-N and
// the access token tok-N.
package runtasktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Platform is a run task platform stand-in.
type Platform struct {
	// URL is the platform's base address.
	URL string
	t   testing.TB

	mu       sync.Mutex
	plans    map[string][]byte
	serve    func(http.ResponseWriter, *http.Request, string) bool
	callback func(http.ResponseWriter, *http.Request, string, Result) bool
	results  map[string][]Result
	done     chan string
}

// Result is a callback body as the platform reads it.
type Result struct {
	Data struct {
		Type       string `json:"type"`
		Attributes struct {
			Status  string `json:"status"`
			Message string `json:"message"`
		} `json:"attributes"`
		Relationships *struct {
			Outcomes struct {
				Data []Outcome `json:"data"`
			} `json:"outcomes"`
		} `json:"relationships"`
	} `json:"data"`
}

// Outcome is one outcome of a result.
type Outcome struct {
	Type       string `json:"type"`
	Attributes struct {
		OutcomeID   string           `json:"outcome-id"`
		Description string           `json:"description"`
		Body        string           `json:"body"`
		Tags        map[string][]Tag `json:"tags"`
	} `json:"attributes"`
}

// Tag is an outcome's tag.
type Tag struct {
	Label string `json:"label"`
	Level string `json:"level"`
}

// Status is the result's status.
func (r Result) Status() string { return r.Data.Attributes.Status }

// Message is the result's message.
func (r Result) Message() string { return r.Data.Attributes.Message }

// Outcomes are the result's outcomes; nil when it has none.
func (r Result) Outcomes() []Outcome {
	if r.Data.Relationships == nil {
		return nil
	}
	return r.Data.Relationships.Outcomes.Data
}

// New starts a platform, stopped when the test ends.
func New(t testing.TB) *Platform {
	p := &Platform{t: t, plans: map[string][]byte{}, results: map[string][]Result{}, done: make(chan string, 1024)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/plans/{plan}/json-output", func(w http.ResponseWriter, r *http.Request) {
		run := strings.TrimPrefix(r.PathValue("plan"), "plan-")
		if r.Header.Get("Authorization") != "Bearer tok-"+run {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		p.mu.Lock()
		plan, serve := p.plans[run], p.serve
		p.mu.Unlock()
		if serve != nil && serve(w, r, run) {
			return
		}
		if plan == nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(plan)
	})
	mux.HandleFunc("PATCH /api/v2/task-results/{id}/callback", func(w http.ResponseWriter, r *http.Request) {
		run := strings.TrimPrefix(r.PathValue("id"), "taskrs-")
		if r.Header.Get("Authorization") != "Bearer tok-"+run {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.api+json" {
			t.Errorf("callback Content-Type %q, want application/vnd.api+json", ct)
		}
		var res Result
		if err := json.NewDecoder(r.Body).Decode(&res); err != nil || res.Data.Type != "task-results" {
			t.Errorf("callback body: %v (type %q)", err, res.Data.Type)
			http.Error(w, "invalid payload", http.StatusUnprocessableEntity)
			return
		}
		if problem := invalid(res); problem != "" {
			t.Errorf("callback for run %s: %s", run, problem)
			http.Error(w, problem, http.StatusUnprocessableEntity)
			return
		}
		p.mu.Lock()
		callback := p.callback
		p.mu.Unlock()
		if callback != nil && callback(w, r, run, res) {
			return
		}
		p.mu.Lock()
		p.results[run] = append(p.results[run], res)
		p.mu.Unlock()
		if res.Status() != "running" {
			select {
			case p.done <- run:
			default: // Wait polls the results as well
			}
		}
		w.WriteHeader(http.StatusOK)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// Plan gives run n a plan file's content.
func (p *Platform) Plan(n, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		p.t.Fatal(err)
	}
	p.PlanJSON(n, data)
}

// PlanJSON gives run n a plan's JSON.
func (p *Platform) PlanJSON(n string, data []byte) {
	p.mu.Lock()
	p.plans[n] = data
	p.mu.Unlock()
}

// Callback sets a function that may answer the result PATCHes in place
// of the platform (one that refuses, redirects or hangs), once a result
// is valid: when it returns true it answered, and the result is not
// recorded.
func (p *Platform) Callback(f func(w http.ResponseWriter, r *http.Request, run string, res Result) bool) {
	p.mu.Lock()
	p.callback = f
	p.mu.Unlock()
}

// invalid says how a result breaks the platform's documented shape and
// limits, "" when it does not.
func invalid(res Result) string {
	a := res.Data.Attributes
	switch {
	case a.Status != "passed" && a.Status != "failed" && a.Status != "running":
		return fmt.Sprintf("status %q", a.Status)
	case len([]rune(a.Message)) > 1000:
		return "message over 1000 characters"
	}
	if res.Data.Relationships == nil {
		return ""
	}
	list := res.Outcomes()
	if len(list) < 1 || len(list) > 10 {
		return fmt.Sprintf("%d outcomes, want 1 to 10", len(list))
	}
	for _, o := range list {
		at := o.Attributes
		switch {
		case o.Type != "task-result-outcomes":
			return fmt.Sprintf("outcome type %q", o.Type)
		case at.OutcomeID == "" || len([]rune(at.OutcomeID)) > 64:
			return fmt.Sprintf("outcome-id %q", at.OutcomeID)
		case at.Description == "" || len([]rune(at.Description)) > 1000 || strings.ContainsAny(at.Description, "\r\n"):
			return fmt.Sprintf("description %q", at.Description)
		case len([]rune(at.Body)) > 10000:
			return "body over 10000 characters"
		case len(at.Tags) > 10:
			return "more than 10 tags"
		}
		for _, tags := range at.Tags {
			for _, tag := range tags {
				if tag.Label == "" || len([]rune(tag.Label)) > 32 {
					return fmt.Sprintf("tag label %q", tag.Label)
				}
			}
		}
	}
	return ""
}

// Serve sets a function that may answer the plan requests in place of
// the platform (a slow, failing or odd platform): when it returns true it
// answered.
func (p *Platform) Serve(f func(w http.ResponseWriter, r *http.Request, run string) bool) {
	p.mu.Lock()
	p.serve = f
	p.mu.Unlock()
}

// Payload is run n's request at a stage, as the platform sends it.
func (p *Platform) Payload(n, stage string) []byte {
	body, _ := json.Marshal(map[string]any{
		"payload_version":                    1,
		"stage":                              stage,
		"access_token":                       "tok-" + n,
		"capabilities":                       map[string]any{"outcomes": true},
		"configuration_version_download_url": p.URL + "/api/v2/configuration-versions/cv-" + n + "/download",
		"configuration_version_id":           "cv-" + n,
		"is_speculative":                     false,
		"organization_name":                  "acme",
		"plan_json_api_url":                  p.URL + "/api/v2/plans/plan-" + n + "/json-output",
		"run_app_url":                        p.URL + "/app/acme/workspaces/prod/runs/run-" + n,
		"run_created_at":                     "2026-12-02T10:00:00.000Z",
		"run_created_by":                     "someone",
		"run_id":                             "run-" + n,
		"run_message":                        "Triggered via UI",
		"task_result_callback_url":           p.URL + "/api/v2/task-results/taskrs-" + n + "/callback",
		"task_result_enforcement_level":      "mandatory",
		"task_result_id":                     "taskrs-" + n,
		"vcs_branch":                         nil,
		"vcs_commit_url":                     nil,
		"vcs_pull_request_url":               nil,
		"vcs_repo_url":                       nil,
		"workspace_app_url":                  p.URL + "/app/acme/workspaces/prod",
		"workspace_id":                       "ws-1",
		"workspace_name":                     "prod",
		"workspace_working_directory":        "",
	})
	return body
}

// Wait returns run n's final result (passed or failed), failing the test
// when none comes within a minute.
func (p *Platform) Wait(n string) Result {
	p.t.Helper()
	deadline := time.After(time.Minute)
	for {
		p.mu.Lock()
		list := p.results[n]
		p.mu.Unlock()
		if i := slices.IndexFunc(list, func(r Result) bool { return r.Status() != "running" }); i >= 0 {
			return list[i]
		}
		select {
		case <-p.done:
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			p.t.Fatalf("no result for run %s", n)
		}
	}
}

// Results are every result sent for run n, progress updates included.
func (p *Platform) Results(n string) []Result {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.results[n])
}

// Runs counts the runs that were sent any result.
func (p *Platform) Runs() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.results)
}

// Post sends a run task request to the server at url, as the platform
// does, with the signature header ("" sends none), and returns the
// status code.
func Post(t testing.TB, url string, body []byte, signature string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "TFC/1.0 (+https://app.terraform.io; TFC)")
	if signature != "" {
		req.Header.Set("X-TFC-Task-Signature", signature)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}
