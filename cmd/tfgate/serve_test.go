package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/check"
	"github.com/tfgate/tfgate/internal/runtask"
	"github.com/tfgate/tfgate/internal/runtask/runtasktest"
)

// servePlans are plans the server and the CLI must judge alike: the two
// foundation environments and cases whose verdicts hang on links,
// unknowns and break-glass access.
var servePlans = []string{
	"../../testdata/foundation/environments/prod/plan.json",
	"../../testdata/foundation/environments/prod-noncompliant/plan.json",
	"../../testdata/cases/changed-only-linked/plan.json",
	"../../testdata/cases/deposed-objects-destroyed/plan.json",
}

// postRunTask signs a run task request with key and sends it to url.
func postRunTask(t *testing.T, url string, body, key []byte) int {
	t.Helper()
	return runtasktest.Post(t, url, body, runtask.Sign(key, body))
}

// TestServeJudgesAsCheckDoes: for the same plan JSON, the run task's
// result and its outcomes are the failing and unknown results tfgate
// check reports, with the same flags, and "failed" exactly when check
// exits 1.
func TestServeJudgesAsCheckDoes(t *testing.T) {
	skipShort(t)
	flags := []string{"--fail-on", "medium", "--skip-rule", "tf-state-backup"}
	key := []byte("serve test key")
	o, _, _, err := parseServe(flags, io.Discard, func(name string) (string, bool) {
		if name == "TFGATE_HMAC_KEY" {
			return string(key), true
		}
		return "", false
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := checkerOptions(o)
	opts.TuneGC = false
	c, err := check.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := runtask.New(c, runtask.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	p := runtasktest.New(t)
	for i, plan := range servePlans {
		n := string(rune('a' + i))
		// The CLI reads the plan alone, as the server does: no sources
		// beside it.
		data, err := os.ReadFile(plan)
		if err != nil {
			t.Fatal(err)
		}
		alone := filepath.Join(t.TempDir(), "plan.json")
		if err := os.WriteFile(alone, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"check", "--format", "json", alone}, flags...), &stdout, &stderr)
		if code == exitError {
			t.Fatalf("%s: tfgate check: %s", plan, stderr.String())
		}
		var rep struct {
			Results []struct {
				Title, Resource, Status string
			}
		}
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range rep.Results {
			switch r.Status {
			case "fail":
				want = append(want, "Failed "+r.Title+": "+r.Resource)
			case "unknown":
				want = append(want, "Unknown "+r.Title+": "+r.Resource)
			}
		}

		p.Plan(n, plan)
		if code := postRunTask(t, srv.URL, p.Payload(n, "post_plan"), key); code != http.StatusOK {
			t.Fatalf("%s: the server answered %d", plan, code)
		}
		res := p.Wait(n)
		// The platform takes ten outcomes: past nine, the last counts the
		// rest.
		var got []string
		rest := 0
		for _, o := range res.Outcomes() {
			if o.Attributes.OutcomeID == "tfgate-more-results" {
				if _, err := fmt.Sscanf(o.Attributes.Description, "%d more results not listed", &rest); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got = append(got, o.Attributes.Tags["Status"][0].Label+" "+o.Attributes.Description)
		}
		t.Logf("%s: %d outcomes and %d more, %s", plan, len(got), rest, res.Status())
		if len(got)+rest != len(want) {
			t.Errorf("%s: the server lists %d results and counts %d more; check has %d", plan, len(got), rest, len(want))
		}
		for _, g := range got {
			if !slices.Contains(want, g) {
				t.Errorf("%s: the server's outcome %q is not among check's results %q", plan, g, want)
			}
		}
		if wantStatus := map[int]string{exitPass: "passed", exitFail: "failed"}[code]; res.Status() != wantStatus {
			t.Errorf("%s: the server says %s, check exits %d", plan, res.Status(), code)
		}
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestServeProcess follows the README's "Run tfgate as an HCP Terraform
// run task" against the platform stand-in: a key file, tfgate serve, the
// verification request the platform sends when the run task is made, a
// compliant and a noncompliant run, then SIGTERM, which finishes the run
// in flight and exits 0.
func TestServeProcess(t *testing.T) {
	skipShort(t)
	tfgate, err := exec.LookPath("tfgate") // the test binary, as testscript links it
	if err != nil {
		t.Skip("no tfgate command on PATH:", err)
	}
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "hmac-key")
	key := []byte("0123456789abcdef0123456789abcdef")
	if err := os.WriteFile(keyFile, append(key, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tfgate, "serve", "--listen", "127.0.0.1:0", "--hmac-key-file", keyFile, "--workers", "2")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	logs := make(chan map[string]any, 100)
	var raw bytes.Buffer // every log line; read once the process has exited
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			raw.Write(sc.Bytes())
			raw.WriteByte('\n')
			var line map[string]any
			if json.Unmarshal(sc.Bytes(), &line) == nil {
				logs <- line
			}
		}
		close(logs)
	}()
	next := func(msg string) map[string]any {
		t.Helper()
		timeout := time.After(30 * time.Second)
		for {
			select {
			case line, ok := <-logs:
				if !ok {
					t.Fatalf("the server stopped before logging %q", msg)
				}
				if line["msg"] == msg {
					return line
				}
			case <-timeout:
				t.Fatalf("no %q log line", msg)
			}
		}
	}
	url := "http://" + next("tfgate run task server listening")["address"].(string)

	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200} {
		resp, err := http.Get(url + path)
		if err != nil || resp.StatusCode != want {
			t.Fatalf("GET %s: %v %v", path, resp, err)
		}
		resp.Body.Close()
	}
	p := runtasktest.New(t)
	verification := []byte(`{"payload_version":1,"stage":"test","access_token":"test-token","task_result_callback_url":"https://app.terraform.io/api/v2/task-results/test/callback","task_result_id":"taskrs-test"}`)
	if code := postRunTask(t, url, verification, key); code != http.StatusOK {
		t.Fatalf("verification request: %d, want 200", code)
	}
	if code := postRunTask(t, url, verification, []byte("another key")); code != http.StatusUnauthorized {
		t.Fatalf("verification request with another key: %d, want 401", code)
	}
	p.Plan("pass", servePlans[0])
	p.Plan("fail", servePlans[1])
	for _, n := range []string{"pass", "fail"} {
		if code := postRunTask(t, url, p.Payload(n, "post_plan"), key); code != http.StatusOK {
			t.Fatalf("run %s: %d", n, code)
		}
	}
	if s := p.Wait("pass").Status(); s != "passed" {
		t.Errorf("compliant run: %s", s)
	}
	if s := p.Wait("fail").Status(); s != "failed" {
		t.Errorf("noncompliant run: %s", s)
	}

	// A run in flight when SIGTERM comes is finished and reported.
	started := make(chan struct{})
	var once sync.Once
	p.Serve(func(w http.ResponseWriter, r *http.Request, run string) bool {
		once.Do(func() { close(started) })
		time.Sleep(300 * time.Millisecond)
		return false
	})
	p.Plan("late", servePlans[1])
	if code := postRunTask(t, url, p.Payload("late", "pre_apply"), key); code != http.StatusOK {
		t.Fatalf("late run: %d", code)
	}
	<-started
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if s := p.Wait("late").Status(); s != "failed" {
		t.Errorf("run in flight at SIGTERM: %s, want failed (its plan fails)", s)
	}
	next("stopped")
	for range logs { // the rest, to the end of the pipe, before Wait closes it
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("tfgate serve after SIGTERM: %v, want exit 0", err)
	}
	if strings.Contains(raw.String(), "tok-") {
		t.Errorf("the logs hold a run's token:\n%s", raw.String())
	}
}

// TestParseServe: the server's flags, and the TFGATE_ variables of check
// flags that mean nothing to it, which it ignores.
func TestParseServe(t *testing.T) {
	withKey := map[string]string{"TFGATE_HMAC_KEY": "k"}
	for _, tc := range []struct {
		args []string
		env  map[string]string
		err  string
	}{
		{args: nil, env: withKey},
		{args: nil, env: map[string]string{"TFGATE_HMAC_KEY": "k", "TFGATE_FORMAT": "sarif", "TFGATE_QUIET": "true"}},
		{args: nil, env: map[string]string{}, err: "no HMAC key"},
		{args: []string{"--format", "json"}, env: withKey, err: "--format does not apply"},
		{args: []string{"--shutdown-timeout", "-1s"}, env: withKey, err: "must not be negative"},
		{args: []string{"--timeout", "2h"}, env: withKey, err: "gives up on a run task after an hour"},
		{args: []string{"--workers", "0"}, env: withKey, err: "--workers must be positive"},
		{args: []string{"plan.json"}, env: withKey, err: "takes no input"},
	} {
		_, _, _, err := parseServe(tc.args, io.Discard, env(tc.env))
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%q with %v: error %v, want %q", tc.args, tc.env, err, tc.err)
		}
	}
}
