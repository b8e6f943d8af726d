package runtask

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/benchplan"
	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/gate"
	"github.com/tfgate/tfgate/internal/runtask/runtasktest"
)

var (
	compliant    = "../../testdata/foundation/environments/prod/plan.json"
	noncompliant = "../../testdata/foundation/environments/prod-noncompliant/plan.json"
	testKey      = []byte("a run task HMAC key for tests")
)

// checker is one Checker of the built-in policies, as tfgate serve makes
// it with its default flags, shared by the tests: compiling is most of a
// small check's time.
var checker = sync.OnceValues(func() (*check.Checker, error) {
	c, err := check.New(context.Background(), check.Options{
		Policy:  gate.Policy{FailOn: gate.DefaultFailOn, FailOnUnknown: gate.DefaultFailOnUnknown},
		Version: "test",
	})
	if err != nil {
		return nil, err
	}
	return c, c.Prepare()
})

// post sends a request body to the task server, signed with key (nil:
// unsigned), and returns the status code.
func post(t *testing.T, url string, body, key []byte) int {
	t.Helper()
	signature := ""
	if key != nil {
		signature = Sign(key, body)
	}
	return runtasktest.Post(t, url, body, signature)
}

// startServer starts a task server with o (the test key unless o has
// one) and returns its URL.
func startServer(t *testing.T, o Options) (*Server, string) {
	t.Helper()
	c, err := checker()
	if err != nil {
		t.Fatal(err)
	}
	if o.Key == nil {
		o.Key = testKey
	}
	s, err := New(c, o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		srv.Close()
		s.Shutdown(context.Background())
	})
	return s, srv.URL
}

// TestResultsOfFixturePlans: a compliant plan's run passes, a
// noncompliant one's fails with its blocking findings as outcomes, as
// the platform documents them.
func TestResultsOfFixturePlans(t *testing.T) {
	p := runtasktest.New(t)
	_, url := startServer(t, Options{})
	p.Plan("1", compliant)
	p.Plan("2", noncompliant)
	for _, n := range []string{"1", "2"} {
		if code := post(t, url, p.Payload(n, "post_plan"), testKey); code != http.StatusOK {
			t.Fatalf("run %s: answered %d, want 200", n, code)
		}
	}
	pass := p.Wait("1")
	if a := pass.Data.Attributes; a.Status != "passed" || !strings.HasPrefix(a.Message, "tfgate PASS") {
		t.Errorf("compliant run: %s %q", a.Status, a.Message)
	}
	fail := p.Wait("2")
	if a := fail.Data.Attributes; a.Status != "failed" || !strings.HasPrefix(a.Message, "tfgate FAIL") || len(a.Message) > 1000 {
		t.Errorf("noncompliant run: %s %q", a.Status, a.Message)
	}
	if fail.Data.Relationships == nil {
		t.Fatal("noncompliant run: no outcomes")
	}
	outcomes := fail.Data.Relationships.Outcomes.Data
	if len(outcomes) == 0 || len(outcomes) > 10 {
		t.Fatalf("%d outcomes, want 1 to 10", len(outcomes))
	}
	first := outcomes[0].Attributes
	if outcomes[0].Type != "task-result-outcomes" || len(first.OutcomeID) > 64 || first.Description == "" ||
		!strings.Contains(first.Body, "Blocks the gate") || !strings.Contains(first.Body, "**Remediation**") {
		t.Errorf("first outcome: %+v", outcomes[0])
	}
	if tags := first.Tags["Status"]; len(tags) != 1 || tags[0].Level != "error" || tags[0].Label != "Failed" {
		t.Errorf("first outcome's Status tags: %+v", tags)
	}
	if tags := first.Tags["Severity"]; len(tags) != 1 || tags[0].Label == "" {
		t.Errorf("first outcome's Severity tags: %+v", tags)
	}
}

// TestSignatures: unsigned and wrongly signed requests are refused and
// start nothing; the verification request the platform sends when the
// run task is made is accepted, signed, and asks for no result.
func TestSignatures(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{})
	p.Plan("1", noncompliant)
	body := p.Payload("1", "post_plan")
	for name, key := range map[string][]byte{"unsigned": nil, "another key": []byte("not the key")} {
		if code := post(t, url, body, key); code != http.StatusUnauthorized {
			t.Errorf("%s: answered %d, want 401", name, code)
		}
	}
	tampered := bytes.Replace(body, []byte(`"prod"`), []byte(`"dev"`), 1)
	req, _ := http.NewRequest(http.MethodPost, url+"/", bytes.NewReader(tampered))
	req.Header.Set(SignatureHeader, Sign(testKey, body))
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("tampered body: %d, want 401", resp.StatusCode)
	}
	verification := []byte(`{"payload_version":1,"access_token":"test-token","stage":"test","task_result_callback_url":"https://example.invalid/cb","plan_json_api_url":"https://example.invalid/plan"}`)
	if code := post(t, url, verification, testKey); code != http.StatusOK {
		t.Errorf("verification request: answered %d, want 200", code)
	}
	if code := post(t, url, verification, nil); code != http.StatusUnauthorized {
		t.Errorf("unsigned verification request: answered %d, want 401", code)
	}
	s.Shutdown(context.Background()) // whatever it took is done
	if n := p.Runs(); n != 0 {
		t.Errorf("results sent for %d refused requests", n)
	}
}

// TestRunsThatCannotBeCheckedFail: a plan that cannot be fetched in any
// way, or a stage without a plan, reports "failed" with the reason.
func TestRunsThatCannotBeCheckedFail(t *testing.T) {
	huge := bytes.Repeat([]byte(" "), 4096)
	for _, tc := range []struct {
		name  string
		stage string
		serve func(w http.ResponseWriter, r *http.Request) bool
		url   string // replaces the plan URL when set
		want  string
	}{
		{name: "connection dropped", stage: "post_plan", want: "fetch the plan", serve: func(w http.ResponseWriter, r *http.Request) bool {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return true
		}},
		{name: "slow", stage: "post_plan", want: "no answer within", serve: func(w http.ResponseWriter, r *http.Request) bool {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return true
		}},
		{name: "oversized", stage: "pre_apply", want: "more than the server's limit", serve: func(w http.ResponseWriter, r *http.Request) bool {
			w.Write(huge)
			return true
		}},
		{name: "oversized, no length", stage: "pre_apply", want: "more than the server's limit", serve: func(w http.ResponseWriter, r *http.Request) bool {
			for range 4 {
				w.Write(huge[:1024])
				w.(http.Flusher).Flush()
			}
			return true
		}},
		{name: "refused", stage: "post_plan", want: "403 Forbidden", serve: func(w http.ResponseWriter, r *http.Request) bool {
			http.Error(w, "no", http.StatusForbidden)
			return true
		}},
		{name: "not JSON", stage: "post_plan", want: "could not check", serve: func(w http.ResponseWriter, r *http.Request) bool {
			w.Write([]byte("<html>maintenance</html>"))
			return true
		}},
		{name: "no plan at this stage", stage: "pre_plan", url: "-", want: "carries no plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := runtasktest.New(t)
			_, url := startServer(t, Options{AttemptTimeout: 300 * time.Millisecond, Attempts: 2, Backoff: 10 * time.Millisecond, MaxPlanSize: 2048})
			p.Plan("1", compliant)
			p.Serve(func(w http.ResponseWriter, r *http.Request, _ string) bool { return tc.serve != nil && tc.serve(w, r) })
			var req map[string]any
			json.Unmarshal(p.Payload("1", tc.stage), &req)
			switch tc.url {
			case "":
			case "-":
				delete(req, "plan_json_api_url")
			default:
				req["plan_json_api_url"] = tc.url
			}
			body, _ := json.Marshal(req)
			if code := post(t, url, body, testKey); code != http.StatusOK {
				t.Fatalf("answered %d, want 200", code)
			}
			res := p.Wait("1")
			if a := res.Data.Attributes; a.Status != "failed" || !strings.Contains(a.Message, tc.want) || !strings.HasPrefix(a.Message, "tfgate could not check this run") {
				t.Errorf("result %s %q, want failed with %q", a.Status, a.Message, tc.want)
			}
		})
	}
}

// TestRetriesTheirWayThrough: 503, 429 and 204 (no plan yet) are tried
// again, and the run is checked once the plan comes.
func TestRetriesTheirWayThrough(t *testing.T) {
	p := runtasktest.New(t)
	_, url := startServer(t, Options{Backoff: 5 * time.Millisecond, Attempts: 4})
	p.Plan("1", noncompliant)
	var mu sync.Mutex
	tries := 0
	p.Serve(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		mu.Lock()
		defer mu.Unlock()
		tries++
		switch tries {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			w.WriteHeader(http.StatusTooManyRequests)
		case 3:
			w.WriteHeader(http.StatusNoContent)
		default:
			return false
		}
		return true
	})
	post(t, url, p.Payload("1", "post_plan"), testKey)
	if a := p.Wait("1").Data.Attributes; a.Status != "failed" || !strings.HasPrefix(a.Message, "tfgate FAIL") {
		t.Errorf("result %s %q", a.Status, a.Message)
	}
	if tries != 4 {
		t.Errorf("%d tries, want 4", tries)
	}
}

// TestConcurrentRuns: 50 runs at once, half compliant, each get their
// own result, once.
func TestConcurrentRuns(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{Workers: 2, Queue: 64})
	want := map[string]string{}
	for i := range 50 {
		n := fmt.Sprint(i)
		if i%2 == 0 {
			p.Plan(n, compliant)
			want[n] = "passed"
		} else {
			p.Plan(n, noncompliant)
			want[n] = "failed"
		}
	}
	var wg sync.WaitGroup
	for n := range want {
		wg.Go(func() {
			if code := post(t, url, p.Payload(n, "post_plan"), testKey); code != http.StatusOK {
				t.Errorf("run %s: answered %d", n, code)
			}
		})
	}
	wg.Wait()
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	for n, status := range want {
		got := p.Results(n)
		if len(got) != 1 || got[0].Status() != status {
			t.Errorf("run %s: %d results, want one %s", n, len(got), status)
			continue
		}
		if status == "failed" && got[0].Outcomes() == nil {
			t.Errorf("run %s: no outcomes", n)
		}
	}
}

// TestBusyAndDuplicates: beyond the workers and the queue a run is
// answered 503 (the platform retries it); a run sent again is taken once.
func TestBusyAndDuplicates(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{Workers: 1, Queue: 1})
	release := make(chan struct{})
	p.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		if run == "1" {
			<-release
		}
		return false
	})
	for _, n := range []string{"1", "2", "3"} {
		p.Plan(n, compliant)
	}
	if code := post(t, url, p.Payload("1", "post_plan"), testKey); code != http.StatusOK {
		t.Fatalf("run 1: %d", code)
	}
	// Run 1 holds the worker once its fetch has started.
	for deadline := time.Now().Add(10 * time.Second); s.metrics.running.Load() == 0; {
		if time.Now().After(deadline) {
			t.Fatal("run 1 never started")
		}
		time.Sleep(time.Millisecond)
	}
	if code := post(t, url, p.Payload("2", "post_plan"), testKey); code != http.StatusOK {
		t.Fatalf("run 2: %d", code)
	}
	if code := post(t, url, p.Payload("2", "post_plan"), testKey); code != http.StatusOK {
		t.Fatalf("run 2 again: %d", code)
	}
	if code := post(t, url, p.Payload("3", "post_plan"), testKey); code != http.StatusServiceUnavailable {
		t.Errorf("run 3 with the queue full: %d, want 503", code)
	}
	if resp, err := http.Get(url + "/readyz"); err != nil {
		t.Error(err)
	} else if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the queue full: %d, want 503", resp.StatusCode)
	}
	close(release)
	p.Wait("1")
	p.Wait("2")
	s.Shutdown(context.Background())
	if n := len(p.Results("2")); n != 1 {
		t.Errorf("run 2 sent twice: %d results, want 1", n)
	}
}

// TestShutdown: shutting down, the server refuses new runs and finishes
// the accepted ones; when its deadline comes first, the runs left report
// failed.
func TestShutdown(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{Workers: 1, Queue: 4})
	p.Plan("1", noncompliant)
	p.Plan("2", compliant)
	p.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		time.Sleep(200 * time.Millisecond)
		return false
	})
	post(t, url, p.Payload("1", "post_plan"), testKey)
	post(t, url, p.Payload("2", "post_plan"), testKey)
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code := post(t, url, p.Payload("3", "post_plan"), testKey); code != http.StatusServiceUnavailable {
		t.Errorf("run after shutdown: %d, want 503", code)
	}
	if a, b := p.Wait("1").Status(), p.Wait("2").Status(); a != "failed" || b != "passed" {
		t.Errorf("runs finished while shutting down: %s, %s", a, b)
	}

	p2 := runtasktest.New(t)
	s2, url2 := startServer(t, Options{Workers: 1})
	p2.Plan("1", compliant)
	p2.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		<-r.Context().Done()
		return true
	})
	post(t, url2, p2.Payload("1", "post_plan"), testKey)
	for s2.metrics.running.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := s2.Shutdown(ctx); err == nil {
		t.Error("Shutdown past its deadline returned no error")
	}
	if a := p2.Wait("1").Data.Attributes; a.Status != "failed" {
		t.Errorf("run cut by the shutdown: %s %q, want failed", a.Status, a.Message)
	}
}

// TestWithoutOutcomes: a platform that takes no outcomes gets the verdict
// and the message alone.
func TestWithoutOutcomes(t *testing.T) {
	p := runtasktest.New(t)
	_, url := startServer(t, Options{})
	p.Plan("1", noncompliant)
	body := bytes.Replace(p.Payload("1", "post_plan"), []byte(`"outcomes":true`), []byte(`"outcomes":false`), 1)
	post(t, url, body, testKey)
	if res := p.Wait("1"); res.Status() != "failed" || res.Data.Relationships != nil {
		t.Errorf("result %+v, want failed without outcomes", res.Data)
	}
}

// TestHeartbeat: a run longer than the heartbeat tells the platform it is
// running before its result.
func TestHeartbeat(t *testing.T) {
	p := runtasktest.New(t)
	_, url := startServer(t, Options{Heartbeat: 50 * time.Millisecond})
	p.Plan("1", compliant)
	p.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		time.Sleep(300 * time.Millisecond)
		return false
	})
	post(t, url, p.Payload("1", "post_plan"), testKey)
	p.Wait("1")
	got := p.Results("1")
	if len(got) < 2 || got[0].Status() != "running" || got[len(got)-1].Status() != "passed" {
		t.Errorf("results %d, want running updates then passed", len(got))
	}
}

// TestOperatorEndpointsAndLogs: health, readiness and metrics answer; the
// logs name the run and never hold its token.
func TestOperatorEndpointsAndLogs(t *testing.T) {
	var logs bytes.Buffer
	var logMu sync.Mutex
	p := runtasktest.New(t)
	s, url := startServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &logMu}, nil))})
	p.Plan("1", noncompliant)
	post(t, url, p.Payload("1", "post_plan"), testKey)
	post(t, url, p.Payload("2", "post_plan"), nil)
	p.Wait("1")
	// The run is counted once its result is sent: wait for it.
	for deadline := time.Now().Add(10 * time.Second); s.metrics.running.Load() > 0 || s.metrics.queued.Load() > 0; {
		if time.Now().After(deadline) {
			t.Fatal("the run never finished")
		}
		time.Sleep(time.Millisecond)
	}
	for path, want := range map[string]string{
		"/healthz": "ok",
		"/readyz":  "ready",
		"/metrics": `tfgate_runtask_runs_total{result="failed"} 1`,
	} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %q, want %q", path, resp.StatusCode, body, want)
		}
		if path == "/metrics" && !strings.Contains(string(body), `tfgate_runtask_requests_total{outcome="unsigned"} 1`) {
			t.Errorf("/metrics does not count the unsigned request:\n%s", body)
		}
	}
	logMu.Lock()
	defer logMu.Unlock()
	if strings.Contains(logs.String(), "tok-1") {
		t.Errorf("the logs hold the run's token:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"run_id":"run-1"`) || !strings.Contains(logs.String(), `"verdict":"failed"`) {
		t.Errorf("the logs do not say what became of run-1:\n%s", logs.String())
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// TestNewNeedsAKey: a server without an HMAC key would take anyone's run.
func TestNewNeedsAKey(t *testing.T) {
	c, err := checker()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(c, Options{}); err == nil {
		t.Error("New without a key: no error")
	}
}

// TestPolicyErrorsAndTimeoutsFail: a policy that errors while it
// evaluates, and a check longer than the run's time, report failed with
// the reason.
func TestPolicyErrorsAndTimeoutsFail(t *testing.T) {
	dir := t.TempDir()
	policy := `# METADATA
# title: Breaks on every bucket
# description: A policy with a runtime error.
# custom:
#   id: test-broken
#   severity: low
#   enforcement: advisory
#   resource_types: [aws_s3_bucket]
package tfgate.rules.test_broken

import data.tfgate.lib

deny contains lib.result(r, "x") if {
	some r in lib.resources("aws_s3_bucket")
	to_number(r.type) > 0
}
`
	if err := os.WriteFile(filepath.Join(dir, "broken.rego"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := check.New(context.Background(), check.Options{PolicyDirs: []string{dir}, Policy: gate.Policy{FailOn: gate.DefaultFailOn}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Prepare(); err != nil {
		t.Fatal(err)
	}
	s, err := New(c, Options{Key: testKey})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	p := runtasktest.New(t)
	p.Plan("1", compliant)
	post(t, srv.URL, p.Payload("1", "post_plan"), testKey)
	if a := p.Wait("1").Data.Attributes; a.Status != "failed" || !strings.Contains(a.Message, "broken.rego") {
		t.Errorf("a policy error: %s %q, want failed naming the rule", a.Status, a.Message)
	}
	s.Shutdown(context.Background())

	base, err := os.ReadFile(noncompliant)
	if err != nil {
		t.Fatal(err)
	}
	large, err := benchplan.Synthesise(base, 5000)
	if err != nil {
		t.Fatal(err)
	}
	p.PlanJSON("2", large)
	_, url := startServer(t, Options{RunTimeout: 50 * time.Millisecond})
	post(t, url, p.Payload("2", "post_plan"), testKey)
	if a := p.Wait("2").Data.Attributes; a.Status != "failed" || !strings.Contains(a.Message, "did not finish within the server's --timeout") {
		t.Errorf("a check past the run's time: %s %q, want failed saying so", a.Status, a.Message)
	}
}

// TestRefusedResultsAreSentAgainWithoutOutcomes: a platform that refuses
// a result (422) gets it again with the verdict and the message alone.
func TestRefusedResultsAreSentAgainWithoutOutcomes(t *testing.T) {
	p := runtasktest.New(t)
	_, url := startServer(t, Options{})
	p.Plan("1", noncompliant)
	p.Callback(func(w http.ResponseWriter, r *http.Request, run string, res runtasktest.Result) bool {
		if res.Outcomes() != nil {
			http.Error(w, `{"errors":[{"status":"422","title":"invalid outcome"}]}`, http.StatusUnprocessableEntity)
			return true
		}
		return false
	})
	post(t, url, p.Payload("1", "post_plan"), testKey)
	if res := p.Wait("1"); res.Status() != "failed" || res.Outcomes() != nil || !strings.HasPrefix(res.Message(), "tfgate FAIL") {
		t.Errorf("result %s %q with %d outcomes, want failed without outcomes", res.Status(), res.Message(), len(res.Outcomes()))
	}
}

// TestRedirectedResultIsNotDelivered: a callback URL that redirects does
// not take the result (Go would send it on as a GET, without its body):
// the run counts as not delivered.
func TestRedirectedResultIsNotDelivered(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{})
	p.Plan("1", compliant)
	redirected := make(chan struct{}, 1)
	p.Callback(func(w http.ResponseWriter, r *http.Request, run string, res runtasktest.Result) bool {
		http.Redirect(w, r, "/login", http.StatusFound)
		redirected <- struct{}{}
		return true
	})
	post(t, url, p.Payload("1", "post_plan"), testKey)
	<-redirected
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := s.metrics.callbackFailures.Load(); n != 1 {
		t.Errorf("%d results not delivered, want 1", n)
	}
}

// TestQueuedRunsTellThePlatform: a run waiting for a worker longer than
// the heartbeat tells the platform it is running, so the platform does
// not give up on it.
func TestQueuedRunsTellThePlatform(t *testing.T) {
	p := runtasktest.New(t)
	_, url := startServer(t, Options{Workers: 1, Heartbeat: 50 * time.Millisecond})
	p.Plan("1", compliant)
	p.Plan("2", compliant)
	p.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		if run == "1" {
			time.Sleep(400 * time.Millisecond)
		}
		return false
	})
	post(t, url, p.Payload("1", "post_plan"), testKey)
	post(t, url, p.Payload("2", "post_plan"), testKey)
	p.Wait("2")
	got := p.Results("2")
	if len(got) < 2 || got[0].Status() != "running" || !strings.Contains(got[0].Message(), "waiting") {
		t.Errorf("run 2's results: %d, want a running update while it waited, then its result", len(got))
	}
}

// panicky is a transport that panics fetching plans and passes the rest.
type panicky struct{}

func (panicky) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet {
		panic("a bug while fetching")
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestPanicIsReported: a bug that panics in a run reports that run failed
// and leaves the server serving the others.
func TestPanicIsReported(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{Client: &http.Client{Transport: panicky{}}})
	p.Plan("1", compliant)
	p.Plan("2", compliant)
	post(t, url, p.Payload("1", "post_plan"), testKey)
	if res := p.Wait("1"); res.Status() != "failed" || !strings.Contains(res.Message(), "internal error") {
		t.Errorf("result %s %q, want failed for an internal error", res.Status(), res.Message())
	}
	post(t, url, p.Payload("2", "post_plan"), testKey)
	if res := p.Wait("2"); res.Status() != "failed" {
		t.Errorf("the next run: %s, want failed (its fetch panics too)", res.Status())
	}
	s.Shutdown(context.Background())
}

// TestShutdownIsBounded: past Shutdown's deadline, the results of the
// runs cut short share StopGrace, even when the platform does not answer.
func TestShutdownIsBounded(t *testing.T) {
	p := runtasktest.New(t)
	s, url := startServer(t, Options{Workers: 1, Queue: 8, StopGrace: 200 * time.Millisecond, AttemptTimeout: time.Minute})
	p.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		<-r.Context().Done()
		return true
	})
	p.Callback(func(w http.ResponseWriter, r *http.Request, run string, res runtasktest.Result) bool {
		<-r.Context().Done()
		return true
	})
	for _, n := range []string{"1", "2", "3", "4"} {
		p.Plan(n, compliant)
		post(t, url, p.Payload(n, "post_plan"), testKey)
	}
	for s.metrics.running.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := s.Shutdown(ctx); err == nil {
		t.Error("Shutdown past its deadline returned no error")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Shutdown took %s with a 100ms deadline and a 200ms grace", took)
	}
}
