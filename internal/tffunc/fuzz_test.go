package tffunc

import (
	"math"
	"math/big"
	"sort"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// byteSource hands out fuzz bytes, then zeros.
type byteSource struct {
	b []byte
}

func (s *byteSource) next() byte {
	if len(s.b) == 0 {
		return 0
	}
	c := s.b[0]
	s.b = s.b[1:]
	return c
}

func (s *byteSource) str() string {
	n := int(s.next() % 12)
	words := []string{"", "a", "10.0.0.0/8", "fd00::/64", "*", "**/*.txt", "hello.txt", "{\"a\":1}", "-1", "true", "${x}", "é👍", "%s %d", "2018-01-02T23:12:01Z", "/x/", "dns", "UTF-16LE", "~/x", "\xff"}
	if n < 6 {
		return words[int(s.next())%len(words)]
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = s.next()
	}
	return string(b)
}

func (s *byteSource) number() cty.Value {
	switch s.next() % 8 {
	case 0:
		return cty.NumberIntVal(int64(int8(s.next())))
	case 1:
		return cty.NumberFloatVal(float64(int16(uint16(s.next())<<8|uint16(s.next()))) / 7)
	case 2:
		return cty.PositiveInfinity
	case 3:
		return cty.NegativeInfinity
	case 4:
		return cty.NumberVal(new(big.Float).SetMantExp(big.NewFloat(1), int(s.next())*8))
	case 5:
		return cty.NumberFloatVal(math.MaxInt64)
	case 6:
		return cty.NumberIntVal(-int64(s.next()) * 1e12)
	default:
		return cty.Zero
	}
}

// value builds a cty value of any kind from the bytes.
func (s *byteSource) value(depth int) cty.Value {
	op := s.next() % 16
	if depth > 3 && op >= 7 {
		op %= 7
	}
	switch op {
	case 0:
		return cty.NullVal(cty.DynamicPseudoType)
	case 1:
		return cty.DynamicVal
	case 2, 3:
		return cty.StringVal(s.str())
	case 4:
		return s.number()
	case 5:
		return cty.BoolVal(s.next()%2 == 0)
	case 6:
		tys := []cty.Type{cty.String, cty.Number, cty.Bool, cty.List(cty.String), cty.Map(cty.Number)}
		ty := tys[int(s.next())%len(tys)]
		if s.next()%2 == 0 {
			return cty.NullVal(ty)
		}
		return cty.UnknownVal(ty)
	case 7:
		n := int(s.next() % 4)
		elems := make([]cty.Value, n)
		for i := range elems {
			elems[i] = s.value(depth + 1)
		}
		return cty.TupleVal(elems)
	case 8:
		n := int(s.next() % 4)
		attrs := map[string]cty.Value{}
		for i := 0; i < n; i++ {
			attrs[s.str()] = s.value(depth + 1)
		}
		return cty.ObjectVal(attrs)
	case 9, 10, 11:
		// Homogeneous collections of primitives.
		n := int(s.next() % 4)
		kind := s.next() % 3
		elems := make([]cty.Value, n)
		for i := range elems {
			switch kind {
			case 0:
				elems[i] = cty.StringVal(s.str())
			case 1:
				elems[i] = s.number()
			default:
				elems[i] = cty.BoolVal(s.next()%2 == 0)
			}
		}
		elemTy := []cty.Type{cty.String, cty.Number, cty.Bool}[kind]
		switch op {
		case 9:
			if n == 0 {
				return cty.ListValEmpty(elemTy)
			}
			return cty.ListVal(elems)
		case 10:
			if n == 0 {
				return cty.SetValEmpty(elemTy)
			}
			return cty.SetVal(elems)
		default:
			if n == 0 {
				return cty.MapValEmpty(elemTy)
			}
			m := map[string]cty.Value{}
			for i, e := range elems {
				m[string(rune('a'+i))] = e
			}
			return cty.MapVal(m)
		}
	case 12:
		return s.value(depth + 1).Mark(Sensitive)
	case 13:
		inner := s.value(depth + 1)
		if inner.IsWhollyKnown() {
			return cty.ListVal([]cty.Value{inner})
		}
		return cty.TupleVal([]cty.Value{inner})
	default:
		return cty.StringVal(s.str())
	}
}

// FuzzFunctions calls functions with values built from the fuzz input. No
// call may panic: the function table must turn every failure into an
// error.
func FuzzFunctions(f *testing.F) {
	seeds := [][]byte{
		{}, {0}, {1, 2, 3}, {5, 2, 0, 3}, {40, 3, 4, 2, 4, 7}, {12, 9, 9, 1, 2, 3},
		{77, 2, 12, 2, 1, 4, 2}, {100, 3, 7, 3, 4, 0, 4, 1}, {3, 1, 2, 2, 14, 4, 5},
		{88, 2, 4, 2, 4, 3}, {200, 3, 9, 3, 1, 2, 3, 4, 4}, {150, 1, 13, 6, 1},
	}
	for i := 0; i < 120; i++ {
		seeds = append(seeds, []byte{byte(i), byte(i % 4), byte(i * 7), byte(i * 13), byte(i * 3), 2, byte(i), 4, byte(i * 5)})
	}
	for _, s := range seeds {
		f.Add(s)
	}
	funcs := Functions(Options{BaseDir: filesDir, Now: testNow})
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		// try, can and templatestring take HCL expressions, which only an
		// HCL call site can supply.
		if name == "try" || name == "can" || name == "templatestring" {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &byteSource{b: data}
		name := names[int(src.next())%len(names)]
		fn := funcs[name]
		n := int(src.next() % 5)
		args := make([]cty.Value, n)
		for i := range args {
			args[i] = src.value(0)
		}
		if name == "fileset" && n > 0 {
			// Globbing from an arbitrary directory could walk the whole
			// filesystem; the fuzzer explores patterns, not directories.
			args[0] = cty.StringVal(".")
		}
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic calling with %#v: %v", args, r)
			}
		}()
		v, err := fn.Call(args)
		if err == nil && v == cty.NilVal {
			t.Fatalf("no value and no error for %#v", args)
		}
		_, _ = fn.ReturnTypeForValues(args)
	})
}
