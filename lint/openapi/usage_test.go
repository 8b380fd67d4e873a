package openapi_test

import (
	"slices"
	"testing"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	openapilint "github.com/contractctl/contractctl/lint/openapi"
	"github.com/contractctl/contractctl/rules"
)

// A problem in a shared schema in another file is reported once, there,
// listing the operations that reach it (through another component too);
// inline problems list nothing.
func TestSharedFindingListsOperations(t *testing.T) {
	src := mapReader{
		"api.yaml": {Data: []byte(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /v1/a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Wrapper'}
  /v1/b:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: 'common.yaml#/Money'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  price: {type: number}
                  currency: {type: string}
components:
  schemas:
    Wrapper:
      type: object
      properties:
        money: {$ref: 'common.yaml#/Money'}
`)},
		"common.yaml": {Data: []byte("Money:\n  type: object\n  properties:\n    amount: {type: number}\n    currency: {type: string}\n")},
	}
	l := load.NewLoader(src, "")
	f, err := l.Load("api.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := openapilint.Lint(contract.Options{Config: config.Defaults(), Catalog: rules.Default()}, contract.Doc{File: f, Loader: l})
	if err != nil {
		t.Fatal(err)
	}
	var money []finding.Finding
	for _, fd := range fs {
		if fd.Rule == rules.MoneyIntegerMinorUnits {
			money = append(money, fd)
		}
	}
	if len(money) != 2 {
		t.Fatalf("money findings %+v; want the shared one and the inline one", money)
	}
	for _, fd := range money {
		switch fd.File {
		case "common.yaml":
			if fd.Line != 4 || !slices.Equal(fd.Operations, []string{"GET /v1/a", "POST /v1/b"}) {
				t.Errorf("shared finding at line %d lists %q", fd.Line, fd.Operations)
			}
		case "api.yaml":
			if fd.Operations != nil {
				t.Errorf("inline finding lists %q", fd.Operations)
			}
		}
	}
}
