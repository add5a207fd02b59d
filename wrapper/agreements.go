package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
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
	if err := checkAcceptance(&acceptance, time.Now()); err != nil {
		return nil, err
	}
	return callCreated[Agreement](ctx, c, gen.OperationCreateCustomerAgreement, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.CreateCustomerAgreement(ctx, id, nil, acceptance, edit)
	}, gen.ParseCreateCustomerAgreementResponse)
}

// checkAcceptance checks an agreement acceptance against now.
func checkAcceptance(a *AgreementAcceptance, now time.Time) error {
	if strings.TrimSpace(a.Type) == "" {
		return fmt.Errorf("%w: the agreement's type is required: %s or %s", ErrInvalidInput,
			AgreementTypeMicrosoftCustomerAgreement, AgreementTypeMicrosoftCloudAgreement)
	}
	if err := check.InputGUID("agreement templateId", a.TemplateID); err != nil {
		return err
	}
	pc := &a.PrimaryContact
	for _, f := range []struct{ name, v string }{
		{"firstName", pc.FirstName}, {"lastName", pc.LastName}, {"email", pc.Email},
	} {
		if strings.TrimSpace(f.v) == "" {
			return fmt.Errorf("%w: the agreement's primaryContact.%s is required", ErrInvalidInput, f.name)
		}
	}
	t, err := time.Parse(time.RFC3339Nano, a.DateAgreed)
	if err != nil {
		return fmt.Errorf("%w: dateAgreed %s is not a date and time in UTC such as 2024-05-01T09:30:00.000Z", ErrInvalidInput, scrub.Quote(a.DateAgreed))
	}
	if _, offset := t.Zone(); offset != 0 {
		return fmt.Errorf("%w: dateAgreed %s is not in UTC: convert it (FormatAgreementDate does)", ErrInvalidInput, scrub.Quote(a.DateAgreed))
	}
	if t.After(now) {
		return fmt.Errorf("%w: dateAgreed %s lies in the future", ErrInvalidInput, scrub.Quote(a.DateAgreed))
	}
	return nil
}
