package plan

import "strconv"

// path is the attribute path of the value scrub is at, kept as steps and
// written out ("rule[0].id") only for the values it changes: it visits
// every value, and writing every path out was a string allocation per
// value. (Redaction and unknown paths walk sparse masks and write their
// paths as they go.)
type path struct {
	steps []step
}

// step is an object key, or a list index when index is not negative.
type step struct {
	key   string
	index int
}

func (p *path) pushKey(key string) { p.steps = append(p.steps, step{key: key, index: -1}) }

func (p *path) pushIndex(i int) { p.steps = append(p.steps, step{index: i}) }

func (p *path) pop() { p.steps = p.steps[:len(p.steps)-1] }

// String writes the path out: keys joined by dots, indexes in brackets.
// An empty key adds no dot after an empty path, as in "[0]" or "a".
func (p *path) String() string {
	var b []byte
	for _, s := range p.steps {
		switch {
		case s.index >= 0:
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.index), 10)
			b = append(b, ']')
		case len(b) > 0:
			b = append(b, '.')
			fallthrough
		default:
			b = append(b, s.key...)
		}
	}
	return string(b)
}
