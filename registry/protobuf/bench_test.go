package protobuf

import (
	"fmt"
	"strings"
	"testing"
)

// wideMessage generates a proto3 message with n fields of mixed kinds, each
// variant shifting some types and names so the diff has work to do.
func wideMessage(n int, variant int) string {
	scalars := []string{"int32", "int64", "string", "bytes", "sint32", "fixed64", "double", "bool"}
	var b strings.Builder
	b.WriteString("syntax = \"proto3\";\npackage bench;\nmessage Wide {\n")
	for i := 1; i <= n; i++ {
		switch {
		case i%10 == 0:
			fmt.Fprintf(&b, "  Nested f%d = %d;\n", i, i)
		case i%10 == 5:
			fmt.Fprintf(&b, "  map<string, %s> f%d = %d;\n", scalars[(i+variant)%len(scalars)], i, i)
		case i%7 == 0:
			fmt.Fprintf(&b, "  repeated %s r%d_%d = %d;\n", scalars[i%len(scalars)], i, variant, i)
		default:
			fmt.Fprintf(&b, "  %s f%d = %d;\n", scalars[(i+variant*(i%3))%len(scalars)], i, i)
		}
	}
	b.WriteString("  oneof choice {\n")
	for i := n + 1; i <= n+5+variant; i++ {
		fmt.Fprintf(&b, "    string c%d = %d;\n", i, i)
	}
	b.WriteString("  }\n  message Nested { int32 x = 1; }\n}\nenum Kind {\n  KIND_ZERO = 0;\n")
	for i := 1; i <= 10+variant; i++ {
		fmt.Fprintf(&b, "  KIND_%d = %d;\n", i, i)
	}
	b.WriteString("}\n")
	return b.String()
}

func BenchmarkCheck(b *testing.B) {
	original := mustParse(b, wideMessage(100, 0), nil)
	update := mustParse(b, wideMessage(100, 1), nil)
	issues := Checker{}.Check(update, original)
	if len(issues) == 0 {
		b.Fatal("generated versions do not differ")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Checker{}.Check(update, original)
	}
	b.ReportMetric(float64(len(issues)), "issues")
}

func BenchmarkParse(b *testing.B) {
	data := []byte(wideMessage(100, 0))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("wide.proto", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}
