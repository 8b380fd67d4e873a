package asyncapi

import (
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/rules"
)

// opKey identifies an operation across versions: the 3.0 key, or the 2.x
// channel and verb.
func opKey(major int, op *asyncapi.Operation) string {
	if major == 2 && op.Channel != nil {
		return op.Channel.Key + "\x00" + op.Key
	}
	return op.Key
}

func opName(major int, op *asyncapi.Operation) string {
	if major == 2 {
		ch := ""
		if op.Channel != nil {
			ch = op.Channel.Key
		}
		if op.ID != "" {
			return op.Key + " " + ch + " (" + op.ID + ")"
		}
		return op.Key + " " + ch
	}
	return op.Key
}

func (d *differ) operations() {
	major := d.h.Major
	head := map[string]*asyncapi.Operation{}
	for _, op := range d.h.Operations {
		head[opKey(major, op)] = op
	}
	headChannels := map[string]bool{}
	for _, c := range d.h.Channels {
		headChannels[c.Key] = true
	}
	matched := map[*asyncapi.Operation]bool{}
	for _, bo := range d.b.Operations {
		ho, ok := head[opKey(major, bo)]
		if !ok && major == 2 {
			if bo.Channel == nil || !headChannels[bo.Channel.Key] {
				continue // reported as channel-removed
			}
			// publish ↔ subscribe on the same channel: the action flipped.
			other := "publish"
			if bo.Key == "publish" {
				other = "subscribe"
			}
			flipped, exists := head[bo.Channel.Key+"\x00"+other]
			_, inBase := d.baseOp(bo.Channel.Key + "\x00" + other)
			if exists && !inBase {
				matched[flipped] = true
				d.report(rules.OperationActionChanged, flipped.ActionLoc, bo.ActionLoc, bo.Key+" → "+other,
					"channel %q changed its operation from %s to %s, so the application now %ss its messages; every producer and consumer is affected", bo.Channel.Key, bo.Key, other, flipped.Action)
				d.operationMessages(bo, flipped)
				continue
			}
		}
		if !ok {
			id, why := d.removal(rules.OperationRemoved, bo.Lifecycle)
			at := d.container("operations")
			if major == 2 {
				at = d.headChannel(bo.Channel.Key)
			}
			d.report(id, at, bo.Loc, opName(major, bo)+" → (removed)", "operation %s was removed %s", opName(major, bo), why)
			continue
		}
		matched[ho] = true
		if bo.Action != ho.Action && major == 3 {
			d.report(rules.OperationActionChanged, ho.ActionLoc, bo.ActionLoc, string(bo.Action)+" → "+string(ho.Action),
				"operation %q changed its action from %s to %s; every producer and consumer of its channel is affected — add a new operation instead", ho.Key, bo.Action, ho.Action)
		}
		if major == 3 && bo.Channel != nil && ho.Channel != nil && bo.Channel.Key != ho.Channel.Key {
			d.report(rules.OperationChannelChanged, child(d.hl, ho.Loc, "channel"), child(d.bl, bo.Loc, "channel"), bo.Channel.Key+" → "+ho.Channel.Key,
				"operation %q moved from channel %q to %q; its peers still use the old channel", ho.Key, bo.Channel.Key, ho.Channel.Key)
		}
		d.security(bo.Security, ho.Security, bo.SecurityLoc, ho.SecurityLoc, ho.Loc, "operation "+opName(major, ho))
		d.operationMessages(bo, ho)
	}
	for _, ho := range d.h.Operations {
		if _, inBase := d.baseOp(opKey(major, ho)); !inBase && !matched[ho] {
			if major == 2 && ho.Channel != nil && !d.baseHasChannel(ho.Channel.Key) {
				continue // part of channel-added
			}
			d.report(rules.OperationAdded, ho.Loc, asyncapi.Loc{}, "(none) → "+opName(major, ho), "operation %s was added", opName(major, ho))
		}
	}
}

func (d *differ) baseOp(key string) (*asyncapi.Operation, bool) {
	for _, op := range d.b.Operations {
		if opKey(d.b.Major, op) == key {
			return op, true
		}
	}
	return nil, false
}

func (d *differ) baseHasChannel(key string) bool {
	for _, c := range d.b.Channels {
		if c.Key == key {
			return true
		}
	}
	return false
}

func (d *differ) headChannel(key string) asyncapi.Loc {
	for _, c := range d.h.Channels {
		if c.Key == key {
			return c.Loc
		}
	}
	return d.container("channels")
}

// msgKey names a message of an operation: its key in the operation's
// channel (3.0), else its id.
func msgKey(op *asyncapi.Operation, m *asyncapi.Message) string {
	if op.Channel != nil {
		for _, cm := range op.Channel.Messages {
			if cm.Message == m {
				return cm.Key
			}
		}
	}
	return m.ID
}

// operationMessages compares the messages of a matched operation pair;
// 2.x messages are compared here (3.0 ones with their channel).
func (d *differ) operationMessages(bo, ho *asyncapi.Operation) {
	major := d.h.Major
	if major == 2 && len(bo.Messages) == 1 && len(ho.Messages) == 1 {
		d.pair(bo.Messages[0], ho.Messages[0])
		return
	}
	head := map[string]*asyncapi.Message{}
	for _, m := range ho.Messages {
		head[msgKey(ho, m)] = m
	}
	base := map[string]bool{}
	for i, bm := range bo.Messages {
		k := msgKey(bo, bm)
		base[k] = true
		hm, ok := head[k]
		if !ok {
			id, why := d.removal(rules.OperationMessageRemoved, bm.Lifecycle)
			d.report(id, child(d.hl, ho.Loc, "messages"), site(bo, i), k+" → (removed)",
				"message %q was removed from operation %s %s", k, opName(major, ho), why)
			continue
		}
		if major == 2 {
			d.pair(bm, hm)
		}
	}
	for i, hm := range ho.Messages {
		k := msgKey(ho, hm)
		if !base[k] {
			d.report(rules.OperationMessageAdded, site(ho, i), asyncapi.Loc{}, "(none) → "+k, "message %q was added to operation %s", k, opName(major, ho))
		}
	}
}

// site locates where op names its i-th message.
func site(op *asyncapi.Operation, i int) asyncapi.Loc {
	if i < len(op.MessageSites) {
		return op.MessageSites[i]
	}
	return op.Messages[i].Loc
}
