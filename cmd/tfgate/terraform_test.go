package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// TestStateBackupOfRealPlans applies a small configuration, plans a change
// to it, pulls the state as a backup, and checks that tf-state-backup
// accepts that backup and refuses another lineage or an older serial, for
// the binary plan (lineage and serial) and its JSON (contents).
func TestStateBackupOfRealPlans(t *testing.T) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH: state backups of real plans are not tested")
	}
	dir := t.TempDir()
	terraform := func(stdout *bytes.Buffer, args ...string) {
		t.Helper()
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, stderr.String())
		}
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", "resource \"terraform_data\" \"marker\" {\n  input = \"one\"\n}\n")
	var out bytes.Buffer
	terraform(&out, "init", "-input=false", "-no-color")
	terraform(&out, "apply", "-input=false", "-no-color", "-auto-approve")
	write("main.tf", "resource \"terraform_data\" \"marker\" {\n  input = \"two\"\n}\n")
	terraform(&out, "plan", "-input=false", "-no-color", "-out=p.tfplan")
	var backup bytes.Buffer
	terraform(&backup, "state", "pull")
	write("backup.tfstate", backup.String())
	var planJSON bytes.Buffer
	terraform(&planJSON, "show", "-json", "p.tfplan")
	write("plan.json", planJSON.String())
	other := strings.Replace(backup.String(), `"lineage": "`, `"lineage": "x`, 1)
	write("other.tfstate", other)
	older := regexp.MustCompile(`"serial": \d+`).ReplaceAllString(backup.String(), `"serial": 0`)
	write("older.tfstate", older)
	empty := `{"version": 4, "terraform_version": "1.11.4", "serial": 0, "lineage": "l", "outputs": {}, "resources": []}`
	write("empty.tfstate", empty)
	t.Chdir(dir)

	tests := []struct {
		name, input, backup, want string
	}{
		{"binary plan, its backup", "p.tfplan", "backup.tfstate", `"message": "state backup backup.tfstate: lineage `},
		{"binary plan, another lineage", "p.tfplan", "other.tfstate", `"message": "no state backup matches the plan's prior state: other.tfstate has lineage x`},
		{"binary plan, an older backup", "p.tfplan", "older.tfstate", `has serial 0, older than the prior state's`},
		{"json plan, its backup", "plan.json", "backup.tfstate", `"message": "state backup backup.tfstate: holds all 1 existing resources`},
		{"json plan, an empty state", "plan.json", "empty.tfstate", `"message": "no state backup matches the plan's prior state: empty.tfstate lacks 1 of the 1 resources the plan finds existing (first: terraform_data.marker)"`},
		{"no backup", "plan.json", "", `"message": "no state backup was given (--state-backup)"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"check", "--format", "json"}
			if tt.backup != "" {
				args = append(args, "--state-backup", tt.backup)
			}
			var stdout, stderr bytes.Buffer
			if code := run(append(args, tt.input), &stdout, &stderr); code == exitError {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.want) {
				t.Errorf("report lacks %s:\n%s", tt.want, grepRule(stdout.String(), "tf-state-backup"))
			}
		})
	}
}

// grepRule returns the lines of a JSON report near a rule's results.
func grepRule(report, rule string) string {
	var out []string
	lines := strings.Split(report, "\n")
	for i, l := range lines {
		if strings.Contains(l, `"rule": "`+rule+`"`) {
			out = append(out, lines[i:min(i+12, len(lines))]...)
		}
	}
	return strings.Join(out, "\n")
}

// providerMirror finds the offline provider mirror as scripts/fixtures.sh
// does: TFGATE_PROVIDER_MIRROR, else the folder above a
// registry.terraform.io directory within three levels of /.
func providerMirror() string {
	if dir := os.Getenv("TFGATE_PROVIDER_MIRROR"); dir != "" {
		return dir
	}
	for _, pattern := range []string{"/*/registry.terraform.io", "/*/*/registry.terraform.io"} {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			if info, err := os.Stat(filepath.Join(m, "hashicorp", "aws")); err == nil && info.IsDir() {
				return filepath.Dir(m)
			}
		}
	}
	return ""
}

// TestPlanCommandOnFixture runs tfgate plan on copies of the foundation
// fixture, offline, with the provider mirror: terraform plans, tfgate
// checks, and the exit code follows the verdict.
func TestPlanCommandOnFixture(t *testing.T) {
	skipShort(t)
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Skip("terraform is not on PATH: tfgate plan is not tested end to end")
	}
	mirror := providerMirror()
	if mirror == "" {
		t.Skip("no provider mirror (set TFGATE_PROVIDER_MIRROR): tfgate plan is not tested end to end")
	}
	work := t.TempDir()
	if out, err := exec.Command("cp", "-r", "../../testdata/foundation", work).CombinedOutput(); err != nil {
		t.Fatalf("copy fixture: %v\n%s", err, out)
	}
	cache := filepath.Join(work, "plugin-cache")
	if err := os.Mkdir(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(work, "terraform.rc")
	cliConfig := fmt.Sprintf(`plugin_cache_dir = %q
plugin_cache_may_break_dependency_lock_file = true
disable_checkpoint = true
provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
`, cache, mirror)
	if err := os.WriteFile(rc, []byte(cliConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", rc)
	t.Setenv("TF_IN_AUTOMATION", "1")
	overrides := map[string]string{
		"backend_override.tf": "terraform {\n  backend \"local\" {}\n}\n",
		"provider_override.tf": `provider "aws" {
  access_key                  = "AKIAFIXTURE000000000"
  secret_key                  = "fixture-secret-key-not-real"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
`,
	}
	tests := []struct {
		env  string
		code int
		want string
	}{
		{"prod", exitPass, "PASS: 0 failed (0 blocking)"},
		{"prod-noncompliant", exitFail, "FAIL aws-cloudtrail-logging [critical]"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			dir := filepath.Join(work, "foundation", "environments", tt.env)
			for name, content := range overrides {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			init := exec.Command("terraform", "init", "-input=false", "-no-color")
			init.Dir = dir
			if out, err := init.CombinedOutput(); err != nil {
				t.Fatalf("terraform init: %v\n%s", err, out)
			}
			t.Chdir(dir)
			if err := os.WriteFile("backup.tfstate", []byte(`{"version": 4, "serial": 1, "lineage": "x", "resources": []}`), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"plan", "--ticket", "CHG-1", "--state-backup", "backup.tfstate", "--save-plan", "p.tfplan", "--", "-var-file=tfvars.example", "-no-color"}, &stdout, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.want) {
				t.Errorf("report lacks %q:\n%s", tt.want, stdout.String())
			}
			if !strings.Contains(stderr.String(), "Plan: ") {
				t.Errorf("terraform's output did not reach stderr:\n%s", stderr.String())
			}
			if _, err := os.Stat("p.tfplan"); err != nil {
				t.Errorf("--save-plan: %v", err)
			}
			if want := "terraform apply p.tfplan"; !strings.Contains(stderr.String(), want) {
				t.Errorf("--save-plan: stderr does not name the kept plan (%q):\n%s", want, stderr.String())
			}
			if tt.code != exitPass {
				return
			}
			// Without --save-plan the plan is checked, deleted, and said so.
			stdout.Reset()
			stderr.Reset()
			if code := run([]string{"plan", "--ticket", "CHG-1", "--state-backup", "backup.tfstate", "--", "-var-file=tfvars.example", "-no-color"}, &stdout, &stderr); code != tt.code {
				t.Fatalf("without --save-plan: exit %d, want %d\n%s", code, tt.code, stderr.String())
			}
			if want := "checked and not kept"; !strings.Contains(stderr.String(), want) {
				t.Errorf("without --save-plan: stderr lacks %q:\n%s", want, stderr.String())
			}
		})
	}
}
