package openapi

import (
	"strings"
)

// kindExamples are base → head illustrations of schema-change kinds.
var kindExamples = map[string][2]string{
	"type-changed":                       {"type: string", "type: integer"},
	"type-generalized":                   {"type: integer", "type: number"},
	"type-specialized":                   {"type: number", "type: integer"},
	"list-of-types-widened":              {"type: [string]", "type: [string, integer]"},
	"list-of-types-narrowed":             {"type: [string, integer]", "type: [string]"},
	"enum-value-added":                   {"enum: [card, bank]", "enum: [card, bank, wallet]"},
	"enum-value-removed":                 {"enum: [card, bank, wallet]", "enum: [card, bank]"},
	"became-enum":                        {"type: string", "type: string\nenum: [card, bank]"},
	"became-not-enum":                    {"type: string\nenum: [card, bank]", "type: string"},
	"x-extensible-enum-value-added":      {"x-extensible-enum: [card, bank]", "x-extensible-enum: [card, bank, wallet]"},
	"x-extensible-enum-value-removed":    {"x-extensible-enum: [card, bank, wallet]", "x-extensible-enum: [card, bank]"},
	"became-nullable":                    {"type: string", "type: string\nnullable: true"},
	"became-not-nullable":                {"type: string\nnullable: true", "type: string"},
	"pattern-added":                      {"type: string", "type: string\npattern: '^[a-z]+$'"},
	"pattern-removed":                    {"pattern: '^[a-z]+$'", "type: string"},
	"pattern-changed":                    {"pattern: '^[a-z]+$'", "pattern: '^[0-9]+$'"},
	"pattern-generalized":                {"pattern: '^[a-z]+$'", "pattern: '.*'"},
	"unique-items-set":                   {"type: array", "type: array\nuniqueItems: true"},
	"unique-items-unset":                 {"type: array\nuniqueItems: true", "type: array"},
	"items-set":                          {"type: array", "type: array\nitems: {type: string}"},
	"items-unset":                        {"type: array\nitems: {type: string}", "type: array"},
	"default-value-added":                {"type: integer", "type: integer\ndefault: 10"},
	"default-value-removed":              {"type: integer\ndefault: 10", "type: integer"},
	"default-value-changed":              {"default: 10", "default: 20"},
	"const-added":                        {"type: string", "const: card"},
	"const-removed":                      {"const: card", "type: string"},
	"const-changed":                      {"const: card", "const: bank"},
	"schema-became-false":                {"{type: string}", "false"},
	"schema-became-not-false":            {"false", "{type: string}"},
	"additional-properties-became-false": {"type: object", "type: object\nadditionalProperties: false"},
	"additional-properties-became-true":  {"additionalProperties: false", "additionalProperties: true"},
	"additional-properties-set":          {"type: object", "type: object\nadditionalProperties: {type: string}"},
	"additional-properties-relaxed":      {"additionalProperties: false", "additionalProperties: {type: string}"},
	"one-of-added":                       {"oneOf: [$ref: Card]", "oneOf: [$ref: Card, $ref: Bank]"},
	"one-of-removed":                     {"oneOf: [$ref: Card, $ref: Bank]", "oneOf: [$ref: Card]"},
	"any-of-added":                       {"anyOf: [$ref: Card]", "anyOf: [$ref: Card, $ref: Bank]"},
	"any-of-removed":                     {"anyOf: [$ref: Card, $ref: Bank]", "anyOf: [$ref: Card]"},
	"all-of-added":                       {"allOf: [$ref: Base]", "allOf: [$ref: Base, $ref: Audit]"},
	"all-of-removed":                     {"allOf: [$ref: Base, $ref: Audit]", "allOf: [$ref: Base]"},
}

var boundKeys = map[string]string{
	"max": "maximum", "min": "minimum", "exclusive-max": "exclusiveMaximum", "exclusive-min": "exclusiveMinimum",
	"max-length": "maxLength", "min-length": "minLength", "max-items": "maxItems", "min-items": "minItems",
	"max-properties": "maxProperties", "min-properties": "minProperties", "max-contains": "maxContains",
	"min-contains": "minContains", "multiple-of": "multipleOf",
}

func boundExample(kind string) ([2]string, bool) {
	for short, key := range boundKeys {
		rest, ok := strings.CutPrefix(kind, short+"-")
		if !ok {
			continue
		}
		switch rest {
		case "set":
			return [2]string{"type: integer", "type: integer\n" + key + ": 10"}, true
		case "unset":
			return [2]string{key + ": 10", "type: integer"}, true
		case "increased", "generalized":
			if rest == "generalized" {
				return [2]string{key + ": 10", key + ": 5"}, true
			}
			return [2]string{key + ": 10", key + ": 20"}, true
		case "decreased":
			return [2]string{key + ": 20", key + ": 10"}, true
		case "specialized":
			return [2]string{key + ": 5", key + ": 10"}, true
		case "changed":
			return [2]string{key + ": 3", key + ": 5"}, true
		}
	}
	return [2]string{}, false
}

// staticExamples illustrate operation-level rules.
var staticExamples = map[string][2]string{
	"contract-added":                                    {"(no file)", "openapi: 3.1.0 …"},
	"endpoint-added":                                    {"paths: {/v1/a: {get: …}}", "paths: {/v1/a: {get: …, post: …}}"},
	"webhook-added":                                     {"webhooks: {}", "webhooks: {paid: {post: …}}"},
	"webhook-removed":                                   {"webhooks: {paid: {post: …}}", "webhooks: {}"},
	"api-removed-without-deprecation":                   {"/v1/a: {get: …, delete: …}", "/v1/a: {get: …}"},
	"api-removed-before-sunset":                         {"delete: {deprecated: true, x-sunset: '2999-01-01'}", "(delete removed)"},
	"api-removed-with-deprecation":                      {"delete: {deprecated: true, x-sunset: '2020-01-01'}", "(delete removed)"},
	"api-path-removed-without-deprecation":              {"paths: {/v1/a: …, /v1/b: …}", "paths: {/v1/a: …}"},
	"api-path-removed-before-sunset":                    {"/v1/b: {get: {deprecated: true, x-sunset: '2999-01-01'}}", "(/v1/b removed)"},
	"api-path-removed-with-deprecation":                 {"/v1/b: {get: {deprecated: true, x-sunset: '2020-01-01'}}", "(/v1/b removed)"},
	"api-invalid-stability-level":                       {"x-stability-level: beta", "x-stability-level: gamma"},
	"api-stability-decreased":                           {"x-stability-level: stable", "x-stability-level: beta"},
	"api-stability-increased":                           {"x-stability-level: beta", "x-stability-level: stable"},
	"endpoint-deprecated":                               {"get: {…}", "get: {deprecated: true}"},
	"endpoint-deprecated-with-sunset":                   {"get: {…}", "get: {deprecated: true, x-sunset: '2027-01-01'}"},
	"endpoint-reactivated":                              {"get: {deprecated: true}", "get: {…}"},
	"sunset-deleted":                                    {"deprecated: true\nx-sunset: '2027-01-01'", "deprecated: true"},
	"api-sunset-date-changed-earlier":                   {"x-sunset: '2027-06-01'", "x-sunset: '2027-01-01'"},
	"request-parameter-removed":                         {"parameters: [{in: query, name: limit}]", "parameters: []"},
	"request-parameter-removed-with-deprecation":        {"{in: query, name: limit, deprecated: true, x-sunset: '2020-01-01'}", "(parameter removed)"},
	"request-parameter-removed-before-sunset":           {"{in: query, name: limit, deprecated: true, x-sunset: '2999-01-01'}", "(parameter removed)"},
	"new-request-path-parameter":                        {"/v1/items", "/v1/items/{id}"},
	"new-required-request-parameter":                    {"parameters: []", "parameters: [{in: query, name: tenant, required: true}]"},
	"new-optional-request-parameter":                    {"parameters: []", "parameters: [{in: query, name: tenant}]"},
	"request-parameter-became-required":                 {"{in: query, name: limit}", "{in: query, name: limit, required: true}"},
	"request-parameter-became-optional":                 {"{in: query, name: limit, required: true}", "{in: query, name: limit}"},
	"request-parameter-style-changed":                   {"{in: query, name: ids, style: form}", "{in: query, name: ids, style: pipeDelimited}"},
	"request-parameter-explode-changed":                 {"{in: query, name: ids}", "{in: query, name: ids, explode: false}"},
	"request-parameter-allow-reserved-removed":          {"{in: query, name: q, allowReserved: true}", "{in: query, name: q}"},
	"request-parameter-content-media-type-changed":      {"content: {application/json: …}", "content: {text/plain: …}"},
	"request-parameter-sunset-deleted":                  {"{name: limit, deprecated: true, x-sunset: '2027-01-01'}", "{name: limit, deprecated: true}"},
	"request-parameter-sunset-date-changed-earlier":     {"{name: limit, deprecated: true, x-sunset: '2027-06-01'}", "{name: limit, deprecated: true, x-sunset: '2027-01-01'}"},
	"request-parameter-deprecated":                      {"{in: query, name: limit}", "{in: query, name: limit, deprecated: true}"},
	"request-parameter-reactivated":                     {"{in: query, name: limit, deprecated: true}", "{in: query, name: limit}"},
	"request-body-added-required":                       {"post: {responses: …}", "post: {requestBody: {required: true, …}}"},
	"request-body-added-optional":                       {"post: {responses: …}", "post: {requestBody: {…}}"},
	"request-body-removed":                              {"post: {requestBody: {…}}", "post: {responses: …}"},
	"request-body-became-required":                      {"requestBody: {content: …}", "requestBody: {required: true, content: …}"},
	"request-body-became-optional":                      {"requestBody: {required: true, content: …}", "requestBody: {content: …}"},
	"request-body-media-type-removed":                   {"content: {application/json: …, application/xml: …}", "content: {application/json: …}"},
	"request-body-media-type-added":                     {"content: {application/json: …}", "content: {application/json: …, application/xml: …}"},
	"request-body-media-type-schema-removed":            {"application/json: {schema: …}", "application/json: {}"},
	"request-body-media-type-schema-added":              {"application/json: {}", "application/json: {schema: …}"},
	"response-body-media-type-schema-removed":           {"application/json: {schema: …}", "application/json: {}"},
	"response-body-media-type-schema-added":             {"application/json: {}", "application/json: {schema: …}"},
	"response-success-status-removed":                   {"responses: {'200': …, '404': …}", "responses: {'404': …}"},
	"response-non-success-status-removed":               {"responses: {'200': …, '404': …}", "responses: {'200': …}"},
	"response-success-status-added":                     {"responses: {'200': …}", "responses: {'200': …, '201': …}"},
	"response-non-success-status-added":                 {"responses: {'200': …}", "responses: {'200': …, '409': …}"},
	"response-media-type-parameter-added":               {"content: {application/json: …}", "content: {application/json; charset=utf-8: …}"},
	"response-media-type-parameter-removed":             {"content: {application/json; version=2: …}", "content: {application/json: …}"},
	"response-media-type-parameter-changed":             {"content: {application/json; version=2: …}", "content: {application/json; version=3: …}"},
	"response-media-type-name-generalized":              {"content: {application/json: …}", "content: {application/*: …}"},
	"response-media-type-name-specialized":              {"content: {application/*: …}", "content: {application/json: …}"},
	"webhook-parameter-removed":                         {"parameters: [{in: header, name: X-Attempt}]", "parameters: []"},
	"webhook-parameter-removed-before-sunset":           {"parameters: [{in: header, name: X-Old, deprecated: true, x-sunset: '2099-01-01'}]", "parameters: []"},
	"webhook-parameter-removed-with-deprecation":        {"parameters: [{in: header, name: X-Old, deprecated: true, x-sunset: '2020-01-01'}]", "parameters: []"},
	"webhook-parameter-became-optional":                 {"{in: header, name: X-Signature, required: true}", "{in: header, name: X-Signature}"},
	"webhook-parameter-became-required":                 {"{in: header, name: X-Carrier}", "{in: header, name: X-Carrier, required: true}"},
	"webhook-parameter-added":                           {"parameters: []", "parameters: [{in: header, name: X-Batch}]"},
	"webhook-parameter-serialization-changed":           {"{in: query, name: ids, style: form}", "{in: query, name: ids, style: pipeDelimited}"},
	"webhook-security-added":                            {"security: [{hmac: []}]", "security: [{hmac: []}, {apiKey: []}]"},
	"webhook-security-removed":                          {"security: [{hmac: []}, {apiKey: []}]", "security: [{hmac: []}]"},
	"webhook-security-anonymous-added":                  {"security: [{hmac: []}]", "security: [{hmac: []}, {}]"},
	"webhook-security-anonymous-removed":                {"security: []", "security: [{hmac: []}]"},
	"webhook-security-scope-removed":                    {"security: [{oauth: [events.read, events.write]}]", "security: [{oauth: [events.read]}]"},
	"webhook-security-scope-added":                      {"security: [{oauth: [events.read]}]", "security: [{oauth: [events.read, events.write]}]"},
	"response-media-type-removed":                       {"content: {application/json: …, text/csv: …}", "content: {application/json: …}"},
	"response-media-type-added":                         {"content: {application/json: …}", "content: {application/json: …, text/csv: …}"},
	"required-response-header-removed":                  {"headers: {Location: {required: true}}", "headers: {}"},
	"optional-response-header-removed":                  {"headers: {Trace-Id: {…}}", "headers: {}"},
	"response-header-became-optional":                   {"Location: {required: true}", "Location: {}"},
	"response-header-added":                             {"headers: {}", "headers: {Trace-Id: {…}}"},
	"api-security-anonymous-access-removed":             {"security: []", "security: [{apiKey: []}]"},
	"api-security-anonymous-access-added":               {"security: [{apiKey: []}]", "security: [{}, {apiKey: []}]"},
	"api-security-removed":                              {"security: [{apiKey: []}, {oauth: [read]}]", "security: [{oauth: [read]}]"},
	"api-global-security-removed":                       {"security: [{apiKey: []}, {oauth: [read]}]  # top level", "security: [{oauth: [read]}]"},
	"api-security-scope-added":                          {"security: [{oauth: [read]}]", "security: [{oauth: [read, write]}]"},
	"api-global-security-scope-added":                   {"security: [{oauth: [read]}]  # top level", "security: [{oauth: [read, write]}]"},
	"api-security-scope-removed":                        {"security: [{oauth: [read, write]}]", "security: [{oauth: [read]}]"},
	"api-global-security-scope-removed":                 {"security: [{oauth: [read, write]}]  # top level", "security: [{oauth: [read]}]"},
	"api-security-added":                                {"security: [{apiKey: []}]", "security: [{apiKey: []}, {oauth: [read]}]"},
	"api-global-security-added":                         {"security: [{apiKey: []}]  # top level", "security: [{apiKey: []}, {oauth: [read]}]"},
	"api-security-component-removed":                    {"securitySchemes: {apiKey: …, oauth: …}", "securitySchemes: {oauth: …}"},
	"api-security-component-added":                      {"securitySchemes: {oauth: …}", "securitySchemes: {apiKey: …, oauth: …}"},
	"api-security-component-type-changed":               {"apiKey: {type: apiKey, in: header, name: X-Key}", "apiKey: {type: http, scheme: bearer}"},
	"api-security-component-api-key-in-changed":         {"{type: apiKey, in: header, name: X-Key}", "{type: apiKey, in: query, name: X-Key}"},
	"api-security-component-api-key-name-changed":       {"{type: apiKey, in: header, name: X-Key}", "{type: apiKey, in: header, name: X-Api-Key}"},
	"api-security-component-http-scheme-changed":        {"{type: http, scheme: basic}", "{type: http, scheme: bearer}"},
	"api-security-component-bearer-format-changed":      {"{type: http, scheme: bearer, bearerFormat: JWT}", "{type: http, scheme: bearer, bearerFormat: opaque}"},
	"api-security-component-openid-connect-url-changed": {"openIdConnectUrl: https://a/.well-known", "openIdConnectUrl: https://b/.well-known"},
	"api-security-component-oauth-url-changed":          {"authorizationUrl: https://a/auth", "authorizationUrl: https://b/auth"},
	"api-security-component-oauth-token-url-changed":    {"tokenUrl: https://a/token", "tokenUrl: https://b/token"},
	"api-security-component-oauth-refresh-url-changed":  {"refreshUrl: https://a/refresh", "refreshUrl: https://b/refresh"},
	"api-security-component-oauth-scope-removed":        {"scopes: {read: …, write: …}", "scopes: {read: …}"},
	"api-security-component-oauth-scope-added":          {"scopes: {read: …}", "scopes: {read: …, write: …}"},
	"api-version-not-bumped":                            {"info: {version: 1.2.0}  # and a change", "info: {version: 1.2.0}"},
	"api-version-decreased":                             {"info: {version: 1.3.0}", "info: {version: 1.2.0}"},
	"api-major-version-not-bumped":                      {"info: {version: 1.2.0}  # and a breaking change", "info: {version: 1.3.0}"},
}

// propertyExamples illustrate property-level IDs by their suffix.
var propertyExamples = []struct {
	contains string
	ex       [2]string
}{
	{"write-only-property-added", [2]string{"properties: {id: …}", "properties: {id: …, secret: {writeOnly: true}}"}},
	{"write-only-property-removed", [2]string{"properties: {id: …, secret: {writeOnly: true}}", "properties: {id: …}"}},
	{"property-with-default", [2]string{"required: [id]", "required: [id, mode]\nproperties: {mode: {default: live}}"}},
	{"new-required-request-property", [2]string{"required: [id]", "required: [id, name]  # name is new"}},
	{"new-optional-request-property", [2]string{"properties: {id: …}", "properties: {id: …, note: …}"}},
	{"required-property-added", [2]string{"required: [id]", "required: [id, name]  # name is new"}},
	{"optional-property-added", [2]string{"properties: {id: …}", "properties: {id: …, note: …}"}},
	{"property-removed-with-deprecation", [2]string{"note: {deprecated: true, x-sunset: '2020-01-01'}", "(note removed)"}},
	{"property-removed-before-sunset", [2]string{"note: {deprecated: true, x-sunset: '2999-01-01'}", "(note removed)"}},
	{"property-removed", [2]string{"properties: {id: …, note: …}", "properties: {id: …}"}},
	{"became-required-with-default", [2]string{"required: [id]\nproperties: {mode: {default: live}}", "required: [id, mode]"}},
	{"became-required", [2]string{"required: [id]", "required: [id, note]"}},
	{"became-optional", [2]string{"required: [id, note]", "required: [id]"}},
	{"became-not-read-only", [2]string{"id: {readOnly: true}", "id: {}"}},
	{"became-read-only", [2]string{"id: {}", "id: {readOnly: true}"}},
	{"became-not-write-only", [2]string{"secret: {writeOnly: true}", "secret: {}"}},
	{"became-write-only", [2]string{"secret: {}", "secret: {writeOnly: true}"}},
	{"deprecated-with-sunset", [2]string{"note: {type: string}", "note: {type: string, deprecated: true, x-sunset: '2027-01-01'}"}},
	{"property-deprecated", [2]string{"note: {type: string}", "note: {type: string, deprecated: true}"}},
	{"property-reactivated", [2]string{"note: {deprecated: true}", "note: {}"}},
}

func examples(id string) (bad, good string) {
	ex, ok := staticExamples[id]
	if !ok {
		for _, p := range propertyExamples {
			if strings.Contains(id, p.contains) {
				ex, ok = p.ex, true
				break
			}
		}
	}
	if !ok {
		kind := id
		for _, s := range subjects {
			if rest, found := strings.CutPrefix(id, s.prefix); found {
				kind = rest
				break
			}
		}
		if ex, ok = kindExamples[kind]; !ok {
			ex, ok = boundExample(kind)
		}
	}
	if !ok {
		ex = [2]string{"(base)", "(head)"}
	}
	bad = "# base\n" + ex[0] + "\n# head\n" + ex[1] + "\n"
	good = "# base\n" + ex[0] + "\n# head: unchanged, or the change made compatibly\n" + ex[0] + "\n"
	return bad, good
}
