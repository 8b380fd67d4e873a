package glob

import "testing"

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"api/**/*.yaml", "api/v1/payments.yaml", true},
		{"api/**/*.yaml", "api/payments.yaml", true},
		{"api/**/*.yaml", "other/payments.yaml", false},
		{"legacy/**", "legacy/a/b/c.json", true},
		{"*.yaml", "a/b.yaml", false},
		{"**", "anything/at/all", true},
	} {
		got, err := Match(tc.pattern, tc.name)
		if err != nil || got != tc.want {
			t.Errorf("MatchGlob(%q, %q) = %v, %v; want %v", tc.pattern, tc.name, got, err, tc.want)
		}
	}
	if _, err := Match("api/[", "api/x"); err == nil {
		t.Error("malformed glob accepted")
	}
}
