package rules

import (
	"fmt"

	"github.com/contractctl/contractctl/finding"
)

// AsyncAPI-only lint rule IDs (the money, example, operationId and
// deprecation rules are shared with OpenAPI; see openapi_lint.go).
const (
	AsyncAPIValid        = "asyncapi-valid"
	ChannelVersioned     = "channel-versioned"
	MessageEventID       = "message-event-id"
	MessageTraceID       = "message-trace-id"
	MessageSigned        = "message-signed"
	ServerSecureProtocol = "server-secure-protocol"
)

// AsyncAPI breaking-change IDs.
const (
	AsyncAPIMajorVersionChanged = "asyncapi-major-version-changed"
	AsyncAPIVersionBumpRequired = "asyncapi-version-bump-required"
	AsyncAPIRemovedAfterSunset  = "asyncapi-removed-after-sunset"

	ChannelRemoved        = "channel-removed"
	ChannelAddressChanged = "channel-address-changed"
	ChannelAdded          = "channel-added"

	OperationRemoved        = "operation-removed"
	OperationAdded          = "operation-added"
	OperationActionChanged  = "operation-action-changed"
	OperationChannelChanged = "operation-channel-changed"
	OperationMessageRemoved = "operation-message-removed"
	OperationMessageAdded   = "operation-message-added"

	MessageRemoved              = "message-removed"
	MessageAdded                = "message-added"
	MessageSchemaFormatChanged  = "message-schema-format-changed"
	MessageContentTypeChanged   = "message-content-type-changed"
	MessageCorrelationIDChanged = "message-correlation-id-changed"
	MessageSchemaChanged        = "message-schema-changed"
	MessageAvroIncompatible     = "message-avro-incompatible"

	ServerRemoved            = "server-removed"
	ServerAdded              = "server-added"
	ServerProtocolChanged    = "server-protocol-changed"
	ServerAddressChanged     = "server-address-changed"
	SecurityRequirementAdded = "security-requirement-added"
	KafkaTopicChanged        = "kafka-topic-changed"
	KafkaKeyChanged          = "kafka-key-changed"
)

// MessageSchemaRule returns the ID of a classified payload or header
// schema change: scope is "payload" or "header", what one of
// SchemaChangeKinds.
func MessageSchemaRule(scope, what string) string { return "message-" + scope + "-" + what }

// SchemaChangeKind is a classified schema change of message payloads and
// headers; each has an ID per scope (message-payload-property-removed,
// message-header-narrowed, …).
type SchemaChangeKind struct {
	What, Summary, Breaks string
}

// Schema change kinds (the What of SchemaChangeKind).
const (
	SchemaPropertyRemoved       = "property-removed"
	SchemaRequiredPropertyAdded = "required-property-added"
	SchemaBecameRequired        = "property-became-required"
	SchemaBecameOptional        = "property-became-optional"
	SchemaTypeChanged           = "type-changed"
	SchemaWidened               = "widened"
	SchemaNarrowed              = "narrowed"
)

// SchemaChangeKinds lists every SchemaChangeKind.
func SchemaChangeKinds() []SchemaChangeKind {
	return []SchemaChangeKind{
		{"property-removed", "A property was removed from a message's %s.", "consumers (the message is sent by the application: 3.0 `send`, 2.x `subscribe`) that read it"},
		{"required-property-added", "A required property was added to a message's %s.", "producers (the message is received by the application: 3.0 `receive`, 2.x `publish`) that do not send it yet"},
		{"property-became-required", "An optional property of a message's %s became required.", "producers (3.0 `receive`, 2.x `publish`) that leave it out"},
		{"property-became-optional", "A required property of a message's %s became optional.", "consumers (3.0 `send`, 2.x `subscribe`) that rely on it being present"},
		{"type-changed", "A type in a message's %s changed incompatibly.", "producers and consumers alike"},
		{"widened", "A message's %s accepts more values (a wider type or format, a new enum value, nullable, a looser bound or pattern).", "consumers (3.0 `send`, 2.x `subscribe`) that cannot handle the new values"},
		{"narrowed", "A message's %s accepts fewer values (a narrower type, a removed enum value, a tighter bound or pattern).", "producers (3.0 `receive`, 2.x `publish`) that still send the old values"},
	}
}

func asyncAPIRules() []Rule {
	aa := []Format{AsyncAPI}
	lint := []Rule{
		{ID: AsyncAPIValid, Severity: finding.Error, Job: JobLint, Formats: aa,
			Summary: "The document is structurally valid for its AsyncAPI version (2.0–2.6 or 3.0).",
			Doc: "contractctl models AsyncAPI 2.x and 3.0 itself and checks what it models: required fields " +
				"(asyncapi, info.title, info.version, 2.x channels, server url/host and protocol, 3.0 operation " +
				"action and channel), value types, fields the version does not define, $refs that do not resolve " +
				"(local and relative files; remote references are legal and not fetched), 3.0 operations whose " +
				"messages are not messages of their channel, and Avro payloads that do not parse.",
			Bad:  "asyncapi: 3.0.0\ninfo: {title: Payments}\noperations:\n  onCaptured:\n    action: listen\n",
			Good: "asyncapi: 3.0.0\ninfo: {title: Payments, version: 1.0.0}\nchannels:\n  captured: {address: payments.v1.captured}\noperations:\n  onCaptured:\n    action: receive\n    channel: {$ref: '#/channels/captured'}\n"},
		{ID: ChannelVersioned, Severity: finding.Error, Job: JobLint, Formats: aa,
			Summary: "Every channel name (2.x) or address (3.0) has a version segment.",
			Doc: "A version segment (`v1` between `/` or `.` separators) lets a topic's contract change " +
				"incompatibly by opening a new topic beside the old one. The pattern is `asyncapi.channel_version` " +
				"in .contractctl.yaml. 3.0 channels with a null address (dynamic) are skipped.",
			Bad:  "channels:\n  payments.captured: {}\n",
			Good: "channels:\n  payments.v1.captured: {}\n"},
		{ID: MessageEventID, Severity: finding.Error, Job: JobLint, Formats: aa,
			Summary: "Every message payload requires an event_id property.",
			Doc: "Brokers deliver at least once; consumers deduplicate through an inbox keyed by the event's id. " +
				"The payload must declare the property (`asyncapi.event_id_property`, default event_id) and list it " +
				"in required (an Avro record needs the field, not a nullable union).",
			Bad:  "payload:\n  type: object\n  properties:\n    amount_minor: {type: integer}\n",
			Good: "payload:\n  type: object\n  required: [event_id]\n  properties:\n    event_id: {type: string, format: uuid}\n"},
		{ID: MessageTraceID, Severity: finding.Warn, Job: JobLint, Formats: aa,
			Summary: "Every message declares a trace header (trace_id or traceparent).",
			Doc: "Tracing across a broker needs the trace context in the message headers. The accepted names " +
				"(`asyncapi.trace_headers`) are compared case-insensitively; headers of message traits count. Without it, a " +
				"consumer's work cannot be tied to the request that caused the event.",
			Bad:  "headers:\n  type: object\n  properties:\n    tenant: {type: string}\n",
			Good: "headers:\n  type: object\n  properties:\n    traceparent: {type: string}\n"},
		{ID: MessageSigned, Severity: finding.Error, Job: JobLint, Formats: aa,
			Summary: "Messages on http, https, ws or wss servers declare signature and timestamp headers.",
			Doc: "Webhooks and partner streams cross the public internet; the receiver must be able to verify " +
				"who sent a message and reject replays. Messages of channels on such servers (a channel without " +
				"servers is on all of them) declare every header of `asyncapi.signature_headers` " +
				"(default X-Signature and X-Timestamp).",
			Bad:  "headers:\n  type: object\n  properties:\n    X-Signature: {type: string}\n",
			Good: "headers:\n  type: object\n  properties:\n    X-Signature: {type: string}\n    X-Timestamp: {type: integer}\n"},
		{ID: ServerSecureProtocol, Severity: finding.Error, Job: JobLint, Formats: aa,
			Summary: "No server uses a plain-text protocol (except on localhost), and kafka servers declare security.",
			Doc: "Plain-text protocols (http, ws, mqtt, amqp, stomp, nats, redis, …) expose messages and credentials " +
				"on the wire; use https, wss, secure-mqtt, amqps and the like. Servers on localhost are exempt. " +
				"A kafka (or kafka-secure) server must say how clients authenticate, with security.",
			Bad:  "servers:\n  prod: {host: broker.example.com, protocol: mqtt}\n",
			Good: "servers:\n  prod: {host: broker.example.com, protocol: secure-mqtt}\n"},
	}
	dr := func(id string, sev finding.Severity, summary, doc, bad, good string) Rule {
		return Rule{ID: id, Severity: sev, Job: JobDiff, Formats: aa, Summary: summary, Doc: doc, Bad: bad, Good: good}
	}
	removal := " Removing a deprecated element is accepted once its x-sunset date has passed (" + AsyncAPIRemovedAfterSunset +
		", info); before that, or without deprecation, the removal is an error."
	diff := []Rule{
		dr(AsyncAPIMajorVersionChanged, finding.Warn, "The document moved to another AsyncAPI major version; it is not compared in detail.",
			"A 2.x → 3.0 migration rewrites every channel and operation (publish/subscribe become operations with an action, "+
				"channel names become ids with an address), so comparing the two structures would report thousands of meaningless "+
				"changes. One finding marks the migration: review it by hand, treat it as a new contract and tell its consumers.",
			change("asyncapi: 2.6.0", "asyncapi: 3.0.0"), change("asyncapi: 2.5.0", "asyncapi: 2.6.0")),
		dr(AsyncAPIVersionBumpRequired, finding.Error, "A breaking change needs a new major info.version.",
			"When the comparison finds a breaking change (any finding of severity error), info.version must increase its major "+
				"number (for 0.x versions, its minor number), so that consumers and code generators can see that the contract "+
				"broke. Undo the breaking change or release the contract as a new major version.",
			change("info: {version: 1.4.0}   # and a channel removed", "info: {version: 1.5.0}"),
			change("info: {version: 1.4.0}   # and a channel removed", "info: {version: 2.0.0}")),
		dr(AsyncAPIRemovedAfterSunset, finding.Info, "A deprecated element was removed after its x-sunset date, as announced.",
			"Removing a channel, operation, message or payload property breaks its users unless it was deprecated (deprecated: "+
				"true or x-deprecated: true) with an x-sunset date (YYYY-MM-DD) that has passed on the day of the comparison. Such "+
				"a removal is the lifecycle working as intended and is reported for the changelog only.",
			change("channels:\n  old.v1.events:\n    x-deprecated: true\n    x-sunset: '2099-01-01'", "channels: {}"),
			change("channels:\n  old.v1.events:\n    x-deprecated: true\n    x-sunset: '2025-01-01'", "channels: {}")),
		dr(ChannelRemoved, finding.Error, "A channel was removed.",
			"Producers and consumers of the channel lose their contract: producers publish to a topic nobody documents and "+
				"consumers wait on one that goes silent. Deprecate the channel with x-sunset first and remove it after that date. "+
				"In 2.x a channel's name is its address, so renaming it is a removal plus an addition."+removal,
			change("channels:\n  payments.v1.captured: {...}", "channels: {}"),
			change("channels:\n  payments.v1.captured: {...}", "channels:\n  payments.v1.captured: {...}\n  payments.v1.refunded: {...}")),
		dr(ChannelAddressChanged, finding.Error, "A 3.0 channel's address changed.",
			"Clients subscribe and publish by address: a new address is a new topic or path, and the old one goes silent for "+
				"everyone who has not redeployed. Keep the old channel (deprecated, with x-sunset) and add a new one with the new "+
				"address, so that producers and consumers can move at their own pace.",
			change("captured: {address: payments.v1.captured}", "captured: {address: payments.v2.captured}"),
			change("captured: {address: payments.v1.captured}", "captured: {address: payments.v1.captured, description: Captured payments}")),
		dr(ChannelAdded, finding.Info, "A channel was added.",
			"Adding a channel breaks nobody: existing producers and consumers do not use it. It is reported for the changelog, "+
				"so that reviewers see the new surface of the contract and its consumers learn about the new topic. Its "+
				"operations and messages are part of this one finding.",
			change("channels: {}", "channels:\n  payments.v1.refunded: {...}"), change("channels: {}", "channels: {}")),
		dr(OperationRemoved, finding.Error, "An operation (3.0 operation, 2.x publish/subscribe) was removed.",
			"The application no longer sends or receives the operation's messages on its channel: consumers wait for messages "+
				"that never come, or producers publish messages nobody reads. In 2.x, an operation is matched by its channel and "+
				"verb; a publish/subscribe swap on the same channel is "+OperationActionChanged+" instead."+removal,
			change("operations:\n  sendCaptured: {action: send, ...}", "operations: {}"),
			change("operations:\n  sendCaptured: {action: send, ...}", "operations:\n  sendCaptured: {action: send, summary: Sends captures, ...}")),
		dr(OperationAdded, finding.Info, "An operation was added.",
			"A new operation breaks nobody: the application starts sending or receiving messages that no existing peer "+
				"depends on. It is reported for the changelog. Operations of a newly added 2.x channel are part of "+
				ChannelAdded+" and not reported again.",
			change("operations: {}", "operations:\n  sendRefunded: {action: send, ...}"), change("operations: {}", "operations: {}")),
		dr(OperationActionChanged, finding.Error, "An operation's action (send/receive; 2.x subscribe/publish) changed.",
			"Who writes the messages flipped: the application used to send them and now expects to receive them (or the other "+
				"way round), so every producer and consumer of the channel is affected. Add a new operation for the new direction "+
				"and deprecate the old one instead.",
			change("sendCaptured: {action: send}", "sendCaptured: {action: receive}"),
			change("sendCaptured: {action: send}", "sendCaptured: {action: send, summary: Sends captures}")),
		dr(OperationChannelChanged, finding.Error, "A 3.0 operation now references another channel.",
			"The operation's peers still publish to or consume from the old channel; after the change the application sends or "+
				"listens somewhere else and the conversation breaks. Keep the old operation until its peers have moved, and add a "+
				"new operation on the new channel.",
			change("channel: {$ref: '#/channels/captured'}", "channel: {$ref: '#/channels/refunds'}"),
			change("channel: {$ref: '#/channels/captured'}", "channel: {$ref: '#/channels/captured'}")),
		dr(OperationMessageRemoved, finding.Error, "A message was removed from an operation.",
			"Peers that send that message to the operation (receive) are no longer served, and consumers that expect it from the "+
				"operation (send) never get it again. Messages are matched by their key in the operation's channel (3.0) or their "+
				"messageId, name or component name (2.x oneOf)."+removal,
			change("messages: [{$ref: '#/channels/c/messages/Captured'}, {$ref: '#/channels/c/messages/Failed'}]", "messages: [{$ref: '#/channels/c/messages/Captured'}]"),
			change("messages: [{$ref: '#/channels/c/messages/Captured'}]", "messages: [{$ref: '#/channels/c/messages/Captured'}, {$ref: '#/channels/c/messages/Failed'}]")),
		dr(OperationMessageAdded, finding.Info, "A message was added to an operation.",
			"The operation sends or accepts one more kind of message. Consumers written against a closed list of message types "+
				"may need to ignore unknown ones, so the addition is reported for the changelog; it is not an error because "+
				"tolerant consumers are the norm for event streams.",
			change("messages: [{$ref: '#/channels/c/messages/Captured'}]", "messages: [{$ref: '#/channels/c/messages/Captured'}, {$ref: '#/channels/c/messages/Failed'}]"),
			change("messages: [{$ref: '#/channels/c/messages/Captured'}]", "messages: [{$ref: '#/channels/c/messages/Captured'}]")),
		dr(MessageRemoved, finding.Error, "A message was removed from a 3.0 channel.",
			"The channel no longer carries the message: producers of it publish something undocumented and consumers lose the "+
				"contract for data they still receive. Deprecate the message with x-sunset and remove it after that date; 2.x "+
				"messages live on operations and are reported as "+OperationMessageRemoved+"."+removal,
			change("messages:\n  Captured: {...}\n  Failed: {...}", "messages:\n  Captured: {...}"),
			change("messages:\n  Captured: {...}", "messages:\n  Captured: {...}\n  Failed: {...}")),
		dr(MessageAdded, finding.Info, "A message was added to a 3.0 channel.",
			"The channel carries one more kind of message. Nobody breaks — consumers that do not know the message can skip it — "+
				"and the finding records the new message for the changelog. Messages of a channel that is itself new are part of "+
				ChannelAdded+".",
			change("messages:\n  Captured: {...}", "messages:\n  Captured: {...}\n  Failed: {...}"), change("messages:\n  Captured: {...}", "messages:\n  Captured: {...}")),
		dr(MessageSchemaFormatChanged, finding.Error, "A message's schemaFormat changed to another schema language.",
			"Serializers and deserializers are chosen by schema format: moving a payload from the AsyncAPI/JSON Schema format to "+
				"Avro (or back) changes the bytes on the wire, and both sides must change at the same moment. Publish the new "+
				"format as a new message or channel instead. Versions and the json/yaml spelling of one language are the same format.",
			change("payload: {type: object, ...}", "payload: {schemaFormat: application/vnd.apache.avro;version=1.9.0, schema: {...}}"),
			change("schemaFormat: application/schema+json;version=draft-07", "schemaFormat: application/schema+yaml;version=draft-07")),
		dr(MessageContentTypeChanged, finding.Error, "A message's effective content type changed.",
			"Consumers decode by content type; a new encoding (application/json → application/avro, or an explicit type where "+
				"defaultContentType applied before) breaks every consumer that has not been redeployed. The effective type is the "+
				"message's contentType, else the document's defaultContentType.",
			change("contentType: application/json", "contentType: application/cbor"),
			change("defaultContentType: application/json\n...\ncontentType: (absent)", "contentType: application/json")),
		dr(MessageCorrelationIDChanged, finding.Error, "A message's correlationId location changed or was removed.",
			"Request/reply peers match replies to requests through the correlation id at that location "+
				"($message.header#/… or $message.payload#/…). Moving or dropping it makes every in-flight conversation "+
				"unmatchable. Adding a correlation id where there was none is not reported.",
			change("correlationId: {location: $message.header#/correlation_id}", "correlationId: {location: $message.payload#/id}"),
			change("correlationId: {location: $message.header#/correlation_id, description: old}", "correlationId: {location: $message.header#/correlation_id, description: new}")),
		dr(MessageSchemaChanged, finding.Info, "A message's payload or headers changed in a way that breaks nobody (for the changelog).",
			"Schema changes are classified by direction: a change that only hurts consumers is harmless on a message the "+
				"application receives, and one that only hurts producers is harmless on a message it sends. Those changes, Avro "+
				"schema changes that stay compatible (otherwise "+MessageAvroIncompatible+") and changes of remote schemas are reported here.",
			change("# a received message\nproperties: {note: {type: string}}", "properties: {}"),
			change("# a received message\nproperties: {note: {type: string}}", "properties: {note: {type: string}}")),
		dr(MessageAvroIncompatible, finding.Error, "An Avro payload or headers schema change breaks readers in the direction the message travels.",
			"Avro schemas (schemaFormat application/vnd.apache.avro…, inline or a $ref to an .avsc file) are checked like the "+
				"schema registry checks a subject, with Java Avro's reader/writer rules. A message the application sends (3.0 "+
				"`send`, 2.x `subscribe`) must stay readable by consumers still on the old schema (FORWARD: the base schema reads "+
				"data written with the head one); a message it receives (3.0 `receive`, 2.x `publish`) must be readable by the "+
				"application on the new schema from producers still on the old one (BACKWARD: the head schema reads data written "+
				"with the base one); a message no operation uses must be both. Each incompatibility is one finding with Avro's type "+
				"(READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, MISSING_ENUM_SYMBOLS, MISSING_UNION_BRANCH, NAME_MISMATCH, "+
				"FIXED_SIZE_MISMATCH), its location in the reader schema and Java's message, placed at the head schema element. "+
				"A compatible Avro change is "+MessageSchemaChanged+" (info).",
			change("# received by the application\nfields:\n  - {name: id, type: string}", "fields:\n  - {name: id, type: string}\n  - {name: reason, type: string}"),
			change("# received by the application\nfields:\n  - {name: id, type: string}", "fields:\n  - {name: id, type: string}\n  - {name: reason, type: [\"null\", string], default: null}")),
		dr(ServerRemoved, finding.Error, "A server was removed.",
			"Clients configured from the contract connect to the server by name and address; after its removal they have no "+
				"documented endpoint any more. Keep the server until its users have moved to another one, then remove it in a "+
				"new major version.",
			change("servers:\n  prod: {...}\n  legacy: {...}", "servers:\n  prod: {...}"), change("servers:\n  prod: {...}", "servers:\n  prod: {...}\n  dr: {...}")),
		dr(ServerAdded, finding.Info, "A server was added.",
			"A new server breaks nobody: existing clients keep using the servers they know. It is reported for the changelog so "+
				"that operators see the new endpoint and its protocol. A server renamed under a new key shows as a removal plus "+
				"this addition.",
			change("servers:\n  prod: {...}", "servers:\n  prod: {...}\n  dr: {...}"), change("servers:\n  prod: {...}", "servers:\n  prod: {...}")),
		dr(ServerProtocolChanged, finding.Error, "A server's protocol changed.",
			"Clients connect with the old protocol's library, port and settings (kafka-secure → kafka, mqtt → amqp): after the "+
				"change nothing they send is understood. Add a new server with the new protocol and retire the old one after its "+
				"users have moved.",
			change("prod: {host: broker:9093, protocol: kafka-secure}", "prod: {host: broker:9093, protocol: kafka}"),
			change("prod: {host: broker:9093, protocol: kafka-secure}", "prod: {host: broker:9093, protocol: kafka-secure, description: Prod}")),
		dr(ServerAddressChanged, finding.Error, "A server's address changed (2.x url, 3.0 host and pathname, with variable defaults).",
			"Clients configured from the contract connect to the old address and lose their connection when it goes away. "+
				"The address compared is the 2.x url, or the 3.0 host followed by pathname, with each server variable replaced by "+
				"its default. Add a new server and retire the old one after its users have moved.",
			change("prod: {host: broker.example.com:9093, protocol: kafka-secure}", "prod: {host: broker2.example.com:9093, protocol: kafka-secure}"),
			change("prod: {host: '{env}.example.com', variables: {env: {default: prod}}}", "prod: {host: 'prod.example.com'}")),
		dr(SecurityRequirementAdded, finding.Error, "A server or operation requires security that existing clients may not have.",
			"Security requirements are alternatives: a client satisfies one of them. It breaks clients when a server or operation "+
				"without security now requires it, or when an alternative the base accepted is no longer accepted by any head "+
				"alternative with the same (or fewer) schemes. Adding an extra alternative is fine.",
			change("security: [{$ref: '#/components/securitySchemes/sasl'}]", "security: [{$ref: '#/components/securitySchemes/oauth'}]"),
			change("security: [{$ref: '#/components/securitySchemes/sasl'}]", "security: [{$ref: '#/components/securitySchemes/sasl'}, {$ref: '#/components/securitySchemes/oauth'}]")),
		dr(KafkaTopicChanged, finding.Error, "A channel's Kafka binding topic changed.",
			"Kafka clients read and write the topic named by bindings.kafka.topic (or, without it, the channel address). Once it "+
				"changes, producers and consumers that have not been redeployed talk to different topics. Keep the old topic until "+
				"its users have moved, or create a new channel.",
			change("bindings: {kafka: {topic: payments.v1.captured}}", "bindings: {kafka: {topic: payments.v1.captured-events}}"),
			change("bindings: {kafka: {topic: payments.v1.captured, partitions: 3}}", "bindings: {kafka: {topic: payments.v1.captured, partitions: 6}}")),
		dr(KafkaKeyChanged, finding.Error, "A message's Kafka binding key schema changed.",
			"The record key decides partitioning, and with it ordering per key and compaction; consumers also deserialize it. A "+
				"new key schema (string → integer, a different Avro record) reshuffles partitions and breaks key deserialization, "+
				"so it needs a new topic.",
			change("bindings: {kafka: {key: {type: string}}}", "bindings: {kafka: {key: {type: integer}}}"),
			change("bindings: {kafka: {key: {type: string}}}", "bindings: {kafka: {key: {type: string, description: Payment id}}}")),
	}
	for _, scope := range []string{"payload", "header"} {
		what := "payload"
		if scope == "header" {
			what = "headers"
		}
		for _, k := range SchemaChangeKinds() {
			bad, good := schemaExamples(k.What)
			diff = append(diff, dr(MessageSchemaRule(scope, k.What), finding.Error, sprintf(k.Summary, what),
				"Reported when the change breaks "+k.Breaks+". The direction comes from the operations that use the message: "+
					"a message the application sends is read by consumers (compared like a response), one it receives is written "+
					"by producers (compared like a request), and a message no operation uses counts as both. The same change in "+
					"the harmless direction is "+MessageSchemaChanged+" (info). A change written in a shared component is reported "+
					"once, where it is written, listing the operations that use it.",
				bad, good))
		}
	}
	return append(lint, diff...)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// change renders a base → head example.
func change(base, head string) string {
	return "# base\n" + base + "\n# head\n" + head + "\n"
}

// schemaExamples returns a failing and a passing change for a schema
// change kind.
func schemaExamples(what string) (bad, good string) {
	switch what {
	case SchemaPropertyRemoved:
		return change("# sent by the application\nproperties: {id: {type: string}, note: {type: string}}", "properties: {id: {type: string}}"),
			change("# received by the application\nproperties: {id: {type: string}, note: {type: string}}", "properties: {id: {type: string}}")
	case SchemaRequiredPropertyAdded:
		return change("# received by the application\nrequired: [id]", "required: [id, reason]\nproperties: {reason: {type: string}}"),
			change("# received by the application\nrequired: [id]", "required: [id]\nproperties: {reason: {type: string}}")
	case SchemaBecameRequired:
		return change("# received by the application\nrequired: [id]", "required: [id, reason]"),
			change("# sent by the application\nrequired: [id]", "required: [id, reason]")
	case SchemaBecameOptional:
		return change("# sent by the application\nrequired: [id, amount_minor]", "required: [id]"),
			change("# received by the application\nrequired: [id, amount_minor]", "required: [id]")
	case SchemaTypeChanged:
		return change("currency: {type: string}", "currency: {type: integer}"),
			change("currency: {type: string}", "currency: {type: string, description: ISO 4217}")
	case SchemaWidened:
		return change("# sent by the application\nstatus: {type: string, enum: [captured, settled]}", "status: {type: string, enum: [captured, settled, refunded]}"),
			change("# received by the application\nstatus: {type: string, enum: [captured, settled]}", "status: {type: string, enum: [captured, settled, refunded]}")
	}
	return change("# received by the application\npriority: {type: integer, maximum: 10}", "priority: {type: integer, maximum: 5}"),
		change("# sent by the application\npriority: {type: integer, maximum: 10}", "priority: {type: integer, maximum: 5}")
}
