package addr

import (
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// FuzzParse feeds arbitrary words to the address parser of each family: it
// must never panic, never use more words than it was given, and its errors
// must be one line without control bytes.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"127.0.0.1:8080", "::1 8080", "[fe80::1%lo]:80", ":0", "('127.0.0.1', 80)", "/tmp/x.sock", "@abs", "lo 0x0003", "0 1", "b'\\x00n'", "[::1]:99999", "('h',", ""} {
		f.Add(s)
	}
	families := []int{unix.AF_INET, unix.AF_INET6, unix.AF_UNIX, unix.AF_PACKET, unix.AF_NETLINK, unix.AF_RDS}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 300 || strings.Contains(s, "localhost") {
			return // resolution reads /etc/hosts; keep the fuzzer on the parser
		}
		words := strings.Fields(s)
		for _, fam := range families {
			sa, used, err := Parse(fam, words)
			if err != nil {
				if strings.ContainsAny(err.Error(), "\n\r\x1b") {
					t.Fatalf("family %d: error with control bytes: %q", fam, err)
				}
				continue
			}
			if used < 0 || used > len(words) {
				t.Fatalf("family %d: used %d of %d words", fam, used, len(words))
			}
			_ = Format(sa)
		}
	})
}
