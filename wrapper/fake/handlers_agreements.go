package fake

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Agreements" tag.

// ListAgreementMetadata answers GET /agreements.
func (a *api) ListAgreementMetadata(ctx context.Context, req gen.ListAgreementMetadataRequestObject) (gen.ListAgreementMetadataResponseObject, error) {
	match, err := agreementTypeMatcher(req.Params.AgreementType)
	if err != nil {
		return nil, err
	}
	items := []gen.AgreementMetadata{}
	for _, t := range agreementTemplates {
		if match(t.kind) {
			items = append(items, gen.AgreementMetadata{TemplateID: ptr(t.id), AgreementType: ptr(t.kind), AgreementLink: ptr(t.link), VersionRank: ptr(int32(0))})
		}
	}
	return gen.ListAgreementMetadata200JSONResponse(gen.AgreementMetadataCollection{
		TotalCount: ptr(int32(len(items))),
		Items:      items,
		Links:      selfLink("/agreements"),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// GetAgreementDocument answers GET /agreementtemplates/{id}/document. Only
// the Microsoft Customer Agreement has one; the template ID is compared
// case-sensitively, as the service does. Each answer has new links.
func (a *api) GetAgreementDocument(ctx context.Context, req gen.GetAgreementDocumentRequestObject) (gen.GetAgreementDocumentResponseObject, error) {
	if req.AgreementTemplateID != CustomerAgreementTemplateID {
		return nil, &apiError{status: http.StatusNotFound, code: codeNotFound,
			description: "No agreement document exists for this template; only the Microsoft Customer Agreement has one."}
	}
	country := derefOr(req.Params.Country, "US")
	language := derefOr(req.Params.Language, "en-US")
	if rule, ok := lookupCountry(country); !ok || !containsFold(rule.cultures, language) {
		language = "en-US"
	}
	n := documentLinks.Add(1)
	base := fmt.Sprintf("https://agreements.fake.invalid/%s/%s/%s", CustomerAgreementTemplateID, country, language)
	return gen.GetAgreementDocument200JSONResponse(gen.AgreementDocument{
		DisplayURI:  ptr(base + "/preview?link=" + strconv.FormatUint(n, 10)),
		DownloadURI: ptr(base + "/document.docx?link=" + strconv.FormatUint(n, 10)),
		Language:    ptr(language),
		Country:     ptr(country),
	}), nil
}

// ListCustomerAgreements answers GET /customers/{id}/agreements.
func (a *api) ListCustomerAgreements(ctx context.Context, req gen.ListCustomerAgreementsRequestObject) (gen.ListCustomerAgreementsResponseObject, error) {
	match, err := agreementTypeMatcher(req.Params.AgreementType)
	if err != nil {
		return nil, err
	}
	all, err := a.store.agreements(req.CustomerTenantID.String())
	if err != nil {
		return nil, lifecycleFault(gen.OperationListCustomerAgreements, err)
	}
	items := []gen.Agreement{}
	for _, ag := range all {
		if match(derefOr(ag.Type, "")) {
			ag.UserID = nil // listings leave it out
			items = append(items, ag)
		}
	}
	return gen.ListCustomerAgreements200JSONResponse(gen.AgreementCollection{TotalCount: ptr(int32(len(items))), Items: items}), nil
}

// CreateCustomerAgreement answers POST /customers/{id}/agreements.
func (a *api) CreateCustomerAgreement(ctx context.Context, req gen.CreateCustomerAgreementRequestObject) (gen.CreateCustomerAgreementResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the agreement is missing.")
	}
	b := *req.Body
	var tmpl *agreementTemplate
	for i, t := range agreementTemplates {
		if t.kind == string(b.Type) {
			tmpl = &agreementTemplates[i]
		}
	}
	if tmpl == nil || !strings.EqualFold(b.TemplateID, tmpl.id) {
		return nil, invalidInput("Invalid request input: templateId is not the template of a %s.", b.Type)
	}
	agreed, err := parseAgreementDate(b.DateAgreed)
	if err != nil {
		return nil, invalidInput("Invalid request input: dateAgreed is not a date and time: %s.", err)
	}
	if agreed.After(time.Now().Add(maxClockSkew)) {
		return nil, invalidInput("Invalid request input: dateAgreed lies in the future.")
	}
	contact := b.PrimaryContact
	ag := gen.Agreement{
		UserID:         ptr(PartnerUserID),
		PrimaryContact: &contact,
		TemplateID:     ptr(b.TemplateID),
		DateAgreed:     ptr(b.DateAgreed),
		Type:           ptr(string(b.Type)),
		AgreementLink:  ptr(tmpl.link),
	}
	if err := a.store.addAgreement(req.CustomerTenantID.String(), ag); err != nil {
		return nil, lifecycleFault(gen.OperationCreateCustomerAgreement, err)
	}
	ag.AgreementLink = nil // the confirm answer echoes the request plus userId
	return gen.CreateCustomerAgreement201JSONResponse(ag), nil
}
