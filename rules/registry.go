package rules

import "github.com/contractctl/contractctl/finding"

// Rule IDs of the file-backed schema registry (`contractctl registry`).
const (
	RegistryIncompatible    = "registry-incompatible"
	RegistryVersionModified = "registry-version-modified"
	RegistryVersionDeleted  = "registry-version-deleted"
	RegistryInvalidSchema   = "registry-invalid-schema"
	RegistryInvalidLayout   = "registry-invalid-layout"
	RegistryRemoteConflict  = "registry-remote-conflict"
)

func registryRules() []Rule {
	formats := []Format{Avro, Protobuf, JSONSchema}
	return []Rule{{
		ID:       RegistryIncompatible,
		Severity: finding.Error,
		Job:      JobRegistry,
		Formats:  formats,
		Summary:  "A schema version is incompatible with earlier versions of its subject at the subject's compatibility level.",
		Doc: "Each version of a subject must satisfy the subject's compatibility level (its `subject.yaml` " +
			"`compatibility`, else the global one in `registry.yaml`, else BACKWARD) against the versions " +
			"before it, exactly as Confluent Schema Registry checks a registration: BACKWARD means the new " +
			"schema can read data written with the latest one, FORWARD that the latest can read data " +
			"written with the new one, FULL both; the `_TRANSITIVE` levels compare with every earlier version, " +
			"newest first, and stop at the first that fails.\n\n" +
			"The finding sits on the new version's file at the incompatible element when the checker knows " +
			"it; its message names the error type, the JSON pointer (Confluent's path for Protobuf) and " +
			"Confluent's wording. A registered version is immutable: evolve the schema compatibly (add " +
			"fields with defaults, keep field numbers), or register it under a new subject for a breaking change.",
		Bad: "# schemas/orders-value/subject.yaml: format: avro (BACKWARD)\n" +
			"# 1.avsc\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}]}\n" +
			"# 2.avsc — a new field without a default cannot be read from old data\n" +
			"{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"},\n" +
			"  {\"name\": \"total\", \"type\": \"long\"}]}\n",
		Good: "# 2.avsc — the new field has a default\n" +
			"{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"},\n" +
			"  {\"name\": \"total\", \"type\": \"long\", \"default\": 0}]}\n",
	}, {
		ID:       RegistryVersionModified,
		Severity: finding.Error,
		Job:      JobRegistry,
		Formats:  formats,
		Summary:  "A registered schema version was edited.",
		Doc: "Once registered, a version is immutable: producers and consumers may already use it, and " +
			"Confluent Schema Registry never changes a registered schema. `registry check --base REV` " +
			"requires every version file present at REV to be byte-identical in the working tree. " +
			"Register the change as a new version with `contractctl registry add` instead.",
		Bad:  "git diff main -- schemas/orders-value/1.avsc   # shows changes to version 1\n",
		Good: "contractctl registry add orders-value order.avsc   # writes schemas/orders-value/3.avsc\n",
	}, {
		ID:       RegistryVersionDeleted,
		Severity: finding.Error,
		Job:      JobRegistry,
		Formats:  formats,
		Summary:  "A registered schema version was deleted.",
		Doc: "Deleting a version file rewrites history that consumers may depend on and lets a later " +
			"version skip the compatibility check against it. `registry check --base REV` reports every " +
			"version file present at REV that is missing now. Restore the file; to retire a schema, " +
			"register a compatible successor or start a new subject.",
		Bad:  "git rm schemas/orders-value/1.avsc\n",
		Good: "git restore --source main schemas/orders-value/1.avsc\n",
	}, {
		ID:       RegistryInvalidSchema,
		Severity: finding.Error,
		Job:      JobRegistry,
		Formats:  formats,
		Summary:  "A version file of the registry is not a valid schema of its subject's format.",
		Doc: "Every version file must parse as its subject's format (`.avsc` Avro, `.proto` Protobuf " +
			"with its declared references, `.json` JSON Schema). A version that does not parse cannot be " +
			"checked and is left out of the history later versions are compared with.",
		Bad:  "# schemas/orders-value/2.avsc\n{\"type\": \"record\", \"name\": \"Order\"}\n",
		Good: "# schemas/orders-value/2.avsc\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": []}\n",
	}, {
		ID:       RegistryInvalidLayout,
		Severity: finding.Error,
		Job:      JobRegistry,
		Formats:  formats,
		Summary:  "A file or directory in the registry does not follow its layout.",
		Doc: "The registry root holds `registry.yaml` and one directory per subject; a subject directory " +
			"holds `subject.yaml` and version files named `N.avsc`, `N.proto` or `N.json` (N = 1, 2, …, " +
			"no leading zeros, the extension of the subject's format). Anything else is reported so " +
			"that a misnamed version is not silently skipped.",
		Bad:  "schemas/orders-value/subject.yaml   # format: avro\nschemas/orders-value/v2.avsc\n",
		Good: "schemas/orders-value/subject.yaml   # format: avro\nschemas/orders-value/2.avsc\n",
	}, {
		ID:       RegistryRemoteConflict,
		Severity: finding.Error,
		Job:      JobRegistry,
		Formats:  formats,
		Summary:  "A subject differs between the files and a remote schema registry in a way push or pull will not resolve.",
		Doc: "`registry push` publishes versions the remote lacks and `registry pull` imports versions the " +
			"files lack; both compare the two histories in order, after normalisation, and leave a subject " +
			"alone when one side has a version the other lacks where it would have to be overwritten, when " +
			"the same position holds different schemas, or when the remote refuses a version (for example " +
			"as incompatible at its level). Registered versions are immutable on both sides: find out which " +
			"history is right, then register the difference as a new version on the other side.",
		Bad: "contractctl registry push --url https://registry.example.com\n" +
			"orders-value: refused: remote version 2 holds another schema than version 2 of the files\n",
		Good: "contractctl registry push --url https://registry.example.com\n" +
			"orders-value: pushed version 3\n",
	}}
}
