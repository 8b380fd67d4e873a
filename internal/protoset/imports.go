package protoset

// Unreadable is an import that no file has: a file whose imports the
// scanner cannot account for depends on it, so it is never reused.
const Unreadable = "\x00unreadable-import"

// ScanImports lists the files a .proto source imports, skipping comments
// and string literals. It only decides what may be reused: an `import`
// keyword that does not start a plain import statement makes the file
// count as changed.
func ScanImports(data []byte) []string {
	var out []string
	n := len(data)
	isIdent := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	skipSpace := func(i int) int {
		for i < n {
			switch {
			case data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r':
				i++
			case data[i] == '/' && i+1 < n && data[i+1] == '/':
				for i < n && data[i] != '\n' {
					i++
				}
			case data[i] == '/' && i+1 < n && data[i+1] == '*':
				i += 2
				for i+1 < n && !(data[i] == '*' && data[i+1] == '/') {
					i++
				}
				i += 2
			default:
				return i
			}
		}
		return i
	}
	skipString := func(i int) (int, string, bool) { // data[i] is a quote
		q := data[i]
		j := i + 1
		for j < n && data[j] != q && data[j] != '\n' {
			if data[j] == '\\' {
				j++
			}
			j++
		}
		if j >= n || data[j] != q {
			return j, "", false
		}
		return j + 1, string(data[i+1 : j]), true
	}
	word := func(i int, w string) bool {
		return i+len(w) <= n && string(data[i:i+len(w)]) == w && (i+len(w) == n || !isIdent(data[i+len(w)]))
	}
	for i := 0; i < n; {
		i = skipSpace(i)
		if i >= n {
			break
		}
		c := data[i]
		switch {
		case c == '"' || c == '\'':
			i, _, _ = skipString(i)
		case isIdent(c):
			start := i
			for i < n && isIdent(data[i]) {
				i++
			}
			if string(data[start:i]) != "import" || (start > 0 && data[start-1] == '.') {
				continue
			}
			j := skipSpace(i)
			if word(j, "public") || word(j, "weak") {
				for j < n && isIdent(data[j]) {
					j++
				}
				j = skipSpace(j)
			}
			if j < n && (data[j] == '"' || data[j] == '\'') {
				end, name, ok := skipString(j)
				if k := skipSpace(end); ok && k < n && data[k] == ';' {
					out = append(out, name)
					i = k + 1
					continue
				}
			}
			out = append(out, Unreadable)
		default:
			i++
		}
	}
	return out
}
