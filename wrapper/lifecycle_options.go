package wrapper

// Options of the customer lifecycle operations.

// CreateCustomerOptions holds the optional settings of Client.CreateCustomer.
type CreateCustomerOptions struct {
	CallOptions
}

// ValidateAddressOptions holds the optional settings of Client.ValidateAddress.
type ValidateAddressOptions struct {
	CallOptions
}

// GetCountryValidationRulesOptions holds the optional settings of
// Client.GetCountryValidationRules.
type GetCountryValidationRulesOptions struct {
	CallOptions
}

// ListAgreementMetadataOptions holds the optional settings of
// Client.ListAgreementMetadata.
type ListAgreementMetadataOptions struct {
	// AgreementType is AgreementTypeCustomerAgreement,
	// AgreementTypeCloudAgreement or AgreementTypeAll; empty lets the
	// service choose (the Microsoft Cloud Agreement).
	AgreementType string
	CallOptions
}

// GetAgreementDocumentOptions holds the optional settings of
// Client.GetAgreementDocument.
type GetAgreementDocumentOptions struct {
	// Language is the language of the document, such as "en-US"; the
	// service falls back to English for a language the country lacks.
	Language string
	// Country is the two-letter code of the country whose version to
	// return; the service assumes US.
	Country string
	CallOptions
}

// ListCustomerAgreementsOptions holds the optional settings of
// Client.ListCustomerAgreements.
type ListCustomerAgreementsOptions struct {
	// AgreementType is AgreementTypeCustomerAgreement,
	// AgreementTypeCloudAgreement or AgreementTypeAll; empty lets the
	// service choose (the Microsoft Cloud Agreement).
	AgreementType string
	CallOptions
}

// CreateCustomerAgreementOptions holds the optional settings of
// Client.CreateCustomerAgreement.
type CreateCustomerAgreementOptions struct {
	CallOptions
}

// ListCustomerQualificationsOptions holds the optional settings of
// Client.ListCustomerQualifications.
type ListCustomerQualificationsOptions struct {
	CallOptions
}

// CreateCustomerQualificationOptions holds the optional settings of
// Client.CreateCustomerQualification.
type CreateCustomerQualificationOptions struct {
	CallOptions
}

// RemoveResellerRelationshipOptions holds the optional settings of
// Client.RemoveResellerRelationship. There is no option for the new
// relationship: "none" is the only value the operation takes.
type RemoveResellerRelationshipOptions struct {
	CallOptions
}

// DeleteCustomerOptions holds the optional settings of Client.DeleteCustomer.
type DeleteCustomerOptions struct {
	CallOptions
}

// GetRelationshipRequestOptions holds the optional settings of
// Client.GetRelationshipRequest.
type GetRelationshipRequestOptions struct {
	// IndirectResellerID is the tenant ID of the indirect reseller the
	// relationship is to go through (for indirect providers).
	IndirectResellerID string
	// IndirectCloudSolutionProviderID is the tenant ID of the indirect
	// provider, for an indirect reseller's link.
	IndirectCloudSolutionProviderID string
	// DualRoleIndirectRelationship asks for the link of a partner that is
	// both indirect provider and indirect reseller.
	DualRoleIndirectRelationship bool
	CallOptions
}
