package plan

import (
	"strings"

	"github.com/tfgate/tfgate/internal/model"
)

type referenceKind int

const (
	refOther     referenceKind = iota // count.*, path.*, terraform.*, self.*, …
	refResource                       // TYPE.NAME or data.TYPE.NAME
	refModule                         // module.NAME[.OUTPUT]
	refVariable                       // var.NAME
	refEachValue                      // each.value[…]
	refLocal                          // local.NAME
)

// reference is one entry of a configuration expression's "references"
// list, split into the parts the linker needs.
type reference struct {
	kind referenceKind
	// name is the configuration address for a resource
	// ("aws_s3_bucket.b", "data.x.y"), the call name for a module, the
	// variable or local value name for a variable or local.
	name string
	// key is the literal instance key that follows the resource or module
	// call, when hasKey.
	key    any
	hasKey bool
	// output is the module output named after module.NAME.
	output string
}

// segment is one dotted part of a reference with the literal key after it.
type segment struct {
	name   string
	key    any
	hasKey bool
}

func parseReference(ref string) reference {
	segs := splitReference(ref)
	if len(segs) < 2 {
		return reference{}
	}
	switch segs[0].name {
	case "var":
		return reference{kind: refVariable, name: segs[1].name}
	case "each":
		if segs[1].name == "value" {
			return reference{kind: refEachValue}
		}
	case "module":
		r := reference{kind: refModule, name: segs[1].name, key: segs[1].key, hasKey: segs[1].hasKey}
		if len(segs) > 2 {
			r.output = segs[2].name
		}
		return r
	case "data":
		if len(segs) >= 3 {
			return reference{kind: refResource, name: "data." + segs[1].name + "." + segs[2].name, key: segs[2].key, hasKey: segs[2].hasKey}
		}
	case "local":
		return reference{kind: refLocal, name: segs[1].name}
	case "count", "path", "terraform", "self", "ephemeral", "resource", "template", "provider":
	default:
		return reference{kind: refResource, name: segs[0].name + "." + segs[1].name, key: segs[1].key, hasKey: segs[1].hasKey}
	}
	return reference{}
}

// splitReference splits a reference at its dots, keeping literal keys such
// as ["a.b"] with the segment before them. A key that is not a literal
// (say [count.index]) is skipped.
func splitReference(ref string) []segment {
	var segs []segment
	for rest := ref; rest != ""; {
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			end = len(rest)
		}
		seg := segment{name: rest[:end]}
		rest = rest[end:]
		for strings.HasPrefix(rest, "[") {
			key, n, err := model.ParseKey(rest)
			if err != nil {
				close := strings.IndexByte(rest, ']')
				if close < 0 {
					return append(segs, seg)
				}
				rest = rest[close+1:]
				continue
			}
			if !seg.hasKey {
				seg.key, seg.hasKey = key, true
			}
			rest = rest[n:]
		}
		segs = append(segs, seg)
		rest = strings.TrimPrefix(rest, ".")
	}
	return segs
}
