package jsonschema

// Policy selects which set of difference types counts as compatible,
// mirroring Confluent's CompatibilityPolicy for JSON Schema.
type Policy int

const (
	// Strict is Confluent's default: COMPATIBLE_CHANGES_STRICT.
	Strict Policy = iota
	// Lenient additionally accepts changes to open content models that only
	// break data carrying undeclared properties: COMPATIBLE_CHANGES_LENIENT.
	Lenient
)

// String returns the policy name as Confluent spells it.
func (p Policy) String() string {
	if p == Lenient {
		return "LENIENT"
	}
	return "STRICT"
}

// strictCompatible is COMPATIBLE_CHANGES_STRICT.
func strictCompatible() []string {
	return []string{
		IDChanged, DescriptionChanged, TitleChanged, DefaultChanged, SchemaRemoved, TypeExtended,
		MaxLengthIncreased, MaxLengthRemoved, MinLengthDecreased, MinLengthRemoved, PatternRemoved,
		MaximumIncreased, MaximumRemoved, MinimumDecreased, MinimumRemoved,
		ExclusiveMaximumIncreased, ExclusiveMaximumRemoved, ExclusiveMinimumDecreased, ExclusiveMinimumRemoved,
		MultipleOfReduced, MultipleOfRemoved,
		RequiredAttributeWithDefaultAdded, RequiredAttributeRemoved,
		DependencyArrayNarrowed, DependencyArrayRemoved, DependencySchemaRemoved,
		MaxPropertiesIncreased, MaxPropertiesRemoved, MinPropertiesDecreased, MinPropertiesRemoved,
		AdditionalPropertiesAdded, AdditionalPropertiesExtended,
		UnevaluatedPropertiesAdded, UnevaluatedPropertiesExtended,
		PropertyWithEmptySchemaAddedToOpenContentModel,
		RequiredPropertyWithDefaultAddedToUnopenContentModel, OptionalPropertyAddedToUnopenContentModel,
		PropertyWithFalseRemovedFromClosedContentModel, PropertyRemovedFromOpenContentModel,
		PropertyAddedIsCoveredByPartiallyOpenContentModel, PropertyRemovedIsCoveredByPartiallyOpenContentModel,
		MaxItemsIncreased, MaxItemsRemoved, MinItemsDecreased, MinItemsRemoved,
		MaxContainsIncreased, MaxContainsRemoved, MinContainsDecreased, MinContainsRemoved,
		UniqueItemsRemoved, AdditionalItemsAdded, AdditionalItemsExtended,
		UnevaluatedItemsAdded, UnevaluatedItemsExtended,
		ItemWithEmptySchemaAddedToOpenContentModel, ItemAddedToClosedContentModel,
		ItemWithFalseRemovedFromClosedContentModel, ItemRemovedFromOpenContentModel,
		ItemAddedIsCoveredByPartiallyOpenContentModel, ItemRemovedIsCoveredByPartiallyOpenContentModel,
		EnumArrayExtended,
		CombinedTypeExtended, ProductTypeNarrowed, SumTypeExtended, NotTypeNarrowed,
	}
}

// lenientOnly is COMPATIBLE_CHANGES_LENIENT minus COMPATIBLE_CHANGES_STRICT.
func lenientOnly() []string {
	return []string{
		AdditionalPropertiesNarrowed, AdditionalPropertiesRemoved,
		UnevaluatedPropertiesNarrowed, UnevaluatedPropertiesRemoved,
		RequiredPropertyWithDefaultAddedToOpenContentModel, OptionalPropertyAddedToOpenContentModel,
		PropertyRemovedFromClosedContentModel,
		PropertyAddedNotCoveredByPartiallyOpenContentModel, PropertyRemovedNotCoveredByPartiallyOpenContentModel,
	}
}

// compatibleSet returns the set of difference types the policy accepts.
func (p Policy) compatibleSet() map[string]bool {
	set := make(map[string]bool, 80)
	for _, t := range strictCompatible() {
		set[t] = true
	}
	if p == Lenient {
		for _, t := range lenientOnly() {
			set[t] = true
		}
	}
	return set
}
