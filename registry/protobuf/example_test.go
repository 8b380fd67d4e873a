package protobuf_test

import (
	"fmt"

	protobufregistry "github.com/contractctl/contractctl/registry/protobuf"
)

func ExampleChecker() {
	v1, err := protobufregistry.Parse("order.proto", []byte(`syntax = "proto3";
package shop;
message Order {
  string id = 1;
  int32 quantity = 2;
}
`), nil)
	if err != nil {
		panic(err)
	}
	v2, err := protobufregistry.Parse("order.proto", []byte(`syntax = "proto3";
package shop;
message Order {
  string id = 1;
  sint32 quantity = 2; // zig-zag encoding: not wire compatible
  string note = 3;
}
`), nil)
	if err != nil {
		panic(err)
	}
	// BACKWARD: can the new version (reader) read data written with v1?
	for _, issue := range (protobufregistry.Checker{}).Check(v2, v1) {
		fmt.Printf("%s %s compatible=%v at %d:%d\n", issue.Type, issue.Path, issue.Compatible, issue.Line, issue.Column)
	}
	// Output:
	// FIELD_SCALAR_KIND_CHANGED #/Order/2 compatible=false at 5:3
	// FIELD_ADDED #/Order/3 compatible=true at 6:3
}

func ExampleParse_error() {
	_, err := protobufregistry.Parse("bad.proto", []byte(`syntax = "proto3";
message A {
  Missing m = 1;
  Unknown u = 2;
}
`), nil)
	fmt.Println(err)
	// Output:
	// bad.proto:3:3: field A.m: unknown type Missing
	// bad.proto:4:3: field A.u: unknown type Unknown
}
