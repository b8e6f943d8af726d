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
	"strings"
)

// runPlan runs terraform plan in the working directory with the arguments
// after "--", saving the plan to a temporary file, and checks that plan
// with the check flags before "--". Terraform's own output goes to stderr.
// Sources are read from the working directory unless --dir says otherwise.
func runPlan(args []string, stdout, stderr io.Writer) (int, error) {
	i := slices.Index(args, "--")
	checkArgs, tfArgs := args, []string(nil)
	if i >= 0 {
		checkArgs, tfArgs = args[:i], args[i+1:]
	}
	// Every check flag is checked before terraform runs.
	o, _, err := parseCheck(checkArgs, stdout, true)
	if err != nil {
		return exitError, err
	}
	if i < 0 {
		return exitError, errors.New(`separate the terraform plan arguments with "--", as in: tfgate plan --ticket CHG-1 -- -var-file=prod.tfvars`)
	}
	for _, a := range tfArgs {
		if a == "-out" || strings.HasPrefix(a, "-out=") {
			return exitError, errors.New("tfgate plan chooses the plan file itself; leave out -out (use --save-plan FILE to keep it)")
		}
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return exitError, errors.New("terraform is not on PATH; install it, or run terraform plan yourself and give the plan to tfgate check")
	}
	planFile := o.savePlan
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
	if o.savePlan == "" {
		fmt.Fprintln(stderr, "tfgate: the plan above was checked and not kept: terraform's apply command names a file that is gone; run tfgate plan --save-plan FILE to keep it and apply exactly what was checked")
	} else {
		fmt.Fprintf(stderr, "tfgate: the plan was kept in %s; apply exactly what was checked with: terraform apply %s\n", o.savePlan, o.savePlan)
	}
	if !o.given("dir") {
		o.dir = "."
	}
	return checkAndReport(o, []string{planFile}, stdout, stderr)
}
