package validaterules

import (
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
)

// celRule is one CEL rule as written: a Rule message (cel) or a bare
// expression (cel_expression).
type celRule struct {
	id, message, expr string
}

func rulesOf(rs []*validate.Rule) []celRule {
	out := make([]celRule, len(rs))
	for i, r := range rs {
		out[i] = celRule{r.GetId(), r.GetMessage(), r.GetExpression()}
	}
	return out
}

func expressionsOf(es []string) []celRule {
	out := make([]celRule, len(es))
	for i, e := range es {
		out[i] = celRule{expr: e}
	}
	return out
}

// checkCEL checks a list of CEL rules in env: IDs well-formed and unique,
// expressions present, compiling, and evaluating to a bool or a string (a
// string result is the message, so a message beside it is dead). at(i)
// reports about rule i; what names the list in messages.
func checkCEL(env *cel.Env, rs []celRule, what string, at func(i int, format string, args ...any)) {
	byID := map[string][]int{}
	var ids []string
	for i, r := range rs {
		if r.id != "" {
			if strings.IndexFunc(r.id, badIDRune) >= 0 {
				at(i, "%s id %q may only hold the letters a-z and A-Z, digits, '.', '_' and '-'", what, r.id)
			}
			if byID[r.id] == nil {
				ids = append(ids, r.id)
			}
			byID[r.id] = append(byID[r.id], i)
		}
		if strings.TrimSpace(r.expr) == "" {
			at(i, "%s has no expression", what)
			continue
		}
		ast, iss := env.Compile(r.expr)
		out := types.ErrorType
		if ast != nil {
			out = ast.OutputType()
		}
		switch {
		case out.IsAssignableType(cel.BoolType):
		case out.IsAssignableType(cel.StringType):
			if r.message != "" {
				at(i, "%s evaluates to a string, which is the violation's message, so its message %q is never shown: remove it", what, r.message)
			}
		case out.IsExactType(types.ErrorType):
		default:
			at(i, "%s evaluates to %s; it must evaluate to a bool or a string", what, cel.FormatCELType(out))
		}
		if iss.Err() != nil {
			for _, e := range iss.Errors() {
				at(i, "%s does not compile: %s", what, strings.TrimPrefix(e.Message, "Syntax error: "))
			}
		}
	}
	for _, id := range ids {
		if idx := byID[id]; len(idx) > 1 {
			for _, i := range idx {
				at(i, "%s id %q is used %d times; ids must be unique", what, id, len(idx))
			}
		}
	}
}

func badIDRune(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' || r == '.')
}
