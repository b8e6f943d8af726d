package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinaryPlanIsConverted makes a real binary plan with terraform (a
// configuration with only the built-in terraform_data resource, so no
// provider is needed) and checks it directly.
func TestBinaryPlanIsConverted(t *testing.T) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH: the binary plan conversion is not tested")
	}
	dir := t.TempDir()
	config := `resource "terraform_data" "marker" {
  input = "tfgate"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"init", "-input=false", "-no-color"},
		{"plan", "-input=false", "-no-color", "-out=p.tfplan"},
	} {
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "p.tfplan"}, &stdout, &stderr); code != exitPass {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "plan p.tfplan: 1 resources") {
		t.Errorf("report does not describe the converted plan:\n%s", stdout.String())
	}

	// A file that only looks like a plan makes terraform fail: exit 2 with
	// terraform's reason.
	if err := os.WriteFile("fake.tfplan", []byte("PK\x03\x04not really a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "fake.tfplan"}, &stdout, &stderr); code != exitError {
		t.Fatalf("exit %d for a broken plan file, want %d", code, exitError)
	}
	if got := stderr.String(); !strings.Contains(got, `fake.tfplan is a binary plan file and "terraform show -json" failed`) || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr = %q", got)
	}
}
