package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/tfgate/tfgate/internal/hclsrc"
	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/plan"
	"github.com/tfgate/tfgate/internal/waiver"
)

// Sourced is an input's model joined to its Terraform sources, if any.
type Sourced struct {
	Model    *model.Model
	Dir      string   // the source root, "" for none
	Warnings []string // what loading skipped, and missing sources
	waivers  []waiver.Waiver
}

// Load loads an input and joins it to its sources (sourceDir): locations,
// the backend, inline suppressions, what a plan does not show. It is what
// a check evaluates, and what tfgate inspect prints.
func Load(ctx context.Context, in Input, o Options) (Sourced, error) {
	s := Sourced{}
	if in.Data == nil {
		s.Dir = sourceDir(o.Dir, in.Path)
	} else if o.Dir != "" {
		s.Dir = o.Dir
	}
	var tree sourceTree
	if s.Dir != "" {
		var err error
		if tree, err = readSources(s.Dir); err != nil {
			if o.Dir != "" {
				err = fmt.Errorf("--dir %s: %w", o.Dir, err)
			}
			return s, err
		}
	}
	m, warnings, err := loadInput(ctx, in, hclOptions(o), tree.planOptions(), o.MaxInputSize)
	if err != nil {
		return s, err
	}
	s.Model, s.Warnings = m, warnings
	if m.RefreshOnly {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: a refresh-only plan changes no resource; it is checked as the state it records, drift included", in.Path))
	}
	if s.Dir == "" && m.Kind == model.KindPlan {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: no Terraform sources beside it, so results have no file and line, and the backend block is not checked (tf-backend-hardening); give the configuration's root with --dir", in.Path))
	}
	// The file and the decoding's garbage are dead; the model is not.
	if o.TuneGC {
		runtime.GC()
	}
	if s.Dir != "" {
		var dynamic map[string][]string
		if s.waivers, dynamic, err = locate(m, s.Dir, tree); err != nil {
			return s, err
		}
		static := staticModel(m, s.Dir, o.Now)
		sourceCandidates(m, static)
		emptyDynamicBlocks(m, dynamic, static)
	}
	return s, nil
}

// loadInput reads one input into a model: plan or state JSON in memory or
// in a file, a binary plan file (converted with terraform show -json when
// terraform is on PATH), or a directory of .tf files (evaluated
// statically; the warnings say what it could not evaluate).
func loadInput(ctx context.Context, in Input, hclOpts hclsrc.LoadOptions, planOpts plan.Options, maxSize int64) (*model.Model, []string, error) {
	path := in.Path
	if in.Data != nil {
		if maxSize > 0 && int64(len(in.Data)) > maxSize {
			return nil, nil, fmt.Errorf("%s is %d bytes, more than --max-input-size %d", path, len(in.Data), maxSize)
		}
		m, err := plan.DecodeWith(in.Data, path, planOpts)
		switch {
		case errors.Is(err, plan.ErrBinaryPlan) && path == "-":
			return nil, nil, errors.New("stdin holds a binary plan file; pipe its JSON instead: terraform show -json PLANFILE | tfgate check -")
		case errors.Is(err, plan.ErrBinaryPlan):
			return nil, nil, fmt.Errorf("%s holds a binary plan file; give its JSON instead (terraform show -json PLANFILE)", path)
		}
		return m, nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, errors.Unwrap(err))
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("read %s: not a regular file or a directory", path)
	}
	if maxSize > 0 && info.Size() > maxSize {
		return nil, nil, fmt.Errorf("%s is %d bytes, more than --max-input-size %d: checking it would take several times that in memory; raise the limit if the machine has it", path, info.Size(), maxSize)
	}
	if info.IsDir() {
		if !hclsrc.HasSources(path) {
			return nil, nil, fmt.Errorf("%s holds no .tf or .tf.json files; give a Terraform configuration directory or a plan JSON", path)
		}
		return hclsrc.Load(path, hclOpts)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, errors.Unwrap(err))
	}
	m, err := plan.DecodeWith(data, path, planOpts)
	if !errors.Is(err, plan.ErrBinaryPlan) {
		return m, nil, err
	}
	converted, err := showJSON(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	prior, err := plan.PriorState(data, path)
	if err != nil {
		return nil, nil, err
	}
	if m, err = plan.DecodeWith(converted, path, planOpts); err != nil {
		return nil, nil, err
	}
	m.PriorLineage, m.PriorSerial = prior.Lineage, prior.Serial
	return m, nil, nil
}

// showJSON converts a binary plan file with terraform show -json, run in
// the current directory (the plan's working directory, after init).
func showJSON(ctx context.Context, path string) ([]byte, error) {
	command := fmt.Sprintf("terraform show -json %s > plan.json", path)
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return nil, fmt.Errorf("%s is a binary plan file and terraform is not on PATH; convert it in its working directory with: %s", path, command)
	}
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, tf, "show", "-no-color", "-json", path)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		detail := terraformError(errOut.String())
		if detail == "" {
			detail = err.Error()
		}
		return nil, fmt.Errorf("%s is a binary plan file and %q failed (%s); run it in the plan's initialized working directory", path, "terraform show -json", detail)
	}
	return out.Bytes(), nil
}

// terraformError picks the line of terraform's stderr that says what went
// wrong: the first "Error: ..." line, else the first line with text.
func terraformError(stderr string) string {
	first := ""
	for line := range strings.Lines(stderr) {
		t := strings.TrimSpace(strings.TrimLeft(line, "╷│╵ "))
		if t == "" {
			continue
		}
		if _, msg, ok := strings.Cut(t, "Error: "); ok {
			return msg
		}
		if first == "" {
			first = t
		}
	}
	return first
}
