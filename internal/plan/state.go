package plan

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/tfgate/tfgate/internal/model"
)

// RawState is what tfgate reads from a raw state file (terraform.tfstate,
// or the output of terraform state pull): its identity and the resource
// instances it holds.
type RawState struct {
	Lineage string
	Serial  int64
	// Addresses are the managed resource instance addresses.
	Addresses []string
}

type rawStateFile struct {
	Version   *int   `json:"version"`
	Lineage   string `json:"lineage"`
	Serial    *int64 `json:"serial"`
	Resources []struct {
		Module    string `json:"module"`
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			IndexKey any `json:"index_key"`
		} `json:"instances"`
	} `json:"resources"`
}

// DecodeRawState reads a raw state file (format version 4).
func DecodeRawState(data []byte, source string) (*RawState, error) {
	var f rawStateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %s", source, describeJSONError(data, err))
	}
	if f.Version == nil || f.Lineage == "" || f.Serial == nil {
		return nil, fmt.Errorf("%s: not a raw Terraform state file (version, lineage and serial); save one with \"terraform state pull > backup.tfstate\"", source)
	}
	if *f.Version != 4 {
		return nil, fmt.Errorf("%s: state file version %d is not supported (want 4)", source, *f.Version)
	}
	s := &RawState{Lineage: f.Lineage, Serial: *f.Serial}
	for _, r := range f.Resources {
		if r.Mode != "managed" {
			continue
		}
		prefix := r.Type + "." + r.Name
		if r.Module != "" {
			prefix = r.Module + "." + prefix
		}
		for _, inst := range r.Instances {
			key := inst.IndexKey
			if n, ok := key.(json.Number); ok {
				key = n
			}
			s.Addresses = append(s.Addresses, prefix+model.FormatKey(key))
		}
	}
	return s, nil
}

// maxStateSize bounds the prior state read from a binary plan.
const maxStateSize = 512 << 20

// PriorState reads the prior state a binary plan file carries (its tfstate
// entry), which the JSON form of a plan leaves out: it has the lineage and
// serial a state backup must match.
func PriorState(planFile []byte, source string) (*RawState, error) {
	zr, err := zip.NewReader(bytes.NewReader(planFile), int64(len(planFile)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable plan file: %w", source, err)
	}
	for _, f := range zr.File {
		if f.Name != "tfstate" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxStateSize))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		var head struct {
			Lineage string `json:"lineage"`
		}
		if err := json.Unmarshal(data, &head); err == nil && head.Lineage == "" {
			// A plan made before the first apply has no prior state yet.
			return &RawState{}, nil
		}
		return DecodeRawState(data, source+"!tfstate")
	}
	return nil, fmt.Errorf("%s: the plan file holds no prior state", source)
}
