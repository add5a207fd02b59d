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

// The agreement types, as the service names them, and the value that asks
// a listing for every type.
const (
	// AgreementTypeCustomerAgreement is the Microsoft Customer Agreement.
	AgreementTypeCustomerAgreement = string(gen.AgreementAcceptanceTypeMicrosoftCustomerAgreement)
	// AgreementTypeCloudAgreement is the Microsoft Cloud Agreement, which
	// listings return when no type is asked for.
	AgreementTypeCloudAgreement = string(gen.AgreementAcceptanceTypeMicrosoftCloudAgreement)
	// AgreementTypeAll asks a listing for every agreement type.
	AgreementTypeAll = "*"
)

// agreementDateLayout is how FormatAgreementDate writes a date.
const agreementDateLayout = "2006-01-02T15:04:05.000Z"

// FormatAgreementDate writes t in UTC the way AgreementAcceptance.DateAgreed
// wants it, such as "2024-05-01T09:30:00.000Z".
func FormatAgreementDate(t time.Time) string { return t.UTC().Format(agreementDateLayout) }

// checkAgreementType checks the agreementType option of a listing.
func checkAgreementType(t string) (*string, error) {
	switch t {
	case "":
		return nil, nil
	case AgreementTypeAll, AgreementTypeCustomerAgreement, AgreementTypeCloudAgreement:
		return &t, nil
	}
	return nil, fmt.Errorf("%w: agreement type %s: use %s, %s or %s", ErrInvalidInput, scrub.Quote(t),
		AgreementTypeCustomerAgreement, AgreementTypeCloudAgreement, AgreementTypeAll)
}

// ListAgreementMetadata returns the agreements a customer can be asked to
// accept: template ID, type and link. Without opts.AgreementType the service
// lists the Microsoft Cloud Agreement only; AgreementTypeAll lists every
// type. The Microsoft Customer Agreement exists in the public cloud only:
// elsewhere the call fails with ErrNotInCloud before any request. It is a
// read and is retried.
func (c *Client) ListAgreementMetadata(ctx context.Context, opts *ListAgreementMetadataOptions) ([]AgreementMetadata, error) {
	var p gen.ListAgreementMetadataParams
	if opts != nil {
		t, err := checkAgreementType(opts.AgreementType)
		if err != nil {
			return nil, err
		}
		p.AgreementType = t
	}
	out, err := call[gen.AgreementMetadataCollection](ctx, c, gen.OperationListAgreementMetadata, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.ListAgreementMetadata(ctx, &p, edit)
	}, gen.ParseListAgreementMetadataResponse)
	if err != nil {
		return nil, err
	}
	if out.Items == nil {
		return []AgreementMetadata{}, nil
	}
	return out.Items, nil
}

// GetAgreementDocument returns links to read and download the agreement
// of templateID (a GUID, as ListAgreementMetadata gives it; only the
// Microsoft Customer Agreement has a document), in opts.Language for
// opts.Country when set. The links differ on every call and expire: fetch
// them when needed. Public cloud only (ErrNotInCloud elsewhere). It is a
// read and is retried.
func (c *Client) GetAgreementDocument(ctx context.Context, templateID string, opts *GetAgreementDocumentOptions) (*AgreementDocument, error) {
	if err := check.InputGUID("agreement template ID", templateID); err != nil {
		return nil, err
	}
	var p gen.GetAgreementDocumentParams
	if opts != nil {
		if opts.Country != "" {
			if err := check.InputCountry("country", opts.Country); err != nil {
				return nil, err
			}
			cc := strings.ToUpper(opts.Country)
			p.Country = &cc
		}
		if opts.Language != "" {
			if err := check.InputHeader("language", opts.Language); err != nil {
				return nil, err
			}
			lang := opts.Language
			p.Language = &lang
		}
	}
	return call[AgreementDocument](ctx, c, gen.OperationGetAgreementDocument, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetAgreementDocument(ctx, templateID, &p, edit)
	}, gen.ParseGetAgreementDocumentResponse)
}

// ListCustomerAgreements returns the agreements confirmed for the customer
// (the Microsoft Cloud Agreement unless opts.AgreementType says otherwise).
// Public cloud only (ErrNotInCloud elsewhere). It is a read and is retried.
func (c *Client) ListCustomerAgreements(ctx context.Context, customerID string, opts *ListCustomerAgreementsOptions) ([]Agreement, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	var p gen.ListCustomerAgreementsParams
	if opts != nil {
		if p.AgreementType, err = checkAgreementType(opts.AgreementType); err != nil {
			return nil, err
		}
	}
	out, err := call[gen.AgreementCollection](ctx, c, gen.OperationListCustomerAgreements, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.ListCustomerAgreements(ctx, id, &p, edit)
	}, gen.ParseListCustomerAgreementsResponse)
	if err != nil {
		return nil, err
	}
	if out.Items == nil {
		return []Agreement{}, nil
	}
	return out.Items, nil
}

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
	if !a.Type.Valid() {
		return fmt.Errorf("%w: agreement type %s: use %s or %s", ErrInvalidInput, scrub.Quote(string(a.Type)),
			AgreementTypeCustomerAgreement, AgreementTypeCloudAgreement)
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
