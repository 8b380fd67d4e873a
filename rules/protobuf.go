package rules

import "github.com/contractctl/contractctl/finding"

// Protobuf rule IDs: buf's lint and breaking rules (same IDs, same
// categories as buf's v2 configuration) and the Protobuf-only house rule.
const (
	PackageVersioned                               = "package-versioned"
	ProtoDirectorySamePackage                      = "DIRECTORY_SAME_PACKAGE"
	ProtoPackageDefined                            = "PACKAGE_DEFINED"
	ProtoPackageDirectoryMatch                     = "PACKAGE_DIRECTORY_MATCH"
	ProtoPackageNoImportCycle                      = "PACKAGE_NO_IMPORT_CYCLE"
	ProtoPackageSameDirectory                      = "PACKAGE_SAME_DIRECTORY"
	ProtoEnumFirstValueZero                        = "ENUM_FIRST_VALUE_ZERO"
	ProtoEnumNoAllowAlias                          = "ENUM_NO_ALLOW_ALIAS"
	ProtoEnumPascalCase                            = "ENUM_PASCAL_CASE"
	ProtoEnumValueUpperSnakeCase                   = "ENUM_VALUE_UPPER_SNAKE_CASE"
	ProtoFieldLowerSnakeCase                       = "FIELD_LOWER_SNAKE_CASE"
	ProtoFieldNotRequired                          = "FIELD_NOT_REQUIRED"
	ProtoImportNoPublic                            = "IMPORT_NO_PUBLIC"
	ProtoImportUsed                                = "IMPORT_USED"
	ProtoMessagePascalCase                         = "MESSAGE_PASCAL_CASE"
	ProtoOneofLowerSnakeCase                       = "ONEOF_LOWER_SNAKE_CASE"
	ProtoPackageLowerSnakeCase                     = "PACKAGE_LOWER_SNAKE_CASE"
	ProtoPackageSameCsharpNamespace                = "PACKAGE_SAME_CSHARP_NAMESPACE"
	ProtoPackageSameGoPackage                      = "PACKAGE_SAME_GO_PACKAGE"
	ProtoPackageSameJavaMultipleFiles              = "PACKAGE_SAME_JAVA_MULTIPLE_FILES"
	ProtoPackageSameJavaPackage                    = "PACKAGE_SAME_JAVA_PACKAGE"
	ProtoPackageSamePhpNamespace                   = "PACKAGE_SAME_PHP_NAMESPACE"
	ProtoPackageSameRubyPackage                    = "PACKAGE_SAME_RUBY_PACKAGE"
	ProtoPackageSameSwiftPrefix                    = "PACKAGE_SAME_SWIFT_PREFIX"
	ProtoRpcPascalCase                             = "RPC_PASCAL_CASE"
	ProtoServicePascalCase                         = "SERVICE_PASCAL_CASE"
	ProtoSyntaxSpecified                           = "SYNTAX_SPECIFIED"
	ProtoEnumValuePrefix                           = "ENUM_VALUE_PREFIX"
	ProtoEnumZeroValueSuffix                       = "ENUM_ZERO_VALUE_SUFFIX"
	ProtoFileLowerSnakeCase                        = "FILE_LOWER_SNAKE_CASE"
	ProtoPackageVersionSuffix                      = "PACKAGE_VERSION_SUFFIX"
	ProtoProtovalidate                             = "PROTOVALIDATE"
	ProtoRpcRequestResponseUnique                  = "RPC_REQUEST_RESPONSE_UNIQUE"
	ProtoRpcRequestStandardName                    = "RPC_REQUEST_STANDARD_NAME"
	ProtoRpcResponseStandardName                   = "RPC_RESPONSE_STANDARD_NAME"
	ProtoServiceSuffix                             = "SERVICE_SUFFIX"
	ProtoCommentEnum                               = "COMMENT_ENUM"
	ProtoCommentEnumValue                          = "COMMENT_ENUM_VALUE"
	ProtoCommentField                              = "COMMENT_FIELD"
	ProtoCommentMessage                            = "COMMENT_MESSAGE"
	ProtoCommentOneof                              = "COMMENT_ONEOF"
	ProtoCommentRpc                                = "COMMENT_RPC"
	ProtoCommentService                            = "COMMENT_SERVICE"
	ProtoRpcNoClientStreaming                      = "RPC_NO_CLIENT_STREAMING"
	ProtoRpcNoServerStreaming                      = "RPC_NO_SERVER_STREAMING"
	ProtoImportNoWeak                              = "IMPORT_NO_WEAK"
	ProtoFieldNoDescriptor                         = "FIELD_NO_DESCRIPTOR"
	ProtoStablePackageNoImportUnstable             = "STABLE_PACKAGE_NO_IMPORT_UNSTABLE"
	ProtoFieldSameDefault                          = "FIELD_SAME_DEFAULT"
	ProtoFieldSameOneof                            = "FIELD_SAME_ONEOF"
	ProtoFileSamePackage                           = "FILE_SAME_PACKAGE"
	ProtoMessageSameRequiredFields                 = "MESSAGE_SAME_REQUIRED_FIELDS"
	ProtoReservedEnumNoDelete                      = "RESERVED_ENUM_NO_DELETE"
	ProtoReservedMessageNoDelete                   = "RESERVED_MESSAGE_NO_DELETE"
	ProtoRpcSameClientStreaming                    = "RPC_SAME_CLIENT_STREAMING"
	ProtoRpcSameIdempotencyLevel                   = "RPC_SAME_IDEMPOTENCY_LEVEL"
	ProtoRpcSameRequestType                        = "RPC_SAME_REQUEST_TYPE"
	ProtoRpcSameResponseType                       = "RPC_SAME_RESPONSE_TYPE"
	ProtoRpcSameServerStreaming                    = "RPC_SAME_SERVER_STREAMING"
	ProtoEnumSameJsonFormat                        = "ENUM_SAME_JSON_FORMAT"
	ProtoEnumValueSameName                         = "ENUM_VALUE_SAME_NAME"
	ProtoFieldSameJsonName                         = "FIELD_SAME_JSON_NAME"
	ProtoFieldSameName                             = "FIELD_SAME_NAME"
	ProtoMessageSameJsonFormat                     = "MESSAGE_SAME_JSON_FORMAT"
	ProtoEnumValueNoDelete                         = "ENUM_VALUE_NO_DELETE"
	ProtoExtensionMessageNoDelete                  = "EXTENSION_MESSAGE_NO_DELETE"
	ProtoFieldNoDelete                             = "FIELD_NO_DELETE"
	ProtoFieldSameType                             = "FIELD_SAME_TYPE"
	ProtoFileSameSyntax                            = "FILE_SAME_SYNTAX"
	ProtoMessageNoRemoveStandardDescriptorAccessor = "MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR"
	ProtoOneofNoDelete                             = "ONEOF_NO_DELETE"
	ProtoEnumSameType                              = "ENUM_SAME_TYPE"
	ProtoFieldSameCardinality                      = "FIELD_SAME_CARDINALITY"
	ProtoFieldSameCppStringType                    = "FIELD_SAME_CPP_STRING_TYPE"
	ProtoFieldSameJavaUtf8Validation               = "FIELD_SAME_JAVA_UTF8_VALIDATION"
	ProtoFieldSameJstype                           = "FIELD_SAME_JSTYPE"
	ProtoFieldSameUtf8Validation                   = "FIELD_SAME_UTF8_VALIDATION"
	ProtoFileSameCcEnableArenas                    = "FILE_SAME_CC_ENABLE_ARENAS"
	ProtoFileSameCcGenericServices                 = "FILE_SAME_CC_GENERIC_SERVICES"
	ProtoFileSameCsharpNamespace                   = "FILE_SAME_CSHARP_NAMESPACE"
	ProtoFileSameGoPackage                         = "FILE_SAME_GO_PACKAGE"
	ProtoFileSameJavaGenericServices               = "FILE_SAME_JAVA_GENERIC_SERVICES"
	ProtoFileSameJavaMultipleFiles                 = "FILE_SAME_JAVA_MULTIPLE_FILES"
	ProtoFileSameJavaOuterClassname                = "FILE_SAME_JAVA_OUTER_CLASSNAME"
	ProtoFileSameJavaPackage                       = "FILE_SAME_JAVA_PACKAGE"
	ProtoFileSameObjcClassPrefix                   = "FILE_SAME_OBJC_CLASS_PREFIX"
	ProtoFileSameOptimizeFor                       = "FILE_SAME_OPTIMIZE_FOR"
	ProtoFileSamePhpClassPrefix                    = "FILE_SAME_PHP_CLASS_PREFIX"
	ProtoFileSamePhpMetadataNamespace              = "FILE_SAME_PHP_METADATA_NAMESPACE"
	ProtoFileSamePhpNamespace                      = "FILE_SAME_PHP_NAMESPACE"
	ProtoFileSamePyGenericServices                 = "FILE_SAME_PY_GENERIC_SERVICES"
	ProtoFileSameRubyPackage                       = "FILE_SAME_RUBY_PACKAGE"
	ProtoFileSameSwiftPrefix                       = "FILE_SAME_SWIFT_PREFIX"
	ProtoRpcNoDelete                               = "RPC_NO_DELETE"
	ProtoEnumNoDelete                              = "ENUM_NO_DELETE"
	ProtoFileNoDelete                              = "FILE_NO_DELETE"
	ProtoMessageNoDelete                           = "MESSAGE_NO_DELETE"
	ProtoExtensionNoDelete                         = "EXTENSION_NO_DELETE"
	ProtoServiceNoDelete                           = "SERVICE_NO_DELETE"
	ProtoPackageEnumNoDelete                       = "PACKAGE_ENUM_NO_DELETE"
	ProtoPackageExtensionNoDelete                  = "PACKAGE_EXTENSION_NO_DELETE"
	ProtoPackageMessageNoDelete                    = "PACKAGE_MESSAGE_NO_DELETE"
	ProtoPackageNoDelete                           = "PACKAGE_NO_DELETE"
	ProtoPackageServiceNoDelete                    = "PACKAGE_SERVICE_NO_DELETE"
	ProtoEnumValueNoDeleteUnlessNumberReserved     = "ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED"
	ProtoFieldNoDeleteUnlessNumberReserved         = "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"
	ProtoEnumValueNoDeleteUnlessNameReserved       = "ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED"
	ProtoFieldNoDeleteUnlessNameReserved           = "FIELD_NO_DELETE_UNLESS_NAME_RESERVED"
	ProtoFieldWireJsonCompatibleCardinality        = "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"
	ProtoFieldWireJsonCompatibleType               = "FIELD_WIRE_JSON_COMPATIBLE_TYPE"
	ProtoFieldWireCompatibleCardinality            = "FIELD_WIRE_COMPATIBLE_CARDINALITY"
	ProtoFieldWireCompatibleType                   = "FIELD_WIRE_COMPATIBLE_TYPE"
)

// Buf rule categories.
const (
	CategoryMinimal  = "MINIMAL"
	CategoryBasic    = "BASIC"
	CategoryStandard = "STANDARD"
	CategoryComments = "COMMENTS"
	CategoryUnaryRPC = "UNARY_RPC"
	CategoryFile     = "FILE"
	CategoryPackage  = "PACKAGE"
	CategoryWireJSON = "WIRE_JSON"
	CategoryWire     = "WIRE"
	CategoryCSR      = "CSR"
)

type protoEntry struct {
	id, cats  string
	sev       finding.Severity
	summary   string
	bad, good string
}

func protobufRules() []Rule {
	out := []Rule{{
		ID: PackageVersioned, Severity: finding.Error, Job: JobLint, Formats: []Format{Protobuf},
		Summary: "A package ends in a version component (payments.v1, payments.v1beta1).",
		Doc: "Consumers pin a major version through the package name, so a breaking change ships as a new " +
			"package (payments.v2) next to the old one. The last component must look like v1, v2, v1beta1, " +
			"v1alpha, v1test or v1p1beta1. The rule stays silent wherever buf's PACKAGE_VERSION_SUFFIX is " +
			"selected, so the same problem is never reported twice.",
		Bad:  "package payments;\n",
		Good: "package payments.v1;\n",
	}}
	for _, e := range protoLintEntries() {
		out = append(out, protoRule(e, JobLint, "buf lint rule "+e.id+
			" (same ID and semantics as buf). Select it with `protobuf.lint.use`/`except` in "+
			".contractctl.yaml or `lint.use`/`except` in buf.yaml; silence one occurrence with a leading "+
			"comment `// buf:lint:ignore "+e.id+"` on the element or any element enclosing it."))
	}
	for _, e := range protoBreakingEntries() {
		out = append(out, protoRule(e, JobDiff, "buf breaking rule "+e.id+
			" (same ID, categories and anchoring as buf). Elements are paired by fully-qualified name, "+
			"fields and enum values by number, RPCs by name. Select it with `protobuf.breaking.use`/`except` "+
			"or buf.yaml's `breaking` section; accept one occurrence with a leading comment "+
			"`// contractctl:breaking:ignore "+e.id+" <reason>` on the reported element or an enclosing one."))
	}
	return out
}

func protoRule(e protoEntry, job Job, doc string) Rule {
	var cats []string
	cats = append(cats, splitSpace(e.cats)...)
	return Rule{ID: e.id, Severity: e.sev, Job: job, Formats: []Format{Protobuf}, Categories: cats,
		Summary: e.summary, Doc: e.summary + " " + doc, Bad: e.bad + "\n", Good: e.good + "\n"}
}

func splitSpace(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}

func protoLintEntries() []protoEntry {
	return []protoEntry{
		{ProtoDirectorySamePackage, "MINIMAL BASIC STANDARD", finding.Error,
			"All files in a directory declare the same package.",
			"// pay/v1/a.proto\npackage pay.v1;\n// pay/v1/b.proto\npackage billing.v1;",
			"// pay/v1/a.proto\npackage pay.v1;\n// pay/v1/b.proto\npackage pay.v1;"},
		{ProtoPackageDefined, "MINIMAL BASIC STANDARD", finding.Error,
			"Every file declares a package.",
			"syntax = \"proto3\";\nmessage Payment {}",
			"syntax = \"proto3\";\npackage pay.v1;\nmessage Payment {}"},
		{ProtoPackageDirectoryMatch, "MINIMAL BASIC STANDARD", finding.Error,
			"A file's directory matches its package (pay.v1 lives in pay/v1/).",
			"// payments/a.proto\npackage pay.v1;",
			"// pay/v1/a.proto\npackage pay.v1;"},
		{ProtoPackageNoImportCycle, "MINIMAL BASIC STANDARD", finding.Error,
			"Packages do not import each other in a cycle.",
			"// a/v1/a.proto imports \"b/v1/b.proto\"\n// b/v1/b.proto imports \"a/v1/a.proto\"",
			"// a/v1/a.proto imports \"b/v1/b.proto\"\n// b/v1/b.proto imports nothing from a.v1"},
		{ProtoPackageSameDirectory, "MINIMAL BASIC STANDARD", finding.Error,
			"All files of a package are in one directory.",
			"// pay/v1/a.proto\npackage pay.v1;\n// other/b.proto\npackage pay.v1;",
			"// pay/v1/a.proto and pay/v1/b.proto\npackage pay.v1;"},
		{ProtoEnumFirstValueZero, "BASIC STANDARD", finding.Error,
			"The first value of every enum is 0.",
			"enum Status {\n  STATUS_ACTIVE = 1;\n}",
			"enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_ACTIVE = 1;\n}"},
		{ProtoEnumNoAllowAlias, "BASIC STANDARD", finding.Error,
			"Enums do not set allow_alias.",
			"enum Status {\n  option allow_alias = true;\n  STATUS_UNSPECIFIED = 0;\n  STATUS_OLD = 0;\n}",
			"enum Status {\n  STATUS_UNSPECIFIED = 0;\n}"},
		{ProtoEnumPascalCase, "BASIC STANDARD", finding.Error,
			"Enum names are PascalCase.",
			"enum payment_status {}",
			"enum PaymentStatus {}"},
		{ProtoEnumValueUpperSnakeCase, "BASIC STANDARD", finding.Error,
			"Enum value names are UPPER_SNAKE_CASE.",
			"enum Status {\n  statusUnspecified = 0;\n}",
			"enum Status {\n  STATUS_UNSPECIFIED = 0;\n}"},
		{ProtoFieldLowerSnakeCase, "BASIC STANDARD", finding.Error,
			"Field names are lower_snake_case.",
			"message Payment {\n  int64 amountMinor = 1;\n}",
			"message Payment {\n  int64 amount_minor = 1;\n}"},
		{ProtoFieldNotRequired, "BASIC STANDARD", finding.Error,
			"Fields are not declared required.",
			"syntax = \"proto2\";\nmessage Payment {\n  required string id = 1;\n}",
			"syntax = \"proto2\";\nmessage Payment {\n  optional string id = 1;\n}"},
		{ProtoImportNoPublic, "BASIC STANDARD", finding.Error,
			"Imports are not public.",
			"import public \"pay/v1/money.proto\";",
			"import \"pay/v1/money.proto\";"},
		{ProtoImportUsed, "BASIC STANDARD", finding.Error,
			"Every import is used.",
			"import \"google/protobuf/timestamp.proto\";\nmessage Payment {}",
			"import \"google/protobuf/timestamp.proto\";\nmessage Payment {\n  google.protobuf.Timestamp created_at = 1;\n}"},
		{ProtoMessagePascalCase, "BASIC STANDARD", finding.Error,
			"Message names are PascalCase.",
			"message payment_intent {}",
			"message PaymentIntent {}"},
		{ProtoOneofLowerSnakeCase, "BASIC STANDARD", finding.Error,
			"Oneof names are lower_snake_case.",
			"oneof PaymentMethod {\n  string card = 1;\n}",
			"oneof payment_method {\n  string card = 1;\n}"},
		{ProtoPackageLowerSnakeCase, "BASIC STANDARD", finding.Error,
			"Package names are lower_snake.case.",
			"package Payments.V1;",
			"package payments.v1;"},
		{ProtoPackageSameCsharpNamespace, "BASIC STANDARD", finding.Error,
			"All files of a package have the same csharp_namespace.",
			"option csharp_namespace = \"Pay.V1\"; // a.proto\noption csharp_namespace = \"Pay\";    // b.proto",
			"option csharp_namespace = \"Pay.V1\"; // a.proto and b.proto"},
		{ProtoPackageSameGoPackage, "BASIC STANDARD", finding.Error,
			"All files of a package have the same go_package.",
			"option go_package = \"example.com/pay/v1\";  // a.proto\noption go_package = \"example.com/pay\";     // b.proto",
			"option go_package = \"example.com/pay/v1\"; // a.proto and b.proto"},
		{ProtoPackageSameJavaMultipleFiles, "BASIC STANDARD", finding.Error,
			"All files of a package have the same java_multiple_files.",
			"option java_multiple_files = true;  // a.proto\n// b.proto leaves it unset",
			"option java_multiple_files = true; // a.proto and b.proto"},
		{ProtoPackageSameJavaPackage, "BASIC STANDARD", finding.Error,
			"All files of a package have the same java_package.",
			"option java_package = \"com.example.pay.v1\"; // a.proto\noption java_package = \"com.example.pay\";    // b.proto",
			"option java_package = \"com.example.pay.v1\"; // a.proto and b.proto"},
		{ProtoPackageSamePhpNamespace, "BASIC STANDARD", finding.Error,
			"All files of a package have the same php_namespace.",
			"option php_namespace = \"Pay\\\\V1\"; // a.proto\noption php_namespace = \"Pay\";     // b.proto",
			"option php_namespace = \"Pay\\\\V1\"; // a.proto and b.proto"},
		{ProtoPackageSameRubyPackage, "BASIC STANDARD", finding.Error,
			"All files of a package have the same ruby_package.",
			"option ruby_package = \"Pay::V1\"; // a.proto\noption ruby_package = \"Pay\";     // b.proto",
			"option ruby_package = \"Pay::V1\"; // a.proto and b.proto"},
		{ProtoPackageSameSwiftPrefix, "BASIC STANDARD", finding.Error,
			"All files of a package have the same swift_prefix.",
			"option swift_prefix = \"PAY\"; // a.proto\noption swift_prefix = \"PY\";  // b.proto",
			"option swift_prefix = \"PAY\"; // a.proto and b.proto"},
		{ProtoRpcPascalCase, "BASIC STANDARD", finding.Error,
			"RPC names are PascalCase.",
			"rpc create_payment(CreatePaymentRequest) returns (CreatePaymentResponse);",
			"rpc CreatePayment(CreatePaymentRequest) returns (CreatePaymentResponse);"},
		{ProtoServicePascalCase, "BASIC STANDARD", finding.Error,
			"Service names are PascalCase.",
			"service payment_service {}",
			"service PaymentService {}"},
		{ProtoSyntaxSpecified, "BASIC STANDARD", finding.Error,
			"Every file declares its syntax or edition.",
			"package pay.v1;",
			"syntax = \"proto3\";\npackage pay.v1;"},
		{ProtoEnumValuePrefix, "STANDARD", finding.Error,
			"Enum values are prefixed with the enum's name in UPPER_SNAKE_CASE.",
			"enum PaymentStatus {\n  UNSPECIFIED = 0;\n}",
			"enum PaymentStatus {\n  PAYMENT_STATUS_UNSPECIFIED = 0;\n}"},
		{ProtoEnumZeroValueSuffix, "STANDARD", finding.Error,
			"An enum's zero value ends in _UNSPECIFIED (configurable with enum_zero_value_suffix).",
			"enum Status {\n  STATUS_NONE = 0;\n}",
			"enum Status {\n  STATUS_UNSPECIFIED = 0;\n}"},
		{ProtoFileLowerSnakeCase, "STANDARD", finding.Error,
			"File names are lower_snake_case.proto.",
			"// pay/v1/PaymentService.proto",
			"// pay/v1/payment_service.proto"},
		{ProtoPackageVersionSuffix, "STANDARD", finding.Error,
			"A package's last component is a version (v1, v1beta1, v1test, v1p1alpha1).",
			"package pay;",
			"package pay.v1;"},
		{ProtoProtovalidate, "STANDARD", finding.Error,
			"protovalidate (buf.validate) rules are well-formed: they fit the field's type, CEL expressions compile to a bool or a string with unique ids, bounds do not contradict each other, examples satisfy the rules, and predefined rules compile. Files that do not import buf/validate/validate.proto are not looked at.",
			"int64 amount_minor = 1 [(buf.validate.field).string.min_len = 1];",
			"int64 amount_minor = 1 [(buf.validate.field).int64.gt = 0];"},
		{ProtoRpcRequestResponseUnique, "STANDARD", finding.Error,
			"Each request and response message is used by one RPC only.",
			"rpc GetPayment(PaymentRequest) returns (Payment);\nrpc DeletePayment(PaymentRequest) returns (Payment);",
			"rpc GetPayment(GetPaymentRequest) returns (GetPaymentResponse);\nrpc DeletePayment(DeletePaymentRequest) returns (DeletePaymentResponse);"},
		{ProtoRpcRequestStandardName, "STANDARD", finding.Error,
			"An RPC's request is named <Rpc>Request or <Service><Rpc>Request.",
			"rpc CreatePayment(NewPayment) returns (CreatePaymentResponse);",
			"rpc CreatePayment(CreatePaymentRequest) returns (CreatePaymentResponse);"},
		{ProtoRpcResponseStandardName, "STANDARD", finding.Error,
			"An RPC's response is named <Rpc>Response or <Service><Rpc>Response.",
			"rpc CreatePayment(CreatePaymentRequest) returns (Payment);",
			"rpc CreatePayment(CreatePaymentRequest) returns (CreatePaymentResponse);"},
		{ProtoServiceSuffix, "STANDARD", finding.Error,
			"Service names end in Service (configurable with service_suffix).",
			"service Payments {}",
			"service PaymentService {}"},
		{ProtoCommentEnum, "COMMENTS", finding.Warn,
			"Enums have a non-empty leading comment.",
			"enum Status {}",
			"// Status is where a payment is in its life cycle.\nenum Status {}"},
		{ProtoCommentEnumValue, "COMMENTS", finding.Warn,
			"Enum values have a non-empty leading comment.",
			"STATUS_SETTLED = 2;",
			"// The money has reached the merchant.\nSTATUS_SETTLED = 2;"},
		{ProtoCommentField, "COMMENTS", finding.Warn,
			"Fields have a non-empty leading comment.",
			"int64 amount_minor = 1;",
			"// Amount in minor units of currency.\nint64 amount_minor = 1;"},
		{ProtoCommentMessage, "COMMENTS", finding.Warn,
			"Messages have a non-empty leading comment.",
			"message Payment {}",
			"// Payment is one transfer of money.\nmessage Payment {}"},
		{ProtoCommentOneof, "COMMENTS", finding.Warn,
			"Oneofs have a non-empty leading comment.",
			"oneof method {}",
			"// How the customer pays.\noneof method {}"},
		{ProtoCommentRpc, "COMMENTS", finding.Warn,
			"RPCs have a non-empty leading comment.",
			"rpc GetPayment(GetPaymentRequest) returns (GetPaymentResponse);",
			"// Returns one payment by ID.\nrpc GetPayment(GetPaymentRequest) returns (GetPaymentResponse);"},
		{ProtoCommentService, "COMMENTS", finding.Warn,
			"Services have a non-empty leading comment.",
			"service PaymentService {}",
			"// Moves money.\nservice PaymentService {}"},
		{ProtoRpcNoClientStreaming, "UNARY_RPC", finding.Error,
			"RPCs are not client streaming.",
			"rpc Upload(stream UploadRequest) returns (UploadResponse);",
			"rpc Upload(UploadRequest) returns (UploadResponse);"},
		{ProtoRpcNoServerStreaming, "UNARY_RPC", finding.Error,
			"RPCs are not server streaming.",
			"rpc Watch(WatchRequest) returns (stream WatchResponse);",
			"rpc Watch(WatchRequest) returns (WatchResponse);"},
		{ProtoImportNoWeak, "", finding.Error,
			"Imports are not weak (deprecated by buf; selectable by ID).",
			"import weak \"pay/v1/money.proto\";",
			"import \"pay/v1/money.proto\";"},
		{ProtoFieldNoDescriptor, "", finding.Error,
			"No field is named descriptor, in any capitalization and with any underscores around it (buf's v1beta1 rule; selected by ID or by v1beta1's MINIMAL, BASIC, DEFAULT and SENSIBLE).",
			"message Payment {\n  string _Descriptor = 1;\n}",
			"message Payment {\n  string description = 1;\n}"},
		{ProtoStablePackageNoImportUnstable, "", finding.Error,
			"Files in stable packages (v1) do not import unstable ones (v1beta1, v1alpha1, v1test).",
			"// package pay.v1\nimport \"pay/v1beta1/fx.proto\";",
			"// package pay.v1\nimport \"pay/v1/fx.proto\";"},
	}
}

// protoBreakingEntries: Bad is the base revision, Good the head revision
// that breaks it.
func protoBreakingEntries() []protoEntry {
	return []protoEntry{
		{ProtoFieldSameDefault, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"Fields keep their default value, when one is specified.",
			"base: optional int32 retries = 1 [default = 3];",
			"head: optional int32 retries = 1 [default = 5];"},
		{ProtoFieldSameOneof, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"Fields stay in (or out of) the same oneof.",
			"base: oneof method { string card = 1; }",
			"head: string card = 1; // moved out of the oneof"},
		{ProtoFileSamePackage, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"Files keep their package.",
			"base: package pay.v1;",
			"head: package payments.v1;"},
		{ProtoMessageSameRequiredFields, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"Messages neither gain nor lose required fields.",
			"base: optional string id = 1;",
			"head: required string id = 1;"},
		{ProtoReservedEnumNoDelete, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"Reserved ranges and names are not removed from an enum.",
			"base: reserved 2, 3;",
			"head: reserved 2;"},
		{ProtoReservedMessageNoDelete, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"Reserved ranges and names are not removed from a message.",
			"base: reserved 4; reserved \"legacy\";",
			"head: reserved 4;"},
		{ProtoRpcSameClientStreaming, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"RPCs keep their client-streaming value.",
			"base: rpc Upload(UploadRequest) returns (UploadResponse);",
			"head: rpc Upload(stream UploadRequest) returns (UploadResponse);"},
		{ProtoRpcSameIdempotencyLevel, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"RPCs keep their idempotency_level.",
			"base: option idempotency_level = NO_SIDE_EFFECTS;",
			"head: option idempotency_level = IDEMPOTENT;"},
		{ProtoRpcSameRequestType, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"RPCs keep their request type.",
			"base: rpc Get(GetRequest) returns (GetResponse);",
			"head: rpc Get(FetchRequest) returns (GetResponse);"},
		{ProtoRpcSameResponseType, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"RPCs keep their response type.",
			"base: rpc Get(GetRequest) returns (GetResponse);",
			"head: rpc Get(GetRequest) returns (Payment);"},
		{ProtoRpcSameServerStreaming, "FILE PACKAGE WIRE_JSON WIRE CSR", finding.Error,
			"RPCs keep their server-streaming value.",
			"base: rpc Watch(WatchRequest) returns (WatchResponse);",
			"head: rpc Watch(WatchRequest) returns (stream WatchResponse);"},
		{ProtoEnumSameJsonFormat, "FILE PACKAGE WIRE_JSON CSR", finding.Error,
			"Enums keep their JSON format support.",
			"base: syntax = \"proto3\"; enum Status {...}",
			"head: syntax = \"proto2\"; enum Status {...}"},
		{ProtoEnumValueSameName, "FILE PACKAGE WIRE_JSON CSR", finding.Error,
			"Enum values keep their name for a number.",
			"base: STATUS_SETTLED = 2;",
			"head: STATUS_DONE = 2;"},
		{ProtoFieldSameJsonName, "FILE PACKAGE WIRE_JSON CSR", finding.Error,
			"Fields keep their JSON name.",
			"base: int64 amount_minor = 1;",
			"head: int64 amount_minor = 1 [json_name = \"amount\"];"},
		{ProtoFieldSameName, "FILE PACKAGE WIRE_JSON CSR", finding.Error,
			"Fields keep their name for a number.",
			"base: int64 amount_minor = 1;",
			"head: int64 total_minor = 1;"},
		{ProtoMessageSameJsonFormat, "FILE PACKAGE WIRE_JSON CSR", finding.Error,
			"Messages keep their JSON format support.",
			"base: syntax = \"proto3\";",
			"head: syntax = \"proto2\";"},
		{ProtoEnumValueNoDelete, "FILE PACKAGE CSR", finding.Error,
			"Enum values are not deleted.",
			"base: STATUS_SETTLED = 2;",
			"head: // STATUS_SETTLED removed"},
		{ProtoExtensionMessageNoDelete, "FILE PACKAGE CSR", finding.Error,
			"Extension ranges are not deleted from a message.",
			"base: extensions 100 to 199;",
			"head: // extensions removed"},
		{ProtoFieldNoDelete, "FILE PACKAGE CSR", finding.Error,
			"Fields are not deleted from a message.",
			"base: int64 amount_minor = 1;\nstring memo = 2;",
			"head: int64 amount_minor = 1;"},
		{ProtoFieldSameType, "FILE PACKAGE CSR", finding.Error,
			"Fields keep their type.",
			"base: int64 amount_minor = 1;",
			"head: string amount_minor = 1;"},
		{ProtoFileSameSyntax, "FILE PACKAGE CSR", finding.Error,
			"Files keep their syntax.",
			"base: syntax = \"proto2\";",
			"head: syntax = \"proto3\";"},
		{ProtoMessageNoRemoveStandardDescriptorAccessor, "FILE PACKAGE CSR", finding.Error,
			"Messages do not switch no_standard_descriptor_accessor on.",
			"base: message Payment {}",
			"head: message Payment {\n  option no_standard_descriptor_accessor = true;\n}"},
		{ProtoOneofNoDelete, "FILE PACKAGE CSR", finding.Error,
			"Oneofs are not deleted from a message.",
			"base: oneof method { string card = 1; }",
			"head: string card = 1;"},
		{ProtoEnumSameType, "FILE PACKAGE", finding.Error,
			"Enums stay open or closed.",
			"base: syntax = \"proto3\"; // open enums",
			"head: syntax = \"proto2\"; // closed enums"},
		{ProtoFieldSameCardinality, "FILE PACKAGE", finding.Error,
			"Fields keep their cardinality (optional, required, repeated, map, presence).",
			"base: string memo = 1;",
			"head: repeated string memo = 1;"},
		{ProtoFieldSameCppStringType, "FILE PACKAGE", finding.Error,
			"Fields keep their C++ string type (ctype).",
			"base: string memo = 1;",
			"head: string memo = 1 [ctype = CORD];"},
		{ProtoFieldSameJavaUtf8Validation, "FILE PACKAGE", finding.Error,
			"String fields keep their Java UTF-8 validation.",
			"base: // java_string_check_utf8 unset",
			"head: option java_string_check_utf8 = true;"},
		{ProtoFieldSameJstype, "FILE PACKAGE", finding.Error,
			"Fields keep their jstype.",
			"base: int64 amount_minor = 1;",
			"head: int64 amount_minor = 1 [jstype = JS_STRING];"},
		{ProtoFieldSameUtf8Validation, "FILE PACKAGE", finding.Error,
			"String fields keep their UTF-8 validation mode.",
			"base: syntax = \"proto3\"; string memo = 1;",
			"head: syntax = \"proto2\"; optional string memo = 1;"},
		{ProtoFileSameCcEnableArenas, "FILE PACKAGE", finding.Error,
			"Files keep cc_enable_arenas.",
			"base: option cc_enable_arenas = true;",
			"head: option cc_enable_arenas = false;"},
		{ProtoFileSameCcGenericServices, "FILE PACKAGE", finding.Error,
			"Files keep cc_generic_services.",
			"base: // unset",
			"head: option cc_generic_services = true;"},
		{ProtoFileSameCsharpNamespace, "FILE PACKAGE", finding.Error,
			"Files keep csharp_namespace.",
			"base: option csharp_namespace = \"Pay.V1\";",
			"head: option csharp_namespace = \"Payments.V1\";"},
		{ProtoFileSameGoPackage, "FILE PACKAGE", finding.Error,
			"Files keep go_package.",
			"base: option go_package = \"example.com/pay/v1\";",
			"head: option go_package = \"example.com/payments/v1\";"},
		{ProtoFileSameJavaGenericServices, "FILE PACKAGE", finding.Error,
			"Files keep java_generic_services.",
			"base: // unset",
			"head: option java_generic_services = true;"},
		{ProtoFileSameJavaMultipleFiles, "FILE PACKAGE", finding.Error,
			"Files keep java_multiple_files.",
			"base: option java_multiple_files = true;",
			"head: // unset"},
		{ProtoFileSameJavaOuterClassname, "FILE PACKAGE", finding.Error,
			"Files keep java_outer_classname.",
			"base: option java_outer_classname = \"PayProto\";",
			"head: option java_outer_classname = \"PaymentsProto\";"},
		{ProtoFileSameJavaPackage, "FILE PACKAGE", finding.Error,
			"Files keep java_package.",
			"base: option java_package = \"com.example.pay.v1\";",
			"head: option java_package = \"com.example.payments.v1\";"},
		{ProtoFileSameObjcClassPrefix, "FILE PACKAGE", finding.Error,
			"Files keep objc_class_prefix.",
			"base: option objc_class_prefix = \"PAY\";",
			"head: option objc_class_prefix = \"PMT\";"},
		{ProtoFileSameOptimizeFor, "FILE PACKAGE", finding.Error,
			"Files keep optimize_for.",
			"base: option optimize_for = SPEED;",
			"head: option optimize_for = LITE_RUNTIME;"},
		{ProtoFileSamePhpClassPrefix, "FILE PACKAGE", finding.Error,
			"Files keep php_class_prefix.",
			"base: option php_class_prefix = \"Pay\";",
			"head: option php_class_prefix = \"Pmt\";"},
		{ProtoFileSamePhpMetadataNamespace, "FILE PACKAGE", finding.Error,
			"Files keep php_metadata_namespace.",
			"base: option php_metadata_namespace = \"Pay\\\\Meta\";",
			"head: option php_metadata_namespace = \"Pmt\\\\Meta\";"},
		{ProtoFileSamePhpNamespace, "FILE PACKAGE", finding.Error,
			"Files keep php_namespace.",
			"base: option php_namespace = \"Pay\\\\V1\";",
			"head: option php_namespace = \"Pmt\\\\V1\";"},
		{ProtoFileSamePyGenericServices, "FILE PACKAGE", finding.Error,
			"Files keep py_generic_services.",
			"base: // unset",
			"head: option py_generic_services = true;"},
		{ProtoFileSameRubyPackage, "FILE PACKAGE", finding.Error,
			"Files keep ruby_package.",
			"base: option ruby_package = \"Pay::V1\";",
			"head: option ruby_package = \"Pmt::V1\";"},
		{ProtoFileSameSwiftPrefix, "FILE PACKAGE", finding.Error,
			"Files keep swift_prefix.",
			"base: option swift_prefix = \"PAY\";",
			"head: option swift_prefix = \"PMT\";"},
		{ProtoRpcNoDelete, "FILE PACKAGE", finding.Error,
			"RPCs are not deleted from a service.",
			"base: rpc Refund(RefundRequest) returns (RefundResponse);",
			"head: // Refund removed"},
		{ProtoEnumNoDelete, "FILE CSR", finding.Error,
			"Enums are not deleted from a file.",
			"base: enum Status {...}",
			"head: // Status removed"},
		{ProtoFileNoDelete, "FILE CSR", finding.Error,
			"Files are not deleted.",
			"base: pay/v1/refund.proto",
			"head: // pay/v1/refund.proto removed"},
		{ProtoMessageNoDelete, "FILE CSR", finding.Error,
			"Messages are not deleted from a file.",
			"base: message Refund {}",
			"head: // Refund removed"},
		{ProtoExtensionNoDelete, "FILE", finding.Error,
			"Extensions are not deleted from a file.",
			"base: extend Payment { string note = 100; }",
			"head: // extension removed"},
		{ProtoServiceNoDelete, "FILE", finding.Error,
			"Services are not deleted from a file.",
			"base: service RefundService {}",
			"head: // RefundService removed"},
		{ProtoPackageEnumNoDelete, "PACKAGE", finding.Error,
			"Enums are not deleted from a package (they may move between its files).",
			"base: enum Status {...} // in pay.v1",
			"head: // Status gone from every file of pay.v1"},
		{ProtoPackageExtensionNoDelete, "PACKAGE", finding.Error,
			"Extensions are not deleted from a package.",
			"base: extend Payment { string note = 100; }",
			"head: // extension gone from pay.v1"},
		{ProtoPackageMessageNoDelete, "PACKAGE", finding.Error,
			"Messages are not deleted from a package (they may move between its files).",
			"base: message Refund {} // in pay.v1",
			"head: // Refund gone from every file of pay.v1"},
		{ProtoPackageNoDelete, "PACKAGE", finding.Error,
			"Packages are not deleted.",
			"base: package pay.v1; // some file",
			"head: // no file declares pay.v1"},
		{ProtoPackageServiceNoDelete, "PACKAGE", finding.Error,
			"Services are not deleted from a package.",
			"base: service RefundService {} // in pay.v1",
			"head: // RefundService gone from pay.v1"},
		{ProtoEnumValueNoDeleteUnlessNumberReserved, "WIRE_JSON WIRE CSR", finding.Error,
			"Enum values are deleted only with their number reserved.",
			"base: STATUS_SETTLED = 2;",
			"head: // value removed, no reserved 2;"},
		{ProtoFieldNoDeleteUnlessNumberReserved, "WIRE_JSON WIRE CSR", finding.Error,
			"Fields are deleted only with their number reserved.",
			"base: string memo = 2;",
			"head: // memo removed, no reserved 2;"},
		{ProtoEnumValueNoDeleteUnlessNameReserved, "WIRE_JSON CSR", finding.Error,
			"Enum values are deleted only with their name reserved.",
			"base: STATUS_SETTLED = 2;",
			"head: // value removed, no reserved \"STATUS_SETTLED\";"},
		{ProtoFieldNoDeleteUnlessNameReserved, "WIRE_JSON CSR", finding.Error,
			"Fields are deleted only with their name reserved.",
			"base: string memo = 2;",
			"head: // memo removed, no reserved \"memo\";"},
		{ProtoFieldWireJsonCompatibleCardinality, "WIRE_JSON CSR", finding.Error,
			"Fields change cardinality only in wire- and JSON-compatible ways.",
			"base: repeated string tags = 1;",
			"head: string tags = 1;"},
		{ProtoFieldWireJsonCompatibleType, "WIRE_JSON CSR", finding.Error,
			"Fields change type only in wire- and JSON-compatible ways.",
			"base: int32 count = 1;",
			"head: int64 count = 1;"},
		{ProtoFieldWireCompatibleCardinality, "WIRE", finding.Error,
			"Fields change cardinality only in wire-compatible ways.",
			"base: repeated string tags = 1;",
			"head: string tags = 1;"},
		{ProtoFieldWireCompatibleType, "WIRE", finding.Error,
			"Fields change type only in wire-compatible ways.",
			"base: int32 count = 1;",
			"head: sint32 count = 1;"},
	}
}
