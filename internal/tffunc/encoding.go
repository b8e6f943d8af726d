package tffunc

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"unicode/utf8"

	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"golang.org/x/text/encoding/ianaindex"
)

// base64DecodeFunc decodes standard Base64 into a UTF-8 string.
var base64DecodeFunc = function.New(&function.Spec{
	Description: "Decodes a string containing a base64 sequence.",
	Params: []function.Parameter{{
		Name:         "str",
		Type:         cty.String,
		AllowMarked:  true,
		AllowUnknown: true,
	}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, marks := args[0].Unmark()
		if !str.IsKnown() {
			return cty.UnknownVal(cty.String).WithMarks(marks), nil
		}
		b, err := base64.StdEncoding.DecodeString(str.AsString())
		if err != nil {
			if len(marks) > 0 {
				return cty.NilVal, errors.New("failed to decode base64 data (sensitive value)")
			}
			return cty.NilVal, fmt.Errorf("failed to decode base64 data %q", str.AsString())
		}
		if !utf8.Valid(b) {
			return cty.NilVal, errors.New("the result of decoding the provided string is not valid UTF-8")
		}
		return cty.StringVal(string(b)).WithMarks(marks), nil
	},
})

// base64EncodeFunc encodes a string's UTF-8 bytes in standard Base64.
var base64EncodeFunc = function.New(&function.Spec{
	Description:  "Encodes a string to a base64 sequence.",
	Params:       []function.Parameter{{Name: "str", Type: cty.String}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(base64.StdEncoding.EncodeToString([]byte(args[0].AsString()))), nil
	},
})

// base64GzipFunc gzips a string and encodes the result in Base64.
var base64GzipFunc = function.New(&function.Spec{
	Description:  "Compresses the given string with gzip and then encodes the result to base64.",
	Params:       []function.Parameter{{Name: "str", Type: cty.String}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write([]byte(args[0].AsString())); err != nil {
			return cty.NilVal, fmt.Errorf("failed to write gzip raw data: %w", err)
		}
		if err := zw.Flush(); err != nil {
			return cty.NilVal, fmt.Errorf("failed to flush gzip writer: %w", err)
		}
		if err := zw.Close(); err != nil {
			return cty.NilVal, fmt.Errorf("failed to close gzip writer: %w", err)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(buf.Bytes())), nil
	},
})

// textEncodeBase64Func encodes a string in a named character encoding and
// then in Base64.
var textEncodeBase64Func = function.New(&function.Spec{
	Description: "Encodes the given string to the given encoding and then to base64.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "encoding", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		name := args[1].AsString()
		enc, err := ianaindex.IANA.Encoding(name)
		if err != nil || enc == nil {
			return cty.NilVal, function.NewArgErrorf(1, "%q is not a supported IANA encoding name or alias in this Terraform version", name)
		}
		if canonical, err := ianaindex.IANA.Name(enc); err == nil {
			name = canonical
		}
		out, err := enc.NewEncoder().Bytes([]byte(args[0].AsString()))
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "the given string contains characters that cannot be represented in %s", name)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(out)), nil
	},
})

// textDecodeBase64Func decodes Base64 and then a named character encoding.
var textDecodeBase64Func = function.New(&function.Spec{
	Description: "Decodes a base64 sequence in the given encoding into a string.",
	Params: []function.Parameter{
		{Name: "source", Type: cty.String},
		{Name: "encoding", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		name := args[1].AsString()
		enc, err := ianaindex.IANA.Encoding(name)
		if err != nil || enc == nil {
			return cty.NilVal, function.NewArgErrorf(1, "%q is not a supported IANA encoding name or alias in this Terraform version", name)
		}
		if canonical, err := ianaindex.IANA.Name(enc); err == nil {
			name = canonical
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			var corrupt base64.CorruptInputError
			if errors.As(err, &corrupt) {
				return cty.NilVal, function.NewArgErrorf(0, "the given value is has an invalid base64 symbol at offset %d", int(corrupt))
			}
			return cty.NilVal, function.NewArgErrorf(0, "invalid source string: %s", err)
		}
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) || !utf8.Valid(out) {
			return cty.NilVal, function.NewArgErrorf(0, "the given string contains symbols that are not defined for %s", name)
		}
		return cty.StringVal(string(out)), nil
	},
})

// yamlDecodeFunc is go-cty-yaml's, which Terraform uses too.
var yamlDecodeFunc = ctyyaml.YAMLDecodeFunc

// yamlEncodeFunc is go-cty-yaml's, except that it refuses strings that are
// not valid UTF-8, on which go-cty-yaml's emitter never returns. (HCL
// cannot produce such strings, but a caller's values might hold them.)
var yamlEncodeFunc = function.New(&function.Spec{
	Description: ctyyaml.YAMLEncodeFunc.Description(),
	Params:      ctyyaml.YAMLEncodeFunc.Params(),
	Type:        ctyyaml.YAMLEncodeFunc.ReturnTypeForValues,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if err := checkUTF8(args[0]); err != nil {
			return cty.NilVal, function.NewArgError(0, err)
		}
		return ctyyaml.YAMLEncodeFunc.Call(args)
	},
})

// checkUTF8 reports a string, or a map or object key, anywhere in v that is
// not valid UTF-8.
func checkUTF8(v cty.Value) error {
	errBad := errors.New("the value contains a string that is not valid UTF-8")
	var bad bool
	_ = cty.Walk(v, func(_ cty.Path, v cty.Value) (bool, error) {
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() {
			return true, nil
		}
		ty := v.Type()
		switch {
		case ty == cty.String:
			bad = bad || !utf8.ValidString(v.AsString())
		case ty.IsObjectType():
			for name := range ty.AttributeTypes() {
				bad = bad || !utf8.ValidString(name)
			}
		case ty.IsMapType():
			for it := v.ElementIterator(); it.Next(); {
				k, _ := it.Element()
				bad = bad || !utf8.ValidString(k.AsString())
			}
		}
		return !bad, nil
	})
	if bad {
		return errBad
	}
	return nil
}
