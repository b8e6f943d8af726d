package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tfgate": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		// want-exit CODE tfgate ARGS... runs tfgate and succeeds only when
		// it exits with CODE, so scripts can tell 1 (gate failed) from 2
		// (error).
		"want-exit": func() {
			if len(os.Args) < 3 || os.Args[2] != "tfgate" {
				fmt.Fprintln(os.Stderr, "usage: want-exit CODE tfgate ARGS...")
				os.Exit(2)
			}
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "want-exit: bad code:", err)
				os.Exit(2)
			}
			if got := run(os.Args[3:], os.Stdout, os.Stderr); got != want {
				fmt.Fprintf(os.Stderr, "want-exit: tfgate exited %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Each runs in
// a fresh directory holding a link to the repository's testdata, so paths
// in reports read testdata/... as a user's would.
func TestScripts(t *testing.T) {
	skipShort(t)
	repoTestdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Dir(repoTestdata)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			env.Setenv("PATH_WITHOUT_TERRAFORM", withoutTerraform(env.Getenv("PATH")))
			env.Setenv("REPO", repo)
			return os.Symlink(repoTestdata, filepath.Join(env.WorkDir, "testdata"))
		},
		RequireExplicitExec: true,
	})
}

// withoutTerraform drops the PATH entries that hold a terraform binary, so
// a script can check what happens on a machine without one.
func withoutTerraform(path string) string {
	var kept []string
	for _, dir := range filepath.SplitList(path) {
		if _, err := os.Stat(filepath.Join(dir, "terraform")); err != nil {
			kept = append(kept, dir)
		}
	}
	return strings.Join(kept, string(filepath.ListSeparator))
}

// skipShort skips a long end-to-end test under -short: make test runs
// every package with -race -short and this package again in full without
// -race, where these tests take seconds rather than minutes.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("long end-to-end test: run without -short (make test does)")
	}
}
