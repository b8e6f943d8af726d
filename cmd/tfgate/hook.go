package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/internal/hclsrc"
)

// runHook runs tfgate as a pre-commit hook on the files a commit changes:
//
//	tfgate hook check [check flags] FILE...   check the Terraform roots the files belong to
//	tfgate hook test [test flags] FILE...     run the Rego tests of the policy folders changed
func runHook(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 {
		return exitError, errors.New("give check or test, then the changed files: tfgate hook check FILE..., tfgate hook test FILE...")
	}
	switch args[0] {
	case "check":
		return hookCheck(args[1:], stdout, stderr)
	case "test":
		return hookTest(args[1:], stdout)
	}
	return exitError, fmt.Errorf("unknown hook %q: want check or test", args[0])
}

// hookCheck checks, with the directory check, every Terraform root a
// changed file belongs to: the root itself, or a root that calls the
// changed module through local module sources. A root is a directory
// with .tf files that declares a backend or a provider, or has a
// .terraform.lock.hcl; a changed module that no root calls is checked as
// its own root. The exit code is the worst of the checks'.
func hookCheck(args []string, stdout, stderr io.Writer) (int, error) {
	o, files, err := parseCheck(args, stdout, false)
	if err != nil {
		return exitError, err
	}
	changed := map[string]bool{}
	for _, f := range files {
		dir := filepath.Clean(filepath.Dir(f))
		if hclsrc.HasSources(dir) {
			changed[dir] = true
		}
	}
	if len(changed) == 0 {
		return exitPass, nil
	}
	roots, err := terraformRoots(".")
	if err != nil {
		return exitError, err
	}
	var targets []string
	covered := map[string]bool{}
	for _, root := range roots {
		uses, err := localModules(root)
		if err != nil {
			return exitError, err
		}
		for dir := range changed {
			if uses[dir] {
				targets = append(targets, root)
				covered[dir] = true
			}
		}
	}
	for dir := range changed {
		if !covered[dir] {
			targets = append(targets, dir)
		}
	}
	slices.Sort(targets)
	targets = slices.Compact(targets)
	worst := exitPass
	for _, dir := range targets {
		fmt.Fprintf(stdout, "tfgate: checking %s\n", dir)
		code, err := checkAndReport(o, []string{dir}, stdout, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "tfgate hook check: %s: %s\n", dir, oneLine(err.Error()))
			code = exitError
		}
		worst = max(worst, code)
	}
	return worst, nil
}

// terraformRoots lists the root modules under dir (see hookCheck),
// leaving out hidden directories and .terraform.
func terraformRoots(dir string) ([]string, error) {
	var roots []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !hclsrc.HasSources(path) {
			return nil
		}
		if _, err := os.Stat(filepath.Join(path, ".terraform.lock.hcl")); err == nil {
			roots = append(roots, filepath.Clean(path))
			return nil
		}
		mod, err := hclsrc.ReadModule(path)
		if err != nil {
			return nil // a directory tfgate cannot read is checked, and reported, when it changes
		}
		if mod.Backend != nil || declaresProvider(mod) {
			roots = append(roots, filepath.Clean(path))
		}
		return nil
	})
	return roots, err
}

// declaresProvider reports whether a module configures a provider.
func declaresProvider(mod *hclsrc.Module) bool {
	for address := range mod.Blocks {
		if strings.HasPrefix(address, "provider.") {
			return true
		}
	}
	for _, f := range mod.Files {
		if strings.Contains(string(f.Bytes), "provider \"") {
			return true
		}
	}
	return false
}

// localModules returns the directories of the modules a root calls
// through local sources (./, ../), transitively, and the root itself.
func localModules(root string) (map[string]bool, error) {
	seen := map[string]bool{}
	var walk func(dir string, depth int) error
	walk = func(dir string, depth int) error {
		dir = filepath.Clean(dir)
		if seen[dir] || depth > 32 {
			return nil
		}
		seen[dir] = true
		mod, err := hclsrc.ReadModule(dir)
		if err != nil {
			return nil
		}
		for _, source := range mod.Calls {
			if strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../") {
				if err := walk(filepath.Join(dir, source), depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return seen, walk(root, 0)
}

// hookTest runs the Rego tests of the built-in policies and of every
// folder that holds a changed .rego file.
func hookTest(args []string, stdout io.Writer) (int, error) {
	var dirs, flags []string
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "-"):
			flags = append(flags, a)
		case strings.HasSuffix(a, ".rego"):
			dirs = append(dirs, filepath.Clean(filepath.Dir(a)))
		}
	}
	slices.Sort(dirs)
	return runTest(append(flags, slices.Compact(dirs)...), stdout)
}
