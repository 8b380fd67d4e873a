package protobuf

import (
	"strings"
	"testing"
)

func TestCanonicalGolden(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "proto2 with every declaration kind",
			src: `syntax = "proto2";
package p.v1;
option java_multiple_files = true;
message M {
  optional int32 a = 1 [default = -7, deprecated = true];
  optional string s = 2 [default = "h\"i"];
  optional double d = 3 [default = inf];
  optional float f = 4 [default = 1.5];
  optional E e = 5 [default = E_ONE];
  optional bytes b = 6 [default = "\001x"];
  optional bool t = 7 [default = true];
  optional group G = 8 { optional int32 x = 9; }
  map<int64, M> m = 10 [json_name = "mm"];
  extensions 100 to 199, 300 to max;
  reserved 20 to 25, 30;
  reserved "old", "older";
  extend M { optional int32 ext = 100; }
}
enum E {
  option allow_alias = true;
  E_ZERO = 0;
  E_ONE = 1;
  E_UNO = 1 [deprecated = true];
  reserved 5 to 9, 12;
  reserved "E_GONE";
}
service S {
  option deprecated = true;
  rpc A(M) returns (M);
  rpc B(stream M) returns (stream M) { option idempotency_level = NO_SIDE_EFFECTS; }
}
`,
			want: `syntax = "proto2";
package p.v1;
option java_multiple_files = true;
message M {
  optional int32 a = 1 [default = -7, deprecated = true];
  optional string s = 2 [default = "h\"i"];
  optional double d = 3 [default = inf];
  optional float f = 4 [default = 1.5];
  optional .p.v1.E e = 5 [default = E_ONE];
  optional bytes b = 6 [default = "\x01x"];
  optional bool t = 7 [default = true];
  optional group .p.v1.M.G g = 8;
  map<int64, .p.v1.M> m = 10 [json_name = "mm"];
  extensions 100 to 199;
  extensions 300 to 536870911;
  reserved 20 to 25;
  reserved 30 to 30;
  reserved "old";
  reserved "older";
  message G {
    optional int32 x = 9;
  }
  extend .p.v1.M {
    optional int32 ext = 100;
  }
}
enum E {
  option allow_alias = true;
  E_ZERO = 0;
  E_ONE = 1;
  E_UNO = 1 [deprecated = true];
  reserved 5 to 9;
  reserved 12 to 12;
  reserved "E_GONE";
}
service S {
  option deprecated = true;
  rpc A(.p.v1.M) returns (.p.v1.M);
  rpc B(stream .p.v1.M) returns (stream .p.v1.M) [idempotency_level = NO_SIDE_EFFECTS];
}
`,
		},
		{
			name: "edition 2023 features",
			src: `edition = "2023";
package e;
message M {
  int32 a = 1 [features.field_presence = LEGACY_REQUIRED];
  repeated int32 r = 2;
  M child = 3 [features.message_encoding = DELIMITED];
}
`,
			want: `edition = "2023";
package e;
message M {
  required int32 a = 1 [features = {field_presence: LEGACY_REQUIRED}];
  repeated int32 r = 2;
  group .e.M child = 3 [features = {message_encoding: DELIMITED}];
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("golden.proto", []byte(tt.src), nil)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := s.Canonical(); got != tt.want {
				t.Errorf("canonical form:\n%s\nwant:\n%s", got, tt.want)
			}
			// Reformatting the source (one declaration per line, extra
			// blank lines and comments) keeps the canonical form.
			noisy := "// leading comment\n" + strings.ReplaceAll(tt.src, ";\n", "; // note\n\n")
			again, err := Parse("golden.proto", []byte(noisy), nil)
			if err != nil {
				t.Fatalf("Parse reformatted: %v", err)
			}
			if again.Canonical() != s.Canonical() {
				t.Errorf("reformatting changed the canonical form:\n%s", again.Canonical())
			}
		})
	}
}
