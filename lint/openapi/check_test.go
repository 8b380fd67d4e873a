package openapi

import (
	"testing"
)

func TestSecretKind(t *testing.T) {
	for s, want := range map[string]bool{
		"sk_live_51HqLyjWDarjtT1zdp7dc":                              true,
		"sk_test_51HqLyjWDarjtT1zdp7dc":                              false,
		"AKIAIOSFODNN7EXAMPLE":                                       true,
		"xAKIAIOSFODNN7EXAMPLE":                                      false,
		"AKIA_EXAMPLE":                                               false,
		"-----BEGIN EC PRIVATE KEY-----":                             true,
		"-----BEGIN PUBLIC KEY-----":                                 false,
		"ghp_16C7e42F292c6912E7710c838347Ae178B4a":                   true,
		"xoxp-1234567890-abcdef":                                     true,
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl":          true,
		"eyJ...redacted":                                             false,
		"The key looks like sk_live_ followed by 24 characters only": false,
	} {
		if got := secretKind(s) != ""; got != want {
			t.Errorf("secretKind(%q) = %v; want %v", s, got, want)
		}
	}
}

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
