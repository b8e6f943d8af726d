package hclsrc

import (
	"fmt"
	"strings"

	"github.com/tfgate/tfgate/internal/model"
)

// hideProviderSensitive hides the literals of the attributes the provider
// marks sensitive (sensitiveAttributes): a plan would carry the mark, but
// a directory check sees what the source writes. It returns the paths it
// hid, written as record writes paths.
func hideProviderSensitive(mode, typ string, values map[string]any) []string {
	key := typ
	if mode == "data" {
		key = "data." + typ
	}
	var hidden []string
	for _, p := range sensitiveAttributes[key] {
		hideAt(values, strings.Split(p, "."), "", &hidden)
	}
	return hidden
}

// hideAt replaces the value at the dotted steps below cur with the marker,
// through every element of a list of blocks on the way.
func hideAt(cur any, steps []string, at string, hidden *[]string) {
	switch x := cur.(type) {
	case []any:
		for i, e := range x {
			hideAt(e, steps, fmt.Sprintf("%s[%d]", at, i), hidden)
		}
	case map[string]any:
		v, ok := x[steps[0]]
		if !ok || v == nil {
			return
		}
		next := steps[0]
		if at != "" {
			next = at + "." + steps[0]
		}
		if len(steps) == 1 {
			if v != model.SensitiveMarker {
				x[steps[0]] = model.SensitiveMarker
				*hidden = append(*hidden, next)
			}
			return
		}
		hideAt(v, steps[1:], next, hidden)
	}
}
