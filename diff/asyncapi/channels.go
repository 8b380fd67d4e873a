package asyncapi

import (
	"github.com/contractctl/contractctl/internal/asyncapi"
	"github.com/contractctl/contractctl/rules"
)

func (d *differ) channels() {
	head := map[string]*asyncapi.Channel{}
	for _, c := range d.h.Channels {
		head[c.Key] = c
	}
	base := map[string]bool{}
	for _, bc := range d.b.Channels {
		base[bc.Key] = true
		hc, ok := head[bc.Key]
		if !ok {
			id, why := d.removal(rules.ChannelRemoved, bc.Lifecycle)
			d.report(id, d.container("channels"), bc.Loc, channelName(bc)+" → (removed)",
				"channel %s was removed %s", channelName(bc), why)
			continue
		}
		if d.h.Major == 3 && (bc.HasAddress != hc.HasAddress || bc.Address != hc.Address) {
			at := hc.AddressLoc
			if at.Node == nil {
				at = hc.Loc
			}
			d.report(rules.ChannelAddressChanged, at, bc.AddressLoc, addr(bc)+" → "+addr(hc),
				"channel %q moved from address %s to %s; clients still use the old address — add a new channel and deprecate this one", hc.Key, addr(bc), addr(hc))
		}
		if bt, ht := topic(bc), topic(hc); (bc.KafkaTopic != "" || hc.KafkaTopic != "") && bt != ht {
			at := hc.KafkaTopicLoc
			if at.Node == nil {
				at = hc.Loc
			}
			d.report(rules.KafkaTopicChanged, at, bc.KafkaTopicLoc, bt+" → "+ht,
				"channel %q now uses Kafka topic %q instead of %q; clients read and write the old topic", hc.Key, ht, bt)
		}
		if d.h.Major == 3 {
			d.channelMessages(bc, hc)
		}
	}
	for _, hc := range d.h.Channels {
		if !base[hc.Key] {
			d.report(rules.ChannelAdded, hc.Loc, asyncapi.Loc{}, "(none) → "+channelName(hc), "channel %s was added", channelName(hc))
		}
	}
}

// channelMessages compares the messages of a 3.0 channel by key.
func (d *differ) channelMessages(bc, hc *asyncapi.Channel) {
	head := map[string]asyncapi.ChannelMessage{}
	for _, m := range hc.Messages {
		head[m.Key] = m
	}
	base := map[string]bool{}
	for _, bm := range bc.Messages {
		base[bm.Key] = true
		hm, ok := head[bm.Key]
		if !ok {
			id, why := d.removal(rules.MessageRemoved, bm.Message.Lifecycle)
			d.report(id, child(d.hl, hc.Loc, "messages"), bm.Loc, bm.Key+" → (removed)",
				"message %q was removed from channel %q %s", bm.Key, hc.Key, why)
			continue
		}
		d.pair(bm.Message, hm.Message)
	}
	for _, hm := range hc.Messages {
		if !base[hm.Key] {
			d.report(rules.MessageAdded, hm.Loc, asyncapi.Loc{}, "(none) → "+hm.Key, "message %q was added to channel %q", hm.Key, hc.Key)
		}
	}
}

func channelName(c *asyncapi.Channel) string {
	if c.HasAddress && c.Address != c.Key {
		return "\"" + c.Key + "\" (" + c.Address + ")"
	}
	return "\"" + c.Key + "\""
}

func addr(c *asyncapi.Channel) string {
	if !c.HasAddress {
		return "null"
	}
	return c.Address
}

// topic is the Kafka topic of a channel: its binding's topic, else its
// address.
func topic(c *asyncapi.Channel) string {
	if c.KafkaTopic != "" {
		return c.KafkaTopic
	}
	return c.Address
}
