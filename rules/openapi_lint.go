package rules

import "github.com/contractctl/contractctl/finding"

// House rule IDs for OpenAPI (several are shared with AsyncAPI and Protobuf).
const (
	OASValid               = "oas-valid"
	MoneyIntegerMinorUnits = "money-integer-minor-units"
	MoneyMinorUnitsName    = "money-minor-units-name"
	MoneyCurrencyPair      = "money-currency-pair"
	PathVersioned          = "path-versioned"
	IdempotencyKeyRequired = "idempotency-key-required"
	RateLimitRetryAfter    = "rate-limit-retry-after"
	RateLimitDocumented    = "rate-limit-documented"
	TraceIDHeader          = "trace-id-header"
	AcceptedHasLocation    = "accepted-has-location"
	WebhookSigned          = "webhook-signed"
	WebhookEventID         = "webhook-event-id"
	ServerHTTPS            = "server-https"
	OperationSecurity      = "operation-security"
	NoAPIKeyInQuery        = "no-api-key-in-query"
	NoSecretsInExamples    = "no-secrets-in-examples"
	OperationIDUnique      = "operation-id-unique"
	DeprecatedNeedsSunset  = "deprecated-needs-sunset"
	PropertyTypeExplicit   = "property-type-explicit"
)

func openAPILintRules() []Rule {
	oas := []Format{OpenAPI}
	events := []Format{OpenAPI, AsyncAPI, Protobuf}
	return []Rule{
		{ID: OASValid, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "The document is structurally valid for its OpenAPI version.",
			Doc: "Every other rule reads the document's structure, and so do the generators and gateways downstream; " +
				"a missing field or a `$ref` that leads nowhere breaks them quietly. contractctl checks what matters " +
				"for Swagger 2.0, OpenAPI 3.0 and 3.1 (3.2 is read as 3.1): the `openapi`/`swagger` version, `info` with " +
				"`title` and `version`, `paths` (required in 2.0 and 3.0; 3.1 needs one of paths, webhooks, components), " +
				"path keys starting with `/`, status codes (`200`, `4XX`, `default`), a `description` on every response " +
				"in 2.0 and 3.0, parameters with `name` and a known `in`, path parameters declared for every `{name}` " +
				"of the template and `required: true`, exactly one of `schema`/`content` on 3.x parameters, schema `type` " +
				"values (a list only in 3.1, `nullable` only before 3.1), security requirements naming defined schemes, " +
				"and security schemes with a known type. Every `$ref` must resolve: a missing file or pointer, a file " +
				"outside the repository root and a remote `http(s)` reference (unless `--allow-remote-refs`, which " +
				"leaves remote targets unchecked) are reported at the `$ref`. Duplicate operationIds are " +
				"`operation-id-unique`'s job. No configuration.",
			Bad: "openapi: 3.0.3\ninfo:\n  title: Payments\npaths:\n  /v1/payments/{id}:\n    get:\n      responses:\n" +
				"        \"200\":\n          $ref: '#/components/responses/Missing'\n",
			Good: "openapi: 3.0.3\ninfo:\n  title: Payments\n  version: 1.0.0\npaths:\n  /v1/payments/{id}:\n    get:\n" +
				"      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n" +
				"      responses:\n        \"200\":\n          description: The payment.\n"},
		{ID: MoneyIntegerMinorUnits, Severity: finding.Error, Job: JobLint, Formats: events,
			Summary: "Money is an integer number of minor units, never a float or a string.",
			Doc: "Binary floating point cannot represent most decimal amounts (0.1 + 0.2 ≠ 0.3), and decimal strings " +
				"push parsing and rounding onto every client. Money travels as an integer count of the currency's " +
				"minor units (cents). The rule looks at every schema property whose name is a money name: its words " +
				"(split at `_`, `-`, `.` and camelCase) include one of `house.money.words` (default amount, price, fee, " +
				"balance, cost, total) and none of `house.money.exclude` (count, number, qty, rate, percent, id, " +
				"currency, unit, decimals, …). Following `$ref`s and compositions, the property must be `type: integer`; " +
				"nullable forms are fine (`nullable: true` in 3.0, `type: [integer, \"null\"]` in 3.1). A number or " +
				"string type, or no type at all, is reported at the property name. Objects and arrays (a `total` object " +
				"holding `amount_minor` and `currency`) and booleans (`refund_application_fee: true`) are not money values " +
				"and are skipped.",
			Bad:  "Charge:\n  type: object\n  properties:\n    amount:\n      type: number\n      format: double\n",
			Good: "Charge:\n  type: object\n  properties:\n    amount_minor:\n      type: integer\n      format: int64\n    currency:\n      type: string\n"},
		{ID: MoneyMinorUnitsName, Severity: finding.Warn, Job: JobLint, Formats: events,
			Summary: "An integer money property's name ends in _minor (amount_minor).",
			Doc: "An integer `amount` of 1050 reads as 1050 euros to anyone who has not read the description. The " +
				"name carries the unit: every money property (see money-integer-minor-units for what a money name is, " +
				"configured by `house.money`) whose type is integer must end in `_minor`, `-minor` or `Minor`. The " +
				"finding sits on the property name and suggests the new name in the property's own style.",
			Bad:  "properties:\n  amount:\n    type: integer\n",
			Good: "properties:\n  amount_minor:\n    type: integer\n"},
		{ID: MoneyCurrencyPair, Severity: finding.Warn, Job: JobLint, Formats: []Format{OpenAPI, AsyncAPI},
			Summary: "An object with a money property also has a currency property.",
			Doc: "An amount without its currency is a number: 1050 yen and 1050 euro cents differ by two orders of " +
				"magnitude. Every object schema with a scalar money property (configured by `house.money`) must also " +
				"have a property whose name contains the word `currency` (`currency`, `currency_code`), of type string " +
				"when it declares a type; properties inherited through `allOf` count. The finding is on the first " +
				"money property (or on a currency property that is not a string).",
			Bad:  "Refund:\n  type: object\n  properties:\n    amount_minor: {type: integer}\n",
			Good: "Refund:\n  type: object\n  properties:\n    amount_minor: {type: integer}\n    currency: {type: string, example: EUR}\n"},
		{ID: PathVersioned, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "Every path starts with a version segment (/v1/...).",
			Doc: "A version in the URL lets a breaking release live beside the old one. Every key under `paths` must " +
				"match `house.version_path` (default `^/v[0-9]+(/|$)`), unless every server URL already ends in a " +
				"version segment (`https://api.example.com/v2`; in Swagger 2.0, `basePath: /v2`). The finding is on " +
				"the path key.",
			Bad:  "paths:\n  /payments:\n    get: {}\n",
			Good: "paths:\n  /v1/payments:\n    get: {}\n"},
		{ID: IdempotencyKeyRequired, Severity: finding.Error, Job: JobLint, Formats: []Format{OpenAPI, Protobuf},
			Summary: "Unsafe operations require an Idempotency-Key.",
			Doc: "Networks drop responses; a client that retries a POST without an idempotency key can charge a card " +
				"twice. Every POST and PATCH operation under `paths` must accept a required header parameter named " +
				"`house.idempotency_header` (default `Idempotency-Key`, compared case-insensitively), declared on the " +
				"operation or its path item, or require the property `house.idempotency_property` (default " +
				"`operation_id`) at the top level of its JSON request body (a 2.0 body parameter counts). A missing " +
				"header is reported at the HTTP method; a header that is declared but optional is reported at the " +
				"parameter. Webhook and callback operations are covered by webhook-event-id instead.",
			Bad:  "post:\n  operationId: createPayment\n  parameters: []\n",
			Good: "post:\n  operationId: createPayment\n  parameters:\n    - name: Idempotency-Key\n      in: header\n      required: true\n      schema: {type: string}\n"},
		{ID: RateLimitRetryAfter, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "Every 429 and 503 response declares a Retry-After header.",
			Doc: "A client told to slow down needs to know for how long; without `Retry-After` it retries at once and " +
				"makes the overload worse. Every response declared under `429` or `503` for an operation under " +
				"`paths` must list `Retry-After` in its headers (case-insensitively). A shared response component is " +
				"reported once, at the component. Responses of webhooks and callbacks (sent by receivers) are not " +
				"checked. No configuration.",
			Bad:  "\"429\":\n  description: Too many requests.\n",
			Good: "\"429\":\n  description: Too many requests.\n  headers:\n    Retry-After:\n      schema: {type: integer}\n"},
		{ID: RateLimitDocumented, Severity: finding.Warn, Job: JobLint, Formats: oas,
			Summary: "Every operation declares a 429 response.",
			Doc: "Every endpoint is rate limited in production; a contract that does not say so lets client authors " +
				"forget to handle it. Every operation under `paths` must declare a `429` response (a `4XX` range " +
				"response counts). The finding is on the HTTP method. No configuration.",
			Bad:  "get:\n  responses:\n    \"200\": {description: OK}\n",
			Good: "get:\n  responses:\n    \"200\": {description: OK}\n    \"429\":\n      $ref: '#/components/responses/TooManyRequests'\n"},
		{ID: TraceIDHeader, Severity: finding.Warn, Job: JobLint, Formats: oas,
			Summary: "Every response declares a Trace-Id header.",
			Doc: "A support ticket that quotes a trace ID takes minutes to answer; one without takes hours. Every " +
				"response object of an operation under `paths`, and every reusable response component, must declare " +
				"one of the headers in `house.trace_headers` (default `[Trace-Id]`; add `traceparent` to accept W3C " +
				"trace context), compared case-insensitively. The finding is on the status code, or on the component " +
				"where a shared response is written.",
			Bad:  "\"200\":\n  description: OK\n",
			Good: "\"200\":\n  description: OK\n  headers:\n    Trace-Id:\n      schema: {type: string}\n"},
		{ID: AcceptedHasLocation, Severity: finding.Warn, Job: JobLint, Formats: oas,
			Summary: "Every 202 response declares a Location header.",
			Doc: "`202 Accepted` means the work continues after the response; the client needs somewhere to poll. " +
				"Every `202` response of an operation under `paths` must declare a `Location` header pointing at the " +
				"status resource. No configuration.",
			Bad:  "\"202\":\n  description: Refund accepted.\n",
			Good: "\"202\":\n  description: Refund accepted.\n  headers:\n    Location:\n      schema: {type: string, format: uri}\n"},
		{ID: WebhookSigned, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "Webhooks and callbacks require signature and timestamp headers.",
			Doc: "A webhook receiver must be able to tell our requests from forged ones, and old ones from fresh ones " +
				"(replays). Every operation under `webhooks` (OpenAPI 3.1) and under any `callbacks` object must declare " +
				"required header parameters `house.signature_header` (default `X-Signature`) and " +
				"`house.timestamp_header` (default `X-Timestamp`). The finding is on the HTTP method and names the " +
				"missing or optional headers.",
			Bad: "webhooks:\n  paymentSucceeded:\n    post:\n      requestBody: {$ref: '#/components/requestBodies/Event'}\n",
			Good: "webhooks:\n  paymentSucceeded:\n    post:\n      parameters:\n        - {name: X-Signature, in: header, required: true, schema: {type: string}}\n" +
				"        - {name: X-Timestamp, in: header, required: true, schema: {type: string}}\n"},
		{ID: WebhookEventID, Severity: finding.Warn, Job: JobLint, Formats: oas,
			Summary: "Webhook and callback bodies require an event_id.",
			Doc: "Webhooks are delivered at least once; receivers deduplicate by event ID. The JSON request body of " +
				"every webhook and callback operation must list `house.event_id_property` (default `event_id`) in " +
				"`required` (at the top level, `allOf` members included). The finding is on `requestBody`, or on the " +
				"HTTP method when there is no JSON body.",
			Bad:  "schema:\n  type: object\n  properties:\n    type: {type: string}\n",
			Good: "schema:\n  type: object\n  required: [event_id]\n  properties:\n    event_id: {type: string}\n"},
		{ID: ServerHTTPS, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "Every server URL uses https.",
			Doc: "Credentials and payment data must never cross the network in clear text. Every server URL (root, " +
				"path item and operation `servers`, with variables replaced by their defaults) must use `https://`; " +
				"relative URLs and the loopback hosts `localhost`, `127.0.0.1` and `[::1]` are allowed. In Swagger " +
				"2.0 every entry of `schemes` must be `https` unless `host` is a loopback host. The finding is on the " +
				"`url` (or the scheme). No configuration.",
			Bad:  "servers:\n  - url: http://api.example.com\n",
			Good: "servers:\n  - url: https://api.example.com\n  - url: http://localhost:8080\n"},
		{ID: OperationSecurity, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "Every operation has a security requirement unless marked x-public.",
			Doc: "An endpoint without authentication is a decision, not an accident. Every operation under `paths` " +
				"must have a non-empty effective security requirement: its own `security`, or else the document's. " +
				"An empty list, and a list with an empty requirement `{}` (anonymous access allowed), are reported at " +
				"the HTTP method. Mark a deliberately public operation with `x-public: true`. No configuration.",
			Bad:  "paths:\n  /v1/payments:\n    get:\n      operationId: listPayments\n",
			Good: "security:\n  - bearer: []\npaths:\n  /v1/status:\n    get:\n      operationId: status\n      x-public: true\n"},
		{ID: NoAPIKeyInQuery, Severity: finding.Error, Job: JobLint, Formats: oas,
			Summary: "No API key security scheme is sent in the query string.",
			Doc: "URLs end up in access logs, browser history, proxies and Referer headers; an API key in the query " +
				"string leaks with them. No security scheme of `type: apiKey` (in `components.securitySchemes`, or " +
				"`securityDefinitions` in 2.0) may have `in: query`. The finding is on the scheme's name. No configuration.",
			Bad:  "securitySchemes:\n  key:\n    type: apiKey\n    in: query\n    name: api_key\n",
			Good: "securitySchemes:\n  key:\n    type: apiKey\n    in: header\n    name: X-API-Key\n"},
		{ID: NoSecretsInExamples, Severity: finding.Error, Job: JobLint, Formats: []Format{OpenAPI, AsyncAPI},
			Summary: "No example or default looks like a live secret.",
			Doc: "Contracts are published; a real credential pasted into an example is a leaked credential. Every " +
				"scalar inside an `example`, `examples`, `default` or `const` (in OpenAPI also example object " +
				"`value`s, of schemas, parameters, headers and media types; in AsyncAPI also message examples and " +
				"`enum`s), in every referenced file, is matched against live-credential shapes: `sk_live_…` and " +
				"`rk_live_…` keys, AWS access key IDs (`AKIA` or `ASIA` + 16 upper-case letters or digits), GitHub " +
				"tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 characters, `github_pat_…`), Slack tokens " +
				"(`xoxa-`, `xoxb-`, `xoxp-`, `xoxr-`, `xoxs-` and a number), Google API keys (`AIza…`), PEM " +
				"private key headers, JSON Web Tokens (three base64url parts, the first two starting `eyJ`) and " +
				"`Bearer` values with a random-looking token. A value written under a credential's name " +
				"(`password`, `passphrase`, `secret`, `token`, `apiKey`, `api_key`, `private_key`, …, but not " +
				"`next_page_token`, `token_type`, `secret_name` or `api_key_id`) is reported when it looks " +
				"generated: 12 or more characters, letters and digits, no spaces. Obvious placeholders are never " +
				"reported: AWS's documented `AKIAIOSFODNN7EXAMPLE`, test-mode keys (`sk_test_…`), masks (`***`, " +
				"`xxx`, a run of one character), template slots (`<your-token>`, `{{token}}`, `${TOKEN}`), " +
				"elisions (`...`) and words such as example, your, dummy, sample, fake, redacted and changeme. " +
				"The finding is on the value itself. No configuration.",
			Bad:  "api_key:\n  type: string\n  example: sk_live_51HqLyjWDarjtT1zdp7dc\n",
			Good: "api_key:\n  type: string\n  example: sk_test_XXXXXXXXXXXXXXXX\n"},
		{ID: OperationIDUnique, Severity: finding.Error, Job: JobLint, Formats: []Format{OpenAPI, AsyncAPI},
			Summary: "Every operation has an operationId, unique in the document.",
			Doc: "Code generators name methods after operationIds, documentation links to them and changelogs track " +
				"operations by them; a missing one is invented differently by every tool, a duplicate overwrites. " +
				"Every operation (paths, webhooks and callbacks) must have a non-empty `operationId`, unique across " +
				"the document. A missing one is reported at the HTTP method, a duplicate at the second `operationId`, " +
				"naming the first. No configuration.",
			Bad:  "/v1/payments:\n  get: {operationId: payments}\n  post: {operationId: payments}\n",
			Good: "/v1/payments:\n  get: {operationId: listPayments}\n  post: {operationId: createPayment}\n"},
		{ID: DeprecatedNeedsSunset, Severity: finding.Warn, Job: JobLint, Formats: events,
			Summary: "Every deprecated element carries a sunset date.",
			Doc: "Deprecation without a date is a wish; clients need to know when to finish migrating. Every operation, " +
				"parameter and schema property with `deprecated: true` must carry `x-sunset` with a date, written " +
				"`YYYY-MM-DD` or as an RFC 3339 time. A missing `x-sunset` is reported at the element's key, one that " +
				"is not a date at `x-sunset`. No configuration.",
			Bad:  "get:\n  operationId: listCharges\n  deprecated: true\n",
			Good: "get:\n  operationId: listCharges\n  deprecated: true\n  x-sunset: 2027-06-30\n"},
		{ID: PropertyTypeExplicit, Severity: finding.Warn, Job: JobLint, Formats: oas,
			Summary: "Every schema property declares a type (no quiet, untyped fields).",
			Doc: "A property without a type accepts anything, so generated clients type it as `any` and a change of its " +
				"shape breaks nobody's compiler, only their runtime. Every schema property must declare `type`, " +
				"`$ref`, `enum`, `const` or a composition (`allOf`, `oneOf`, `anyOf`); the finding is on the property " +
				"name. No configuration.",
			Bad:  "properties:\n  metadata:\n    description: Anything goes.\n",
			Good: "properties:\n  metadata:\n    type: object\n    additionalProperties: {type: string}\n"},
	}
}
