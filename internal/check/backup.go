package check

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/tfgate/tfgate/internal/model"
	"github.com/tfgate/tfgate/internal/plan"
	"github.com/tfgate/tfgate/internal/policy"
)

// checkBackup looks for a backup of the plan's prior state at path (a raw
// state file, or a folder of them). A binary plan records its prior
// state's lineage and serial: a backup must have the same lineage and at
// least that serial. A JSON plan does not, so a backup must hold every
// resource instance the plan finds already existing.
func checkBackup(path string, m *model.Model) (policy.StateBackup, error) {
	if path == "" {
		return policy.StateBackup{}, nil
	}
	result := policy.StateBackup{Given: true}
	files, err := backupFiles(path)
	if err != nil {
		return result, err
	}
	var existing []string
	for _, r := range m.Resources {
		if r.Mode == "managed" && len(r.Actions) > 0 && !slices.Equal(r.Actions, []string{"create"}) {
			existing = append(existing, r.Address)
		}
	}
	var reasons []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return result, fmt.Errorf("--state-backup: read %s: %w", file, errors.Unwrap(err))
		}
		state, err := plan.DecodeRawState(data, file)
		if err != nil {
			if len(files) == 1 {
				return result, fmt.Errorf("--state-backup: %w", err)
			}
			continue // a folder may hold other files
		}
		ok, reason := backupMatches(state, m, existing)
		if ok {
			result.Matched, result.Detail = file, reason
			return result, nil
		}
		reasons = append(reasons, fmt.Sprintf("%s %s", file, reason))
	}
	switch {
	case len(reasons) == 0:
		result.Detail = fmt.Sprintf("%s holds no raw state file", path)
	case len(reasons) == 1:
		result.Detail = reasons[0]
	default:
		result.Detail = fmt.Sprintf("%s (and %d more files that do not match)", reasons[0], len(reasons)-1)
	}
	return result, nil
}

// backupMatches tells whether one state backs up the plan's prior state,
// and says why.
func backupMatches(state *plan.RawState, m *model.Model, existing []string) (bool, string) {
	if m.PriorLineage != "" {
		switch {
		case state.Lineage != m.PriorLineage:
			return false, fmt.Sprintf("has lineage %s, not the prior state's %s", state.Lineage, m.PriorLineage)
		case state.Serial < m.PriorSerial:
			return false, fmt.Sprintf("has serial %d, older than the prior state's %d", state.Serial, m.PriorSerial)
		}
		return true, fmt.Sprintf("lineage %s, serial %d (prior state serial %d)", state.Lineage, state.Serial, m.PriorSerial)
	}
	if len(existing) == 0 {
		return true, "the plan creates everything, so there is no prior state to lose"
	}
	have := make(map[string]bool, len(state.Addresses))
	for _, a := range state.Addresses {
		have[a] = true
	}
	var missing []string
	for _, a := range existing {
		if !have[a] {
			missing = append(missing, a)
		}
	}
	if len(missing) > 0 {
		return false, fmt.Sprintf("lacks %d of the %d resources the plan finds existing (first: %s)", len(missing), len(existing), missing[0])
	}
	return true, fmt.Sprintf("holds all %d existing resources (lineage %s, serial %d; a JSON plan records no lineage to compare)", len(existing), state.Lineage, state.Serial)
}

// backupFiles lists the files to consider: the file itself, or the regular
// files of a folder in name order.
func backupFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--state-backup %s: %w", path, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("--state-backup %s: %w", path, errors.Unwrap(err))
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	return files, nil
}
