package openapi

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/contractctl/contractctl/internal/load"
)

// versionedServer matches a server URL whose path ends in a version
// segment, so that the paths below it need not repeat one.
var versionedServer = regexp.MustCompile(`/v[0-9]+/?$`)

func runPathVersioned(p *Pass) {
	re := p.Config.House.VersionPathRegexp()
	serversVersioned := len(p.Doc.Servers) > 0
	for _, s := range p.Doc.Servers {
		if !versionedServer.MatchString(s) {
			serversVersioned = false
		}
	}
	p.OnPath(func(pi *PathItem) {
		if serversVersioned || re.MatchString(pi.Path) {
			return
		}
		suggestion := "/v1" + pi.Path
		if !strings.HasPrefix(pi.Path, "/") {
			suggestion = "/v1/" + pi.Path
		}
		p.Report(pi.Loc, "path %s does not start with a version segment; prefix it (e.g. %s) or version every server URL",
			pi.Path, suggestion)
	})
}

func runIdempotencyKey(p *Pass) {
	header := p.Config.House.IdempotencyHeader
	prop := p.Config.House.IdempotencyProperty
	p.OnOperation(func(op *Operation) {
		if op.Context != InPaths || (op.Method != "POST" && op.Method != "PATCH") {
			return
		}
		if op.Body != nil && p.Required(op.Body)[prop] {
			return
		}
		h := op.Header(header)
		switch {
		case h == nil:
			p.Report(op.Loc, "%s accepts no %s header; declare it as a required header parameter (or require %s in the JSON body) so that retries are safe",
				op.Name(), header, prop)
		case !h.Required:
			p.Report(h.Loc, "the %s header is declared but not required; set required: true so that every retry can be deduplicated", header)
		}
	})
}

func isStatus(status string, codes ...string) bool {
	for _, c := range codes {
		if status == c {
			return true
		}
	}
	return false
}

// servedResponse reports whether the response is one the API sends (under
// paths, or a reusable component), not one a webhook receiver sends.
func servedResponse(r *Response) bool { return r.Context == InPaths || r.Context == InComponents }

func runRetryAfter(p *Pass) {
	p.OnResponse(func(r *Response) {
		if !servedResponse(r) || !isStatus(r.Status, "429", "503") || r.HasHeader("Retry-After") {
			return
		}
		p.Report(r.Loc, "a %s response must declare a Retry-After header so that clients know when to retry", r.Status)
	})
}

func runRateLimitDocumented(p *Pass) {
	p.OnOperation(func(op *Operation) {
		if op.Context != InPaths {
			return
		}
		rs := load.Value(op.Node, "responses")
		if load.Value(rs, "429") != nil || load.Value(rs, "4XX") != nil || load.Value(rs, "4xx") != nil {
			return
		}
		p.Report(op.Loc, "%s does not declare a 429 response; document the rate limit (429 with Retry-After)", op.Name())
	})
}

func runTraceID(p *Pass) {
	names := p.Config.House.TraceHeaders
	p.OnResponse(func(r *Response) {
		if !servedResponse(r) || r.HasHeader(names...) {
			return
		}
		p.Report(r.Loc, "response declares no %s header; add it so that a failed call can be traced", strings.Join(names, " or "))
	})
}

func runAcceptedLocation(p *Pass) {
	p.OnResponse(func(r *Response) {
		if !servedResponse(r) || r.Status != "202" || r.HasHeader("Location") {
			return
		}
		p.Report(r.Loc, "a 202 response must declare a Location header pointing at the status of the accepted work")
	})
}

func runServerHTTPS(p *Pass) {
	p.OnServer(func(s *Server) {
		scheme, rest, ok := strings.Cut(s.URL, "://")
		if !ok || strings.EqualFold(scheme, "https") || scheme == "" {
			return // relative, https, or scheme-relative
		}
		if isLocalHost(rest) {
			return
		}
		p.Report(s.Loc, "server %s does not use https; serve the API over TLS only", s.URL)
	})
}

// isLocalHost reports whether the host part of "host[:port]/path" is the
// loopback interface.
func isLocalHost(hostPath string) bool {
	u, err := url.Parse("//" + hostPath)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Hostname()) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}
