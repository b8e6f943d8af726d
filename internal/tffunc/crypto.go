package tffunc

import (
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// hashKind names a hash function.
type hashKind int

const (
	hashMD5 hashKind = iota
	hashSHA1
	hashSHA256
	hashSHA512
)

func (k hashKind) new() hash.Hash {
	switch k {
	case hashMD5:
		return md5.New()
	case hashSHA1:
		return sha1.New()
	case hashSHA256:
		return sha256.New()
	default:
		return sha512.New()
	}
}

// digest hashes b and encodes the sum in hex or, with b64, in Base64.
func (k hashKind) digest(b []byte, b64 bool) string {
	h := k.new()
	h.Write(b)
	sum := h.Sum(nil)
	if b64 {
		return base64.StdEncoding.EncodeToString(sum)
	}
	return hex.EncodeToString(sum)
}

// stringHashFunc hashes a string's UTF-8 bytes.
func stringHashFunc(k hashKind, b64 bool) function.Function {
	return function.New(&function.Spec{
		Description:  "Computes a hash of the given string.",
		Params:       []function.Parameter{{Name: "str", Type: cty.String}},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(k.digest([]byte(args[0].AsString()), b64)), nil
		},
	})
}

// The RFC 4122 name space identifiers uuidv5 accepts by name.
var uuidNamespaces = map[string]string{
	"dns":  "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
	"url":  "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
	"oid":  "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
	"x500": "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
}

// uuidV5Func computes a name-based (SHA-1) UUID.
var uuidV5Func = function.New(&function.Spec{
	Description: "Generates a name-based UUID, as described in RFC 4122 section 4.3.",
	Params: []function.Parameter{
		{Name: "namespace", Type: cty.String},
		{Name: "name", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ns := args[0].AsString()
		text := ns
		if known, ok := uuidNamespaces[ns]; ok {
			text = known
		}
		space, err := parseUUID(text)
		if err != nil {
			return cty.NilVal, fmt.Errorf("uuidv5() doesn't support namespace %s (%v)", ns, err)
		}
		h := sha1.New()
		h.Write(space[:])
		h.Write([]byte(args[1].AsString()))
		var u [16]byte
		copy(u[:], h.Sum(nil))
		u[6] = u[6]&0x0f | 0x50 // version 5
		u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
		return cty.StringVal(formatUUID(u)), nil
	},
})

// parseUUID reads a UUID in the forms google/uuid accepts: the canonical
// 36 characters, wrapped in braces, prefixed with urn:uuid:, or 32 bare
// hex digits.
func parseUUID(s string) ([16]byte, error) {
	var u [16]byte
	switch len(s) {
	case 36:
	case 36 + 9:
		if !strings.EqualFold(s[:9], "urn:uuid:") {
			return u, fmt.Errorf("invalid urn prefix: %q", s[:9])
		}
		s = s[9:]
	case 36 + 2:
		if s[0] != '{' || s[len(s)-1] != '}' {
			return u, errors.New("invalid UUID format")
		}
		s = s[1 : len(s)-1]
	case 32:
		b, err := hex.DecodeString(s)
		if err != nil {
			return u, errors.New("invalid UUID format")
		}
		copy(u[:], b)
		return u, nil
	default:
		return u, fmt.Errorf("invalid UUID length: %d", len(s))
	}
	if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, errors.New("invalid UUID format")
	}
	b, err := hex.DecodeString(s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:])
	if err != nil {
		return u, errors.New("invalid UUID format")
	}
	copy(u[:], b)
	return u, nil
}

func formatUUID(u [16]byte) string {
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// rsaDecryptFunc decrypts Base64 ciphertext (RSA PKCS #1 v1.5) with a PEM
// private key.
var rsaDecryptFunc = function.New(&function.Spec{
	Description: "Decrypts an RSA-encrypted ciphertext.",
	Params: []function.Parameter{
		{Name: "ciphertext", Type: cty.String},
		{Name: "privatekey", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ct, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "failed to decode input %q: cipher text must be base64-encoded", args[0].AsString())
		}
		block, _ := pem.Decode([]byte(args[1].AsString()))
		if block == nil {
			return cty.NilVal, function.NewArgErrorf(1, "invalid private key: no key found")
		}
		var key *rsa.PrivateKey
		if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
			key = k
		} else if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
			rk, ok := k.(*rsa.PrivateKey)
			if !ok {
				return cty.NilVal, function.NewArgErrorf(1, "invalid private key type %T", k)
			}
			key = rk
		} else {
			return cty.NilVal, function.NewArgErrorf(1, "invalid private key: failed to parse private key")
		}
		out, err := rsa.DecryptPKCS1v15(nil, key, ct)
		if err != nil {
			return cty.NilVal, fmt.Errorf("failed to decrypt: %s", err)
		}
		if !utf8.Valid(out) {
			return cty.NilVal, errors.New("the decrypted text is not valid UTF-8")
		}
		return cty.StringVal(string(out)), nil
	},
})
