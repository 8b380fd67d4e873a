package openapi

import (
	"testing"
)

func TestExpandServerURL(t *testing.T) {
	doc := `{"variables": {"scheme": {"default": "http"}, "region": {"default": "eu"}}}`
	f, err := parseForTest(doc)
	if err != nil {
		t.Fatal(err)
	}
	vars := f.Root.Content[1]
	if got := expandServerURL("{scheme}://{region}.api.example.com/{missing}", vars); got != "http://eu.api.example.com/{missing}" {
		t.Errorf("expandServerURL = %q", got)
	}
}
