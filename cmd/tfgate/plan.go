package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
)

// runPlan runs terraform plan in the working directory with the arguments
// after "--", saving the plan to a temporary file, and checks that plan
// with the check flags before "--". Terraform's own output goes to stderr.
// Sources are read from the working directory unless --dir says otherwise.
func runPlan(args []string, stdout, stderr io.Writer) (int, error) {
	i := slices.Index(args, "--")
	if i < 0 {
		if slices.Contains(args, "-h") || slices.Contains(args, "--help") {
			fmt.Fprint(stdout, "Usage: tfgate plan [--save-plan FILE] [check flags] -- [terraform plan arguments]\n\nRuns terraform plan -out in the working directory, then tfgate check on the plan.\nThe check flags are those of tfgate check (see tfgate check --help); --dir\ndefaults to the working directory. --save-plan keeps the plan file for apply.\n")
			return exitPass, nil
		}
		return exitError, errors.New(`separate the terraform plan arguments with "--", as in: tfgate plan --ticket CHG-1 -- -var-file=prod.tfvars`)
	}
	checkArgs, tfArgs := args[:i], args[i+1:]
	checkArgs, savePlan, err := cutFlag(checkArgs, "save-plan")
	if err != nil {
		return exitError, err
	}
	for _, a := range tfArgs {
		if a == "-out" || len(a) > 5 && a[:5] == "-out=" {
			return exitError, errors.New("tfgate plan chooses the plan file itself; leave out -out")
		}
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return exitError, errors.New("terraform is not on PATH; install it, or run terraform plan yourself and give the plan to tfgate check")
	}
	planFile := savePlan
	if planFile == "" {
		dir, err := os.MkdirTemp("", "tfgate-plan")
		if err != nil {
			return exitError, err
		}
		defer os.RemoveAll(dir)
		planFile = filepath.Join(dir, "terraform.tfplan")
	}

	cmd := exec.CommandContext(context.Background(), tf, append([]string{"plan", "-input=false", "-out=" + planFile}, tfArgs...)...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return exitError, fmt.Errorf("terraform plan failed (%v); see its output above", err)
	}
	if !hasFlag(checkArgs, "dir") {
		checkArgs = append(checkArgs, "--dir", ".")
	}
	return runCheck(append(checkArgs, planFile), stdout, stderr)
}

// cutFlag removes a string flag (--name VALUE or --name=VALUE) from args
// and returns its value.
func cutFlag(args []string, name string) ([]string, string, error) {
	var out []string
	value := ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--"+name:
			if i+1 >= len(args) {
				return nil, "", fmt.Errorf("--%s needs a file name", name)
			}
			value = args[i+1]
			i++
		case len(a) > len(name)+3 && a[:len(name)+3] == "--"+name+"=":
			value = a[len(name)+3:]
		default:
			out = append(out, a)
		}
	}
	return out, value, nil
}

// hasFlag reports whether args set the long flag name.
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--"+name || len(a) > len(name)+3 && a[:len(name)+3] == "--"+name+"=" {
			return true
		}
	}
	return false
}
