package load

import "testing"

// JSON that encoding/json accepts parses, and its strings decode alike:
// an escaped backslash before a quote, an escaped slash, a backslash before
// a slash, and a surrogate pair (argo-workflows' Swagger files have all of
// them).
func TestParseJSONEscapes(t *testing.T) {
	f, err := Parse("a.json", []byte(`{"q":"\\'","s":"\/","bs":"a\\/b","emoji":"\ud83d\ude00","lone":"\ud83d"}`))
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"/q": `\'`, "/s": "/", "/bs": `a\/b`, "/emoji": "😀", "/lone": "\uFFFD"} {
		if _, v := Lookup(f.Root, p); v == nil || v.Value != want {
			t.Errorf("%s = %+v; want %q", p, v, want)
		}
	}
}
