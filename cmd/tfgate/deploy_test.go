package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDockerfileRunsTheServer: the image's entry point and default
// arguments are a tfgate serve command line that parses, listening on the
// port the image exposes, as a user without privileges.
func TestDockerfileRunsTheServer(t *testing.T) {
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	instruction := func(name string) []string {
		m := regexp.MustCompile(`(?m)^` + name + ` (\[.*\])$`).FindSubmatch(data)
		if m == nil {
			t.Fatalf("no %s [...] in the Dockerfile", name)
		}
		var args []string
		if err := json.Unmarshal(m[1], &args); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return args
	}
	args := append(instruction("ENTRYPOINT"), instruction("CMD")...)
	if len(args) < 2 || args[0] != "/usr/local/bin/tfgate" || args[1] != "serve" {
		t.Fatalf("the image runs %q, want tfgate serve", args)
	}
	_, so, _, err := parseServe(args[2:], io.Discard, env(map[string]string{"TFGATE_HMAC_KEY": "k"}))
	if err != nil {
		t.Fatalf("the image's command line: %v", err)
	}
	if !strings.Contains(string(data), "EXPOSE 8080") || so.listen != ":8080" {
		t.Errorf("the image listens on %s; it exposes 8080", so.listen)
	}
	if !regexp.MustCompile(`(?m)^USER nonroot`).Match(data) {
		t.Error("the image runs as root")
	}
}

// TestSystemdUnitRunsTheServer: the unit's ExecStart is a tfgate serve
// command line that parses with its credential and configuration in
// place, and systemd-analyze accepts the unit when it is installed.
func TestSystemdUnitRunsTheServer(t *testing.T) {
	unit, err := os.ReadFile("../../examples/systemd/tfgate.service")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ExecStart=(.*)$`).FindSubmatch(unit)
	if m == nil {
		t.Fatal("no ExecStart")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hmac-key"), []byte("k\n"), 0o600)
	os.WriteFile(filepath.Join(dir, ".tfgate.hcl"), nil, 0o644)
	line := strings.NewReplacer("${CREDENTIALS_DIRECTORY}", dir, "/etc/tfgate/.tfgate.hcl", filepath.Join(dir, ".tfgate.hcl")).Replace(string(m[1]))
	args := strings.Fields(line)
	if len(args) < 2 || args[0] != "/usr/local/bin/tfgate" || args[1] != "serve" {
		t.Fatalf("the unit runs %q, want tfgate serve", args)
	}
	o, _, key, err := parseServe(args[2:], io.Discard, env(nil))
	if err != nil {
		t.Fatalf("the unit's command line: %v", err)
	}
	if string(key) != "k" || o.set.config == nil {
		t.Errorf("the unit's key %q and configuration %v were not read", key, o.set.config)
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Log("systemd-analyze is not installed: the unit itself is not verified")
		return
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	copy := filepath.Join(dir, "tfgate.service")
	os.WriteFile(copy, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/tfgate", self)), 0o644)
	if out, err := exec.Command(analyze, "verify", copy).CombinedOutput(); err != nil {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// env is a lookup in a fixed environment.
func env(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}
