package tffunc

import (
	"fmt"
	"math/big"
	"net"
	"net/netip"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"
)

// parseCIDR parses an address prefix as Terraform does: like Go's
// net.ParseCIDR before Go 1.17, which accepted IPv4 octets with leading
// zeros (read as decimal). The network's IP has 4 bytes for IPv4 and 16 for
// IPv6, and has its host bits cleared.
func parseCIDR(s string) (*net.IPNet, error) {
	addr, bits, ok := strings.Cut(s, "/")
	if !ok {
		return nil, &net.ParseError{Type: "CIDR address", Text: s}
	}
	ip, size := parseIPv4Lenient(addr), 32
	if ip == nil {
		a, err := netip.ParseAddr(addr)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return nil, &net.ParseError{Type: "CIDR address", Text: s}
		}
		b := a.As16()
		ip, size = net.IP(b[:]), 128
	}
	n, ok := decimal(bits)
	if !ok || n > size {
		return nil, &net.ParseError{Type: "CIDR address", Text: s}
	}
	mask := net.CIDRMask(n, size)
	return &net.IPNet{IP: ip.Mask(mask), Mask: mask}, nil
}

// parseIPv4Lenient parses dotted-quad IPv4, allowing leading zeros.
func parseIPv4Lenient(s string) net.IP {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return nil
	}
	ip := make(net.IP, 4)
	for i, p := range parts {
		n, ok := decimal(p)
		if !ok || n > 255 {
			return nil
		}
		ip[i] = byte(n)
	}
	return ip
}

// decimal reads a non-empty run of ASCII digits (capped to stay small).
func decimal(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
		if n > 0xFFFFFF {
			return 0, false
		}
	}
	return n, true
}

func ipToInt(ip net.IP) (*big.Int, int) {
	return new(big.Int).SetBytes(ip), len(ip) * 8
}

// intToIP packs i into an address of the given bit length. Like go-cidr,
// it uses the magnitude of a negative number.
func intToIP(i *big.Int, bits int) (net.IP, error) {
	b := i.Bytes()
	out := make(net.IP, bits/8)
	if len(b) > len(out) {
		return nil, fmt.Errorf("address %s does not fit in %d bits", i, bits)
	}
	copy(out[len(out)-len(b):], b)
	return out, nil
}

// insertNum sets the bits of ip just after the first prefixLen bits to num.
func insertNum(ip net.IP, num *big.Int, prefixLen int) (net.IP, error) {
	ipInt, total := ipToInt(ip)
	shifted := new(big.Int).Lsh(num, uint(total-prefixLen))
	return intToIP(ipInt.Or(ipInt, shifted), total)
}

func wholeNumber(v cty.Value, argIdx int) (*big.Int, error) {
	var n *big.Int
	if err := gocty.FromCtyValue(v, &n); err != nil {
		return nil, function.NewArgError(argIdx, err)
	}
	return n, nil
}

// cidrHostFunc computes the address of host number hostnum in a prefix;
// negative numbers count back from the last address.
var cidrHostFunc = function.New(&function.Spec{
	Description: "Calculates a full host IP address within a given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "hostnum", Type: cty.Number},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		num, err := wholeNumber(args[1], 1)
		if err != nil {
			return cty.NilVal, err
		}
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR expression: %s", err)
		}
		parentLen, addrLen := network.Mask.Size()
		maxHost := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(addrLen-parentLen)), big.NewInt(1))
		if num.Sign() < 0 {
			back := new(big.Int).Sub(new(big.Int).Neg(num), big.NewInt(1))
			num = new(big.Int).Sub(maxHost, back)
		}
		if num.Sign() < 0 || num.Cmp(maxHost) > 0 {
			return cty.NilVal, fmt.Errorf("prefix of %d does not accommodate a host numbered %s", parentLen, num)
		}
		bits := 128
		if network.IP.To4() != nil {
			bits = 32
		}
		ip, err := insertNum(network.IP, num, bits)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(ip.String()), nil
	},
})

// cidrNetmaskFunc renders an IPv4 prefix length as a dotted netmask.
var cidrNetmaskFunc = function.New(&function.Spec{
	Description:  "Converts an IPv4 address prefix given in CIDR notation into a subnet mask address.",
	Params:       []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR expression: %s", err)
		}
		if network.IP.To4() == nil {
			return cty.NilVal, fmt.Errorf("IPv6 addresses cannot have a netmask: %s", args[0].AsString())
		}
		return cty.StringVal(net.IP(network.Mask).String()), nil
	},
})

// cidrSubnetFunc computes subnet number netnum of the prefix extended by
// newbits bits.
var cidrSubnetFunc = function.New(&function.Spec{
	Description: "Calculates a subnet address within a given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var newBits int
		if err := gocty.FromCtyValue(args[1], &newBits); err != nil {
			return cty.NilVal, function.NewArgError(1, err)
		}
		num, err := wholeNumber(args[2], 2)
		if err != nil {
			return cty.NilVal, err
		}
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR expression: %s", err)
		}
		parentLen, addrLen := network.Mask.Size()
		newLen := parentLen + newBits
		if newLen > addrLen {
			return cty.NilVal, fmt.Errorf("insufficient address space to extend prefix of %d by %d", parentLen, newBits)
		}
		// A negative newbits shortens the prefix; go-cidr then computes
		// the largest subnet number in 64 bits, where the shift overflows
		// to the largest uint64.
		maxNet := new(big.Int).SetUint64(^uint64(0))
		if newBits >= 0 {
			maxNet = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(newBits)), big.NewInt(1))
		}
		if num.Cmp(maxNet) > 0 {
			return cty.NilVal, fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", newBits, num)
		}
		ip, err := insertNum(network.IP, num, newLen)
		if err != nil {
			return cty.NilVal, err
		}
		sub := &net.IPNet{IP: ip, Mask: net.CIDRMask(newLen, addrLen)}
		return cty.StringVal(sub.String()), nil
	},
})

// cidrSubnetsFunc allocates consecutive subnets of the given sizes.
var cidrSubnetsFunc = function.New(&function.Spec{
	Description:  "Calculates a sequence of consecutive IP address ranges within a particular CIDR prefix.",
	Params:       []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam:     &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:         function.StaticReturnType(cty.List(cty.String)),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "invalid CIDR expression: %s", err)
		}
		startLen, addrLen := network.Mask.Size()
		lengths := args[1:]
		if len(lengths) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		var first int
		if err := gocty.FromCtyValue(lengths[0], &first); err != nil {
			return cty.NilVal, function.NewArgError(1, err)
		}
		current := previousSubnet(network, clampPrefix(first+startLen, addrLen))
		out := make([]cty.Value, len(lengths))
		for i, lv := range lengths {
			var n int
			if err := gocty.FromCtyValue(lv, &n); err != nil {
				return cty.NilVal, function.NewArgError(i+1, err)
			}
			if n < 1 {
				return cty.NilVal, function.NewArgErrorf(i+1, "must extend prefix by at least one bit")
			}
			if n > 32 {
				return cty.NilVal, function.NewArgErrorf(i+1, "may not extend prefix by more than 32 bits")
			}
			n += startLen
			if n > addrLen {
				proto := "IPv4"
				if addrLen == 128 {
					proto = "IPv6"
				}
				return cty.NilVal, function.NewArgErrorf(i+1, "would extend prefix to %d bits, which is too long for an %s address", n, proto)
			}
			next, rollover := nextSubnet(current, n)
			if rollover || !network.Contains(next.IP) {
				return cty.NilVal, function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after %s", n, current.String())
			}
			current = next
			out[i] = cty.StringVal(current.String())
		}
		return cty.ListVal(out), nil
	},
})

func clampPrefix(n, max int) int {
	switch {
	case n < 0:
		return 0
	case n > max:
		return max
	}
	return n
}

func to4(ip net.IP) net.IP {
	if v4 := ip.To4(); v4 != nil {
		return v4
	}
	return ip
}

func isZero(ip net.IP) bool {
	for _, b := range ip {
		if b != 0 {
			return false
		}
	}
	return true
}

func incIP(ip net.IP) net.IP {
	out := append(net.IP(nil), to4(ip)...)
	for i := len(out) - 1; i >= 0; i-- {
		out[i]++
		if out[i] != 0 {
			break
		}
	}
	return out
}

func decIP(ip net.IP) net.IP {
	out := append(net.IP(nil), to4(ip)...)
	for i := len(out) - 1; i >= 0; i-- {
		out[i]--
		if out[i] != 0xff {
			break
		}
	}
	return out
}

// lastAddress is the highest address of a network.
func lastAddress(n *net.IPNet) net.IP {
	first := n.IP.Mask(n.Mask)
	last := make(net.IP, len(first))
	mask := n.Mask
	if len(mask) != len(first) {
		mask = mask[len(mask)-len(first):]
	}
	for i := range first {
		last[i] = first[i] | ^mask[i]
	}
	return last
}

// previousSubnet is the network of the given prefix length just below the
// start of n.
func previousSubnet(n *net.IPNet, prefixLen int) *net.IPNet {
	start := to4(n.IP).Mask(n.Mask)
	prev := decIP(start)
	mask := net.CIDRMask(prefixLen, 8*len(prev))
	return &net.IPNet{IP: prev.Mask(mask), Mask: mask}
}

// nextSubnet is the network of the given prefix length just after n; the
// bool reports a wrap past the top of the address space.
func nextSubnet(n *net.IPNet, prefixLen int) (*net.IPNet, bool) {
	last := lastAddress(n)
	mask := net.CIDRMask(prefixLen, 8*len(last))
	cur := &net.IPNet{IP: last.Mask(mask), Mask: mask}
	after := incIP(lastAddress(cur))
	return &net.IPNet{IP: after.Mask(mask), Mask: mask}, isZero(after)
}
