package asyncapi

import (
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/asyncapi"
)

// isPlainProtocol reports whether a protocol carries messages in clear
// text.
func isPlainProtocol(p string) bool {
	switch p {
	case "http", "ws", "mqtt", "mqtt5", "amqp", "amqp1", "stomp", "nats", "redis", "tcp", "jms":
		return true
	}
	return false
}

// isWebProtocol reports whether a protocol's messages need signatures
// (webhooks and partner streams).
func isWebProtocol(p string) bool {
	switch p {
	case "http", "https", "ws", "wss":
		return true
	}
	return false
}

func runServerSecureProtocol(p *Pass) {
	for _, s := range p.Doc.Servers {
		proto := strings.ToLower(s.Protocol)
		switch {
		case isPlainProtocol(proto) && !isLocalhost(s.Host):
			p.Report(s.Loc, "server %q uses the plain-text protocol %s; use its TLS variant (https, wss, secure-mqtt, amqps, …) or restrict it to localhost", s.Name, s.Protocol)
		case (proto == "kafka" || proto == "kafka-secure") && s.SecurityLoc.Node == nil:
			p.Report(s.Loc, "kafka server %q declares no security; add the security schemes clients authenticate with", s.Name)
		}
	}
}

// isLocalhost reports whether a server host (3.0 host, 2.x url) is the
// local machine.
func isLocalhost(host string) bool {
	h := host
	if strings.Contains(h, "://") {
		if u, err := url.Parse(h); err == nil {
			h = u.Host
		}
	}
	if i := strings.IndexAny(h, "/"); i >= 0 {
		h = h[:i]
	}
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.Trim(strings.ToLower(h), "[]")
	return h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "::1" || strings.HasPrefix(h, "127.")
}

// serversOf returns the servers a channel is on (all when it names none).
func serversOf(doc *asyncapi.Document, ch *asyncapi.Channel) []*asyncapi.Server {
	if ch.Servers == nil {
		return doc.Servers
	}
	var out []*asyncapi.Server
	for _, s := range doc.Servers {
		if slices.Contains(ch.Servers, s.Name) {
			out = append(out, s)
		}
	}
	return out
}

func runSigned(p *Pass) {
	for _, ch := range p.Doc.Channels {
		web := ""
		for _, s := range serversOf(p.Doc, ch) {
			if isWebProtocol(strings.ToLower(s.Protocol)) {
				web = s.Name
				break
			}
		}
		if web == "" {
			continue
		}
		for _, cm := range ch.Messages {
			m := cm.Message
			names := headerNames(p, m)
			var missing []string
			for _, h := range p.Config.AsyncAPI.SignatureHeaders {
				if !containsFold(names, h) {
					missing = append(missing, h)
				}
			}
			if len(missing) > 0 {
				p.Report(m.Loc, "message %q travels over server %q (%s) but does not declare the %s header(s); add them so receivers can verify the sender and reject replays", m.ID, web, protocolOf(p.Doc, web), strings.Join(missing, ", "))
			}
		}
	}
}

func protocolOf(doc *asyncapi.Document, server string) string {
	for _, s := range doc.Servers {
		if s.Name == server {
			return s.Protocol
		}
	}
	return ""
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
