package asyncapi

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	yaml "go.yaml.in/yaml/v3"
)

// parser builds one Document; it is used once.
type parser struct {
	l        *load.Loader
	doc      *Document
	messages map[string]*Message
	schemas  map[string]*Schema
	channels map[string]*Channel // by site and by resolved location
	walked   map[*yaml.Node]bool // schema nodes whose $refs were checked
	seen     map[string]bool     // problems already reported
	index    map[*yaml.Node]map[string]int
}

// local resolves a local JSON pointer in f with an index of large
// mappings, so that documents with thousands of channels resolve their
// references in constant time each. ok is false when it does not resolve
// (the caller then reports through the loader's error).
func (p *parser) local(f *load.File, pointer string) (Loc, bool) {
	n := load.Deref(f.Root)
	var key *yaml.Node
	for _, tok := range load.Split(pointer) {
		switch {
		case n == nil:
			return Loc{}, false
		case n.Kind == yaml.MappingNode:
			i, ok := p.keyIndex(n, tok)
			if !ok {
				return Loc{}, false
			}
			key, n = n.Content[i], load.Deref(n.Content[i+1])
		default:
			k, v := load.Lookup(n, "/"+load.Escape(tok))
			if v == nil {
				return Loc{}, false
			}
			key, n = k, v
		}
	}
	if n == nil {
		return Loc{}, false
	}
	return Loc{File: f, Pointer: pointer, Key: key, Node: n}, true
}

// keyIndex finds key in mapping m (the index of its key node in Content).
func (p *parser) keyIndex(m *yaml.Node, key string) (int, bool) {
	if len(m.Content) < 32 {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return i, true
			}
		}
		return 0, false
	}
	idx, ok := p.index[m]
	if !ok {
		idx = make(map[string]int, len(m.Content)/2)
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, dup := idx[m.Content[i].Value]; !dup {
				idx[m.Content[i].Value] = i
			}
		}
		p.index[m] = idx
	}
	i, ok := idx[key]
	return i, ok
}

// Parse builds the model of the AsyncAPI document f, following $refs
// through l. Structural problems are collected in Document.Problems; the
// error is for a file that is not an AsyncAPI document at all.
func Parse(f *load.File, l *load.Loader) (*Document, error) {
	if f == nil {
		return nil, errors.New("asyncapi: no file")
	}
	if f.Kind != load.AsyncAPI {
		return nil, &load.Error{File: f.Name, Msg: "not an AsyncAPI document: no top-level asyncapi key"}
	}
	p := &parser{
		l:        l,
		doc:      &Document{File: f, Version: f.Version, SecuritySchemes: map[string]Loc{}},
		messages: map[string]*Message{},
		schemas:  map[string]*Schema{},
		channels: map[string]*Channel{},
		walked:   map[*yaml.Node]bool{},
		seen:     map[string]bool{},
		index:    map[*yaml.Node]map[string]int{},
	}
	root := Loc{File: f, Pointer: "", Node: load.Deref(f.Root)}
	p.root(root)
	return p.doc, nil
}

func (p *parser) root(root Loc) {
	if !p.mapping(root, "the document") {
		return
	}
	v, _ := root.Child("asyncapi")
	if !p.isString(v) {
		p.problem(v, "asyncapi must be a version string such as 2.6.0 or 3.0.0")
		return
	}
	p.doc.Version = v.Node.Value
	switch {
	case strings.HasPrefix(p.doc.Version, "2.") && len(p.doc.Version) >= 3 && p.doc.Version[2] >= '0' && p.doc.Version[2] <= '6':
		p.doc.Major = 2
	case strings.HasPrefix(p.doc.Version, "3.0"):
		p.doc.Major = 3
	default:
		p.problem(v, "asyncapi version %q is not supported; use 2.0.0–2.6.0 or 3.0.0", p.doc.Version)
		return
	}
	if p.doc.Major == 2 {
		p.allowedKeys(root, "the document", "asyncapi", "id", "info", "servers", "defaultContentType", "channels", "components", "tags", "externalDocs")
	} else {
		p.allowedKeys(root, "the document", "asyncapi", "id", "info", "servers", "defaultContentType", "channels", "operations", "components")
	}
	p.optString(root, "id")
	p.optString(root, "defaultContentType")
	if v, ok := root.Child("defaultContentType"); ok && p.isString(v) {
		p.doc.DefaultContentType = v.Node.Value
	}
	p.info(root)
	comps, hasComps := root.Child("components")
	if hasComps && p.mapping(comps, "components") {
		p.securitySchemes(comps)
	}
	p.servers(root)
	ch, ok := root.Child("channels")
	switch {
	case !ok && p.doc.Major == 2:
		p.problem(root, "a 2.x document must have channels; add channels: {} or the channels the application uses")
	case ok:
		if p.mapping(ch, "channels") {
			p.channels2or3(ch)
		}
	}
	if p.doc.Major == 3 {
		if ops, ok := root.Child("operations"); ok && p.mapping(ops, "operations") {
			for _, e := range entries(ops) {
				p.operation3(e.key, e.loc)
			}
		}
	}
	if hasComps && comps.Node.Kind == yaml.MappingNode {
		p.components(comps)
	}
}

func (p *parser) info(root Loc) {
	in, ok := root.Child("info")
	if !ok {
		p.problem(root, "info is required; add info with title and version")
		return
	}
	p.doc.Info.Loc = in
	if !p.mapping(in, "info") {
		return
	}
	p.doc.Info.Title, _ = p.reqString(in, "title", "info")
	p.doc.Info.Version, p.doc.Info.VersionLoc = p.reqString(in, "version", "info")
}

func (p *parser) securitySchemes(comps Loc) {
	ss, ok := comps.Child("securitySchemes")
	if !ok || !p.mapping(ss, "components.securitySchemes") {
		return
	}
	for _, e := range entries(ss) {
		rl, ok := p.resolve(e.loc)
		if !ok {
			continue
		}
		if p.mapping(rl, "a security scheme") {
			p.reqString(rl, "type", "a security scheme")
		}
		p.doc.SecuritySchemes[e.key] = e.loc
	}
}

func (p *parser) servers(root Loc) {
	ss, ok := root.Child("servers")
	if !ok || !p.mapping(ss, "servers") {
		return
	}
	for _, e := range entries(ss) {
		rl, ok := p.resolve(e.loc)
		if !ok || !p.mapping(rl, "a server") {
			continue
		}
		s := &Server{Name: e.key, Loc: e.loc}
		if p.doc.Major == 2 {
			p.allowedKeys(rl, "a server", "url", "protocol", "protocolVersion", "description", "variables", "security", "tags", "bindings")
			s.Host, _ = p.reqString(rl, "url", "a server")
		} else {
			p.allowedKeys(rl, "a server", "host", "protocol", "protocolVersion", "pathname", "description", "title", "summary", "variables", "security", "tags", "externalDocs", "bindings")
			s.Host, _ = p.reqString(rl, "host", "a server")
			p.optString(rl, "pathname")
			if v, ok := rl.Child("pathname"); ok && p.isString(v) {
				s.Pathname = v.Node.Value
			}
		}
		s.Protocol, _ = p.reqString(rl, "protocol", "a server")
		p.optString(rl, "protocolVersion")
		if vars, ok := rl.Child("variables"); ok && p.mapping(vars, "server variables") {
			s.Variables = map[string]string{}
			for _, e := range entries(vars) {
				if vl, ok := p.resolve(e.loc); ok && p.mapping(vl, "a server variable") {
					if d, ok := vl.Child("default"); ok && d.Node.Kind == yaml.ScalarNode {
						s.Variables[e.key] = d.Node.Value
					}
				}
			}
		}
		s.Security, s.SecurityLoc = p.security(rl)
		p.doc.Servers = append(p.doc.Servers, s)
	}
}

// security reads a security list: 2.x maps of scheme name to scopes, 3.0
// security scheme objects or references to them.
func (p *parser) security(owner Loc) ([]Security, Loc) {
	sl, ok := owner.Child("security")
	if !ok {
		return nil, Loc{}
	}
	if !p.sequence(sl, "security") {
		return nil, sl
	}
	var out []Security
	for i := range sl.Node.Content {
		it := sl.Item(i)
		if p.doc.Major == 2 {
			if !p.mapping(it, "a security requirement") {
				continue
			}
			for _, e := range entries(it) {
				if _, ok := p.doc.SecuritySchemes[e.key]; !ok {
					p.problem(e.loc, "security scheme %q is not defined in components.securitySchemes", e.key)
				}
				var scopes []string
				if p.sequence(e.loc, "security scopes") {
					for _, s := range e.loc.Node.Content {
						scopes = append(scopes, s.Value)
					}
				}
				out = append(out, Security{Scheme: e.key, Scopes: scopes, Loc: e.loc})
			}
			continue
		}
		name := ""
		if ref := load.Ref(it.Node); ref != "" && !isRemote(ref) {
			toks := load.Split(strings.TrimPrefix(ref[strings.Index(ref, "#")+1:], ""))
			if len(toks) > 0 {
				name = toks[len(toks)-1]
			}
		}
		rl, ok := p.resolve(it)
		if !ok || !p.mapping(rl, "a security scheme") {
			continue
		}
		typ, _ := p.reqString(rl, "type", "a security scheme")
		if name == "" {
			name = typ
		}
		var scopes []string
		if sc, ok := rl.Child("scopes"); ok && sc.Node.Kind == yaml.SequenceNode {
			for _, s := range sc.Node.Content {
				scopes = append(scopes, s.Value)
			}
		}
		out = append(out, Security{Scheme: name, Scopes: scopes, Loc: it})
	}
	return out, sl
}

func (p *parser) channels2or3(chs Loc) {
	for _, e := range entries(chs) {
		rl, ok := p.resolve(e.loc)
		if !ok || !p.mapping(rl, "a channel") {
			continue
		}
		ch := &Channel{Key: e.key, Loc: e.loc, Lifecycle: p.lifecycle(rl)}
		for _, k := range []string{"title", "summary", "description"} {
			p.optString(rl, k)
		}
		p.channels[e.loc.ID()] = ch
		p.channels[rl.ID()] = ch
		if p.doc.Major == 2 {
			p.allowedKeys(rl, "a channel", "$ref", "description", "servers", "subscribe", "publish", "parameters", "bindings")
			ch.Address, ch.HasAddress, ch.AddressLoc = e.key, true, e.loc
			if sv, ok := rl.Child("servers"); ok && p.sequence(sv, "channel servers") {
				ch.Servers = []string{}
				for i, s := range sv.Node.Content {
					if !p.isString(sv.Item(i)) {
						p.problem(sv.Item(i), "a channel's servers are server names")
						continue
					}
					ch.Servers = append(ch.Servers, s.Value)
				}
			}
		} else {
			p.allowedKeys(rl, "a channel", "address", "messages", "title", "summary", "description", "servers", "parameters", "tags", "externalDocs", "bindings")
			if a, ok := rl.Child("address"); ok {
				switch {
				case a.Node.Kind == yaml.ScalarNode && a.Node.Tag == "!!null":
					ch.AddressLoc = a
				case p.isString(a):
					ch.Address, ch.HasAddress, ch.AddressLoc = a.Node.Value, true, a
				default:
					p.problem(a, "a channel address must be a string or null")
				}
			}
			if sv, ok := rl.Child("servers"); ok && p.sequence(sv, "channel servers") {
				ch.Servers = []string{}
				for i := range sv.Node.Content {
					it := sv.Item(i)
					ref := load.Ref(it.Node)
					if ref == "" {
						p.problem(it, "a channel's servers are references to servers ($ref: '#/servers/name')")
						continue
					}
					t, ok := p.resolveOnce(it)
					if !ok {
						continue
					}
					toks := load.Split(t.Pointer)
					if len(toks) != 2 || toks[0] != "servers" || t.File != p.doc.File {
						p.problem(it, "channel server %q must reference an entry of the document's servers", ref)
						continue
					}
					ch.Servers = append(ch.Servers, toks[1])
				}
			}
			if ms, ok := rl.Child("messages"); ok && p.mapping(ms, "channel messages") {
				for _, me := range entries(ms) {
					if m := p.message(me.loc, me.key); m != nil {
						ch.Messages = append(ch.Messages, ChannelMessage{Key: me.key, Loc: me.loc, Message: m})
						m.Channels = appendChannel(m.Channels, ch)
					}
				}
			}
		}
		if params, ok := rl.Child("parameters"); ok && p.mapping(params, "channel parameters") {
			for _, pe := range entries(params) {
				if pl, ok := p.resolve(pe.loc); ok {
					p.mapping(pl, "a channel parameter")
				}
			}
		}
		if t, ok := p.bindingChild(rl, "kafka", "topic"); ok {
			ch.KafkaTopic, ch.KafkaTopicLoc = t.Node.Value, t
		}
		p.doc.Channels = append(p.doc.Channels, ch)
		if p.doc.Major == 2 {
			for _, verb := range []string{"subscribe", "publish"} {
				if ol, ok := rl.Child(verb); ok {
					p.operation2(ch, verb, ol)
				}
			}
		}
	}
}

// bindingChild locates bindings.<protocol>.<key> of the object at l.
func (p *parser) bindingChild(l Loc, protocol, key string) (Loc, bool) {
	b, ok := l.Child("bindings")
	if !ok {
		return Loc{}, false
	}
	b, ok = p.resolve(b)
	if !ok {
		return Loc{}, false
	}
	pb, ok := b.Child(protocol)
	if !ok {
		return Loc{}, false
	}
	pb, ok = p.resolve(pb)
	if !ok {
		return Loc{}, false
	}
	return pb.Child(key)
}

func appendChannel(list []*Channel, ch *Channel) []*Channel {
	for _, c := range list {
		if c == ch {
			return list
		}
	}
	return append(list, ch)
}

func (p *parser) operation2(ch *Channel, verb string, ol Loc) {
	if !p.mapping(ol, "a "+verb+" operation") {
		return
	}
	p.allowedKeys(ol, "an operation", "operationId", "summary", "description", "security", "tags", "externalDocs", "bindings", "traits", "message")
	op := &Operation{Key: verb, Loc: ol, ActionLoc: ol, Channel: ch, Lifecycle: p.lifecycle(ol)}
	p.optString(ol, "summary")
	p.optString(ol, "description")
	op.Action = Receive
	if verb == "subscribe" {
		op.Action = Send
	}
	if id, ok := ol.Child("operationId"); ok {
		if p.isString(id) {
			op.ID, op.IDLoc = id.Node.Value, id
		} else {
			p.problem(id, "operationId must be a string")
		}
	}
	if tr, ok := ol.Child("traits"); ok && p.sequence(tr, "operation traits") {
		for i := range tr.Node.Content {
			tl, ok := p.resolve(tr.Item(i))
			if !ok || !p.mapping(tl, "an operation trait") {
				continue
			}
			if id, ok := tl.Child("operationId"); ok && op.ID == "" && p.isString(id) {
				op.ID, op.IDLoc = id.Node.Value, id
			}
		}
	}
	op.Security, op.SecurityLoc = p.security(ol)
	if ml, ok := ol.Child("message"); ok {
		rl, ok := p.resolve(ml)
		if ok && p.mapping(rl, "an operation message") {
			if one, ok := rl.Child("oneOf"); ok && load.Ref(ml.Node) == "" {
				if p.sequence(one, "message oneOf") {
					for i := range one.Node.Content {
						p.addOpMessage(op, p.message(one.Item(i), ""), one.Item(i))
					}
				}
			} else {
				p.addOpMessage(op, p.message(ml, ""), ml)
			}
		}
	}
	ch.Operations = append(ch.Operations, op)
	p.doc.Operations = append(p.doc.Operations, op)
}

func (p *parser) addOpMessage(op *Operation, m *Message, site Loc) {
	if m == nil {
		return
	}
	op.Messages = append(op.Messages, m)
	op.MessageSites = append(op.MessageSites, site)
	if op.Action == Send {
		m.Sends = true
	} else {
		m.Receives = true
	}
	if op.Channel != nil {
		m.Channels = appendChannel(m.Channels, op.Channel)
		if p.doc.Major == 2 {
			for _, cm := range op.Channel.Messages {
				if cm.Message == m {
					return
				}
			}
			op.Channel.Messages = append(op.Channel.Messages, ChannelMessage{Key: m.ID, Loc: m.Loc, Message: m})
		}
	}
}

func (p *parser) operation3(key string, site Loc) {
	rl, ok := p.resolve(site)
	if !ok || !p.mapping(rl, "an operation") {
		return
	}
	p.allowedKeys(rl, "an operation", "action", "channel", "messages", "reply", "title", "summary", "description", "security", "tags", "externalDocs", "bindings", "traits")
	op := &Operation{Key: key, ID: key, IDLoc: site, Loc: site, Lifecycle: p.lifecycle(rl)}
	for _, k := range []string{"title", "summary", "description"} {
		p.optString(rl, k)
	}
	if a, ok := rl.Child("action"); !ok {
		p.problem(rl, "operation %q must have an action (send or receive)", key)
	} else if !p.isString(a) || (a.Node.Value != "send" && a.Node.Value != "receive") {
		p.problem(a, "an operation's action must be send or receive")
	} else {
		op.Action, op.ActionLoc = Action(a.Node.Value), a
	}
	if c, ok := rl.Child("channel"); !ok {
		p.problem(rl, "operation %q must reference its channel (channel: {$ref: '#/channels/name'})", key)
	} else if ref := load.Ref(c.Node); ref == "" {
		p.problem(c, "an operation's channel must be a reference ($ref: '#/channels/name')")
	} else if t, ok := p.resolveOnce(c); ok {
		op.ChannelRef = ref
		op.Channel = p.channels[t.ID()]
		if op.Channel == nil {
			p.problem(c, "operation channel %q must reference an entry of the document's channels", ref)
		}
	}
	if tr, ok := rl.Child("traits"); ok && p.sequence(tr, "operation traits") {
		for i := range tr.Node.Content {
			if tl, ok := p.resolve(tr.Item(i)); ok {
				p.mapping(tl, "an operation trait")
			}
		}
	}
	op.Security, op.SecurityLoc = p.security(rl)
	if ms, ok := rl.Child("messages"); ok {
		if p.sequence(ms, "operation messages") {
			for i := range ms.Node.Content {
				it := ms.Item(i)
				if load.Ref(it.Node) == "" {
					p.problem(it, "an operation's messages are references to its channel's messages")
					continue
				}
				t, ok := p.resolveOnce(it)
				if !ok {
					continue
				}
				if op.Channel != nil && !p.inChannel(op.Channel, t) {
					p.problem(it, "operation message %q is not one of the messages of channel %q", load.Ref(it.Node), op.Channel.Key)
				}
				p.addOpMessage(op, p.message(it, ""), it)
			}
		}
	} else if op.Channel != nil {
		for _, cm := range op.Channel.Messages {
			p.addOpMessage(op, cm.Message, cm.Loc)
		}
	}
	if rp, ok := rl.Child("reply"); ok {
		p.reply(rp)
	}
	p.doc.Operations = append(p.doc.Operations, op)
}

// inChannel reports whether the resolved target t is one of ch's messages.
func (p *parser) inChannel(ch *Channel, t Loc) bool {
	for _, cm := range ch.Messages {
		if cm.Loc.ID() == t.ID() {
			return true
		}
	}
	return false
}

func (p *parser) reply(site Loc) {
	rl, ok := p.resolve(site)
	if !ok || !p.mapping(rl, "an operation reply") {
		return
	}
	if a, ok := rl.Child("address"); ok {
		if al, ok := p.resolve(a); ok && p.mapping(al, "a reply address") {
			p.reqString(al, "location", "a reply address")
		}
	}
	if c, ok := rl.Child("channel"); ok {
		p.resolve(c)
	}
	if ms, ok := rl.Child("messages"); ok && p.sequence(ms, "reply messages") {
		for i := range ms.Node.Content {
			p.resolve(ms.Item(i))
		}
	}
}

func (p *parser) components(comps Loc) {
	if ms, ok := comps.Child("messages"); ok && p.mapping(ms, "components.messages") {
		for _, e := range entries(ms) {
			p.message(e.loc, e.key)
		}
	}
	if ss, ok := comps.Child("schemas"); ok && p.mapping(ss, "components.schemas") {
		for _, e := range entries(ss) {
			p.schemaMaybeMulti(e.loc, "")
		}
	}
	if mt, ok := comps.Child("messageTraits"); ok && p.mapping(mt, "components.messageTraits") {
		for _, e := range entries(mt) {
			p.trait(e.loc)
		}
	}
	if cs, ok := comps.Child("correlationIds"); ok && p.mapping(cs, "components.correlationIds") {
		for _, e := range entries(cs) {
			p.correlation(e.loc)
		}
	}
	for _, sec := range []string{"servers", "channels", "operations", "parameters", "operationTraits", "serverVariables", "replies", "replyAddresses", "serverBindings", "channelBindings", "operationBindings", "messageBindings", "tags", "externalDocs"} {
		if c, ok := comps.Child(sec); ok {
			p.mapping(c, "components."+sec)
		}
	}
}

// lifecycle reads deprecated / x-deprecated and x-sunset of the object at l.
func (p *parser) lifecycle(l Loc) Lifecycle {
	var lc Lifecycle
	if l.Node == nil || l.Node.Kind != yaml.MappingNode {
		return lc
	}
	found := false
	for i := 0; i < len(l.Node.Content); i += 2 {
		switch l.Node.Content[i].Value {
		case "deprecated", "x-deprecated", "x-sunset":
			found = true
		}
	}
	if !found {
		return lc
	}
	for _, k := range []string{"deprecated", "x-deprecated"} {
		if d, ok := l.Child(k); ok && d.Node.Kind == yaml.ScalarNode && d.Node.Value == "true" {
			lc.Deprecated, lc.DeprecatedLoc = true, d
		}
	}
	if s, ok := l.Child("x-sunset"); ok && s.Node.Kind == yaml.ScalarNode {
		lc.Sunset, lc.SunsetLoc = s.Node.Value, s
	}
	return lc
}

type entry struct {
	key string
	loc Loc
}

// entries lists the keys of the mapping at l, skipping x- extensions.
func entries(l Loc) []entry {
	n := l.Node
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]entry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if strings.HasPrefix(k.Value, "x-") {
			continue
		}
		out = append(out, entry{k.Value, Loc{File: l.File, Pointer: load.Join(l.Pointer, k.Value), Key: k, Node: load.Deref(n.Content[i+1])}})
	}
	return out
}

func isRemote(ref string) bool {
	return strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://")
}

// resolveOnce resolves one $ref step at l (l itself when it is no
// reference); ok is false for a remote or unresolvable reference.
func (p *parser) resolveOnce(l Loc) (Loc, bool) {
	ref := load.Ref(l.Node)
	if ref == "" {
		return l, true
	}
	if isRemote(ref) {
		return l, false
	}
	if strings.HasPrefix(ref, "#/") {
		if next, ok := p.local(l.File, ref[1:]); ok {
			return next, true
		}
	}
	next, err := resolveRef(p.l, l, ref)
	if err != nil {
		p.loadProblem(l, err)
		return l, false
	}
	return next, true
}

// resolveRef resolves one $ref written at l. Without a loader only local
// references resolve.
func resolveRef(ld *load.Loader, l Loc, ref string) (Loc, error) {
	at, _ := load.Get(l.Node, "$ref")
	if ld == nil {
		if !strings.HasPrefix(ref, "#") {
			return l, &load.Error{File: l.FileName(), Line: at.Line, Column: at.Column, Msg: fmt.Sprintf("$ref %q: no loader for file references", ref)}
		}
		k, n := load.Lookup(l.File.Root, ref[1:])
		if n == nil {
			return l, &load.Error{File: l.FileName(), Line: at.Line, Column: at.Column, Msg: fmt.Sprintf("$ref %q does not resolve", ref)}
		}
		return Loc{File: l.File, Pointer: ref[1:], Key: k, Node: n}, nil
	}
	t, err := ld.Resolve(l.File, at, ref)
	if err != nil {
		return l, err
	}
	return Loc{File: t.File, Pointer: t.Pointer, Key: t.Key, Node: t.Node}, nil
}

// Follow resolves the $refs at l through ld (nil: local references only)
// and returns the object they name; ok is false for a remote or an
// unresolvable reference.
func Follow(ld *load.Loader, l Loc) (Loc, bool) {
	for range 64 {
		ref := load.Ref(l.Node)
		if ref == "" {
			return l, true
		}
		if isRemote(ref) {
			return l, false
		}
		next, err := resolveRef(ld, l, ref)
		if err != nil {
			return l, false
		}
		l = next
	}
	return l, false
}

// resolve follows $refs from l to the object they name. ok is false for a
// remote reference (legal, not fetched) and for an unresolvable one (a
// problem is recorded).
func (p *parser) resolve(l Loc) (Loc, bool) {
	for range 64 {
		if load.Ref(l.Node) == "" {
			return l, true
		}
		next, ok := p.resolveOnce(l)
		if !ok {
			return l, false
		}
		l = next
	}
	p.problem(l, "$ref chain too long or circular")
	return l, false
}

func (p *parser) loadProblem(at Loc, err error) {
	var le *load.Error
	if errors.As(err, &le) {
		p.add(Problem{File: le.File, Line: le.Line, Column: le.Column, Pointer: load.Join(at.Pointer, "$ref"), Message: le.Msg + "; fix the reference"})
		return
	}
	p.problem(at, "%v", err)
}

func (p *parser) problem(at Loc, format string, args ...any) {
	line, col := at.Pos()
	p.add(Problem{File: at.FileName(), Line: line, Column: col, Pointer: at.Pointer, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) add(pr Problem) {
	k := fmt.Sprintf("%s:%d:%d:%s:%s", pr.File, pr.Line, pr.Column, pr.Pointer, pr.Message)
	if p.seen[k] {
		return
	}
	p.seen[k] = true
	p.doc.Problems = append(p.doc.Problems, pr)
}

func (p *parser) mapping(l Loc, what string) bool {
	if l.Node != nil && l.Node.Kind == yaml.MappingNode {
		return true
	}
	p.problem(l, "%s must be an object", what)
	return false
}

func (p *parser) sequence(l Loc, what string) bool {
	if l.Node != nil && l.Node.Kind == yaml.SequenceNode {
		return true
	}
	p.problem(l, "%s must be a list", what)
	return false
}

func (p *parser) isString(l Loc) bool {
	return l.Node != nil && l.Node.Kind == yaml.ScalarNode && l.Node.ShortTag() == "!!str"
}

func (p *parser) reqString(l Loc, key, what string) (string, Loc) {
	v, ok := l.Child(key)
	if !ok {
		p.problem(l, "%s must have %s", what, key)
		return "", Loc{}
	}
	if !p.isString(v) {
		p.problem(v, "%s must be a string", key)
		return "", v
	}
	return v.Node.Value, v
}

func (p *parser) optString(l Loc, key string) {
	if k, v := load.Get(l.Node, key); k != nil && !p.isString(Loc{Node: v}) {
		c, _ := l.Child(key)
		p.problem(c, "%s must be a string", key)
	}
}

// allowedKeys reports keys of the object at l that its version does not
// define (extensions x-… are always allowed).
func (p *parser) allowedKeys(l Loc, what string, keys ...string) {
	n := l.Node
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if strings.HasPrefix(k, "x-") || slices.Contains(keys, k) {
			continue
		}
		at := Loc{File: l.File, Pointer: load.Join(l.Pointer, k), Key: n.Content[i], Node: n.Content[i+1]}
		p.problem(at, "%s has no field %q in AsyncAPI %d.x; remove it or prefix it with x-", what, k, p.doc.Major)
	}
}
