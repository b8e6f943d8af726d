package tffunc

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// jsonDecodeFunc is go-cty's jsondecode, except that an object with a
// repeated property name takes the last one's value, as go-cty 1.16.0 (and
// so Terraform 1.11) does, instead of failing as go-cty 1.16.2 and later do
// when the duplicates have different types.
var jsonDecodeFunc = function.New(&function.Spec{
	Description: stdlib.JSONDecodeFunc.Description(),
	Params:      stdlib.JSONDecodeFunc.Params(),
	Type: func(args []cty.Value) (cty.Type, error) {
		args, err := lastDuplicateWins(args)
		if err != nil {
			return cty.NilType, err
		}
		return stdlib.JSONDecodeFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		args, err := lastDuplicateWins(args)
		if err != nil {
			return cty.NilVal, err
		}
		return stdlib.JSONDecodeFunc.Call(args)
	},
})

// lastDuplicateWins rewrites a known JSON string argument so that each
// object keeps only the last of any repeated property. As in go-cty
// 1.16.0, the last occurrence decides the property's type and every earlier
// occurrence must still decode as that type.
func lastDuplicateWins(args []cty.Value) ([]cty.Value, error) {
	if len(args) != 1 || !args[0].IsKnown() || args[0].IsNull() || args[0].Type() != cty.String {
		return args, nil
	}
	src := args[0].AsString()
	if !json.Valid([]byte(src)) {
		return args, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(src)))
	dec.UseNumber()
	var dups [][2]any
	v, changed, err := readJSON(dec, &dups)
	if err != nil || !changed {
		return args, nil
	}
	for _, d := range dups {
		var earlier, later bytes.Buffer
		if writeJSON(&earlier, d[0]) != nil || writeJSON(&later, d[1]) != nil {
			return args, nil
		}
		ty, err := ctyjson.ImpliedType(later.Bytes())
		if err != nil {
			return args, nil
		}
		if _, err := ctyjson.Unmarshal(earlier.Bytes(), ty); err != nil {
			return nil, function.NewArgError(0, err)
		}
	}
	var buf bytes.Buffer
	if err := writeJSON(&buf, v); err != nil {
		return args, nil
	}
	return []cty.Value{cty.StringVal(buf.String())}, nil
}

// jsonObject is a JSON object with its properties in order.
type jsonObject struct {
	keys []string
	vals map[string]any
}

func readJSON(dec *json.Decoder, dups *[][2]any) (any, bool, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, false, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := &jsonObject{vals: map[string]any{}}
			changed := false
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, false, err
				}
				k, _ := kt.(string)
				v, ch, err := readJSON(dec, dups)
				if err != nil {
					return nil, false, err
				}
				changed = changed || ch
				if earlier, dup := obj.vals[k]; dup {
					changed = true
					*dups = append(*dups, [2]any{earlier, v})
					for i, existing := range obj.keys {
						if existing == k {
							obj.keys = append(obj.keys[:i], obj.keys[i+1:]...)
							break
						}
					}
				}
				obj.keys = append(obj.keys, k)
				obj.vals[k] = v
			}
			_, err := dec.Token()
			return obj, changed, err
		case '[':
			var arr []any
			changed := false
			for dec.More() {
				v, ch, err := readJSON(dec, dups)
				if err != nil {
					return nil, false, err
				}
				changed = changed || ch
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, changed, err
		}
		return nil, false, errors.New("unexpected delimiter")
	}
	return tok, false, nil
}

func writeJSON(w io.Writer, v any) error {
	switch t := v.(type) {
	case *jsonObject:
		io.WriteString(w, "{")
		for i, k := range t.keys {
			if i > 0 {
				io.WriteString(w, ",")
			}
			kb, _ := json.Marshal(k)
			w.Write(kb)
			io.WriteString(w, ":")
			if err := writeJSON(w, t.vals[k]); err != nil {
				return err
			}
		}
		io.WriteString(w, "}")
	case []any:
		io.WriteString(w, "[")
		for i, e := range t {
			if i > 0 {
				io.WriteString(w, ",")
			}
			if err := writeJSON(w, e); err != nil {
				return err
			}
		}
		io.WriteString(w, "]")
	case json.Number:
		io.WriteString(w, t.String())
	default:
		b, err := json.Marshal(t)
		if err != nil {
			return err
		}
		w.Write(b)
	}
	return nil
}
