package wrapper

import (
	"context"
	"net/http"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
)

// The custom operations of the "Agreements" tag.

// AgreementTypeAll asks a listing (ListAgreementMetadataOptions,
// ListCustomerAgreementsOptions) for every agreement type; the types
// themselves are AgreementTypeMicrosoftCustomerAgreement and
// AgreementTypeMicrosoftCloudAgreement.
const AgreementTypeAll = "*"

// agreementDateLayout is how FormatAgreementDate writes a date.
const agreementDateLayout = "2006-01-02T15:04:05.000Z"

// FormatAgreementDate writes t in UTC the way AgreementAcceptance.DateAgreed
// wants it, such as "2024-05-01T09:30:00.000Z".
func FormatAgreementDate(t time.Time) string { return t.UTC().Format(agreementDateLayout) }

// CreateCustomerAgreement records that the customer accepted an agreement
// (the Microsoft Customer Agreement, usually) and returns the confirmation.
// Before any request it checks the acceptance: a known Type, a TemplateID
// GUID (from ListAgreementMetadata), a primary contact with first name,
// last name and e-mail, and a DateAgreed in UTC ("Z" or "+00:00", see
// FormatAgreementDate) that is not in the future. The same contact
// confirming the same type again gets ErrAgreementAlreadyConfirmed. Public
// cloud only (ErrNotInCloud elsewhere). The POST is retried with one
// MS-RequestId.
func (c *Client) CreateCustomerAgreement(ctx context.Context, customerID string, acceptance AgreementAcceptance, opts *CreateCustomerAgreementOptions) (*Agreement, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	if err := check.Acceptance(&acceptance, time.Now()).Err(); err != nil {
		return nil, err
	}
	return callCreated[Agreement](ctx, c, gen.OperationCreateCustomerAgreement, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.CreateCustomerAgreement(ctx, id, nil, acceptance, edit)
	}, gen.ParseCreateCustomerAgreementResponse)
}
