package avro

import (
	"fmt"
	"strings"
	"testing"
)

// benchRecord generates a record with n fields of varied types; evolved
// widens numeric types, adds a defaulted field and extends unions and enums
// the way a compatible next version would.
func benchRecord(n int, evolved bool) string {
	var fields []string
	for i := 0; i < n; i++ {
		var typ string
		switch i % 7 {
		case 0:
			typ = `"int"`
			if evolved {
				typ = `"long"`
			}
		case 1:
			typ = `"string"`
		case 2:
			typ = `["null","double"]`
			if evolved {
				typ = `["null","double","string"]`
			}
		case 3:
			typ = fmt.Sprintf(`{"type":"enum","name":"E%d","symbols":["A","B"]}`, i)
			if evolved {
				typ = fmt.Sprintf(`{"type":"enum","name":"E%d","symbols":["A","B","C"]}`, i)
			}
		case 4:
			typ = `{"type":"array","items":{"type":"map","values":"float"}}`
		case 5:
			typ = fmt.Sprintf(`{"type":"record","name":"Sub%d","fields":[{"name":"x","type":"int"},{"name":"y","type":["null","Sub%d"],"default":null}]}`, i, i)
		case 6:
			typ = fmt.Sprintf(`{"type":"fixed","name":"F%d","size":8}`, i)
		}
		fields = append(fields, fmt.Sprintf(`{"name":"f%d","type":%s}`, i, typ))
	}
	if evolved {
		fields = append(fields, `{"name":"added","type":["null","string"],"default":null}`)
	}
	return `{"type":"record","name":"Big","namespace":"bench","fields":[` + strings.Join(fields, ",") + `]}`
}

func BenchmarkCheck(b *testing.B) {
	writer := mustParse(b, "writer", benchRecord(50, false))
	reader := mustParse(b, "reader", benchRecord(50, true))
	if issues := (Checker{}).Check(reader, writer); len(issues) != 0 {
		b.Fatalf("generated pair is incompatible: %+v", issues)
	}
	if issues := (Checker{}).Check(writer, reader); len(issues) == 0 {
		b.Fatal("reverse direction should be incompatible")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Checker{}.Check(reader, writer)
	}
}

func BenchmarkParse(b *testing.B) {
	src := []byte(benchRecord(50, true))
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Parse("bench.avsc", src); err != nil {
			b.Fatal(err)
		}
	}
}
