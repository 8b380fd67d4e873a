package rules

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
		{ID: OASValid, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "The document is structurally valid for its OpenAPI version."},
		{ID: MoneyIntegerMinorUnits, Severity: Error, Job: JobLint, Formats: events,
			Summary: "Money is an integer number of minor units, never a float or a string."},
		{ID: MoneyMinorUnitsName, Severity: Warn, Job: JobLint, Formats: events,
			Summary: "An integer money property's name ends in _minor (amount_minor)."},
		{ID: MoneyCurrencyPair, Severity: Warn, Job: JobLint, Formats: []Format{OpenAPI, AsyncAPI},
			Summary: "An object with a money property also has a currency property."},
		{ID: PathVersioned, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "Every path starts with a version segment (/v1/...)."},
		{ID: IdempotencyKeyRequired, Severity: Error, Job: JobLint, Formats: []Format{OpenAPI, Protobuf},
			Summary: "Unsafe operations require an Idempotency-Key."},
		{ID: RateLimitRetryAfter, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "Every 429 and 503 response declares a Retry-After header."},
		{ID: RateLimitDocumented, Severity: Warn, Job: JobLint, Formats: oas,
			Summary: "Every operation declares a 429 response."},
		{ID: TraceIDHeader, Severity: Warn, Job: JobLint, Formats: oas,
			Summary: "Every response declares a Trace-Id header."},
		{ID: AcceptedHasLocation, Severity: Warn, Job: JobLint, Formats: oas,
			Summary: "Every 202 response declares a Location header."},
		{ID: WebhookSigned, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "Webhooks and callbacks require signature and timestamp headers."},
		{ID: WebhookEventID, Severity: Warn, Job: JobLint, Formats: oas,
			Summary: "Webhook and callback bodies require an event_id."},
		{ID: ServerHTTPS, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "Every server URL uses https."},
		{ID: OperationSecurity, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "Every operation has a security requirement unless marked x-public."},
		{ID: NoAPIKeyInQuery, Severity: Error, Job: JobLint, Formats: oas,
			Summary: "No API key security scheme is sent in the query string."},
		{ID: NoSecretsInExamples, Severity: Error, Job: JobLint, Formats: []Format{OpenAPI, AsyncAPI},
			Summary: "No example or default looks like a live secret."},
		{ID: OperationIDUnique, Severity: Error, Job: JobLint, Formats: []Format{OpenAPI, AsyncAPI},
			Summary: "Every operation has an operationId, unique in the document."},
		{ID: DeprecatedNeedsSunset, Severity: Warn, Job: JobLint, Formats: events,
			Summary: "Every deprecated element carries a sunset date."},
		{ID: PropertyTypeExplicit, Severity: Warn, Job: JobLint, Formats: oas,
			Summary: "Every schema property declares a type (no quiet, untyped fields)."},
	}
}
