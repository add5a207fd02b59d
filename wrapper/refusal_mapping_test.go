package wrapper

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// These tests pin the refusal mapping (gen's table from the spec's
// x-refusals, read by ResponseError.Is) and the status
// categories (ResponseError.Is) with the documented answers written out,
// not taken from the table they check. `make mutate` runs them alone
// against mutants of both files (see MUTATE_RUN in the Makefile), so they
// stand on their own.

// documentedRefusal is an answer and the refusal it is.
type documentedRefusal struct {
	operation string
	status    int // 0: any status
	code      string
	want      error
	category  error // the category of status, when it has one
}

var documentedRefusals = []documentedRefusal{
	{"createCustomer", 400, "600051", ErrPhoneNumberMissing, ErrBadRequest},
	{"createCustomer", 400, "600049", ErrRegistrationNumberMissing, ErrBadRequest},
	{"createCustomer", 400, "600050", ErrRegistrationNumberInvalid, ErrBadRequest},
	{"createCustomer", 400, "600002", ErrRegistrationNumberNotSupported, ErrBadRequest},
	{"createCustomer", 409, "600006", ErrDomainTaken, ErrConflict},
	{"createCustomerAgreement", 409, "600061", ErrAgreementAlreadyConfirmed, ErrConflict},
	{"createCustomerQualification", 409, "600006", ErrQualificationExists, ErrConflict},
	{"removeResellerRelationship", 403, "600006", ErrNotReseller, ErrForbidden},
	{"deleteCustomer", 400, "900127", ErrNotSandbox, ErrBadRequest},
	{"deleteCustomer", 403, "600006", ErrDeleteRefused, ErrForbidden},
	{"", 403, "20002", ErrNoRelationship, ErrForbidden},
	{"", 401, "900421", ErrMFARequired, ErrUnauthorized},
	{"updateUserLicenses", 400, "60012", ErrOutOfLicenses, ErrBadRequest},
	{"updateCustomerSubscription", 400, "800091", ErrSubscriptionSuspended, ErrBadRequest},
	{"updateCustomerSubscription", 400, "2002", ErrQuantityOutOfRange, ErrBadRequest},
}

// allRefusals are the sentinels of every documented refusal.
var allRefusals = []error{
	ErrPhoneNumberMissing, ErrRegistrationNumberMissing, ErrRegistrationNumberInvalid,
	ErrRegistrationNumberNotSupported, ErrDomainTaken, ErrAgreementAlreadyConfirmed,
	ErrQualificationExists, ErrNotReseller, ErrNoRelationship, ErrNotSandbox, ErrDeleteRefused,
	ErrMFARequired, ErrOutOfLicenses, ErrSubscriptionSuspended, ErrQuantityOutOfRange,
}

// allCategories are the sentinels of the status categories.
var allCategories = []error{
	ErrInvalidInput, ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict,
	ErrPreconditionFailed, ErrThrottled, ErrServer, ErrMalformedResponse,
}

// matches lists the sentinels of want that err matches.
func matches(err error, of []error) []error {
	var out []error
	for _, s := range of {
		if errors.Is(err, s) {
			out = append(out, s)
		}
	}
	return out
}

// TestRefusalsMatchExactly: each documented answer matches its refusal
// and its status's category and nothing else; the same answer from
// another operation, with another status or another code, matches no
// refusal (but for the rows that match any operation, status or code).
func TestRefusalsMatchExactly(t *testing.T) {
	t.Parallel()
	for _, r := range documentedRefusals {
		statuses := []int{r.status}
		if r.status == 0 {
			statuses = []int{400, 409, 500}
		}
		for _, status := range statuses {
			err := &ResponseError{Operation: r.operation, StatusCode: status, Code: r.code}
			if r.operation == "" {
				err.Operation = "getCustomer"
			}
			if got := matches(err, allRefusals); len(got) != 1 || got[0] != r.want {
				t.Errorf("%s %d %q: refusals %v, want %v", err.Operation, status, r.code, got, r.want)
			}
			wantCategory := r.category
			if r.status == 0 {
				wantCategory = categoryOf(status)
			}
			if got := matches(err, allCategories); len(got) != 1 || got[0] != wantCategory {
				t.Errorf("%s %d %q: categories %v, want %v", err.Operation, status, r.code, got, wantCategory)
			}
		}

		// Another operation.
		if r.operation != "" {
			other := &ResponseError{Operation: "getCustomer", StatusCode: r.status, Code: r.code}
			if r.status == 0 {
				other.StatusCode = 409
			}
			if got := matches(other, allRefusals); len(got) != 0 {
				t.Errorf("getCustomer %d %q: refusals %v, want none", other.StatusCode, r.code, got)
			}
		}
		// Another status.
		if r.status != 0 {
			for _, status := range []int{r.status - 1, r.status + 1, 404, 500} {
				e := &ResponseError{Operation: r.operation, StatusCode: status, Code: r.code}
				if got := matches(e, allRefusals); len(got) != 0 {
					t.Errorf("%s %d %q: refusals %v, want none", r.operation, status, r.code, got)
				}
			}
		}
		// Another code.
		if r.code != "" {
			for _, code := range []string{"", "1", r.code + "0", "0" + r.code} {
				e := &ResponseError{Operation: r.operation, StatusCode: r.status, Code: code}
				if r.status == 0 {
					e.StatusCode = 409
				}
				if got := matches(e, allRefusals); len(got) != 0 {
					t.Errorf("%s %d %q: refusals %v, want none", r.operation, e.StatusCode, code, got)
				}
			}
		}
	}
	// The rows that match any operation; a 409 of createCustomer with
	// another code is no refusal by itself (CreateCustomer settles it with
	// the domain check, TestCreateCustomerDomainFallback).
	if anyCode := (&ResponseError{Operation: "createCustomer", StatusCode: 409, Code: "anything"}); errors.Is(anyCode, ErrDomainTaken) {
		t.Error("createCustomer 409 with another code is ErrDomainTaken by itself")
	}
	if e := (&ResponseError{Operation: "listCustomers", StatusCode: 403, Code: "20002"}); !errors.Is(e, ErrNoRelationship) {
		t.Error("403 20002 from any operation is not ErrNoRelationship")
	}
	if e := (&ResponseError{StatusCode: 403, Code: "20002"}); !errors.Is(e, ErrNoRelationship) {
		t.Error("403 20002 without an operation is not ErrNoRelationship")
	}
	// A ResponseError is not every error: nil and foreign targets.
	e := &ResponseError{Operation: "createCustomer", StatusCode: 409}
	if errors.Is(e, errors.New("domain taken")) || e.Is(nil) {
		t.Error("a ResponseError matches an error it is not")
	}
	if got := matches(&ResponseError{StatusCode: 418}, append(allRefusals, allCategories...)); len(got) != 0 {
		t.Errorf("418 matches %v", got)
	}
}

// TestStatusCategoryBoundaries: every status at the edge of a category.
func TestStatusCategoryBoundaries(t *testing.T) {
	t.Parallel()
	want := map[int]error{
		0: nil, 100: nil, 199: nil,
		200: ErrMalformedResponse, 201: ErrMalformedResponse, 299: ErrMalformedResponse,
		300: nil, 304: nil, 399: nil,
		400: ErrBadRequest, 401: ErrUnauthorized, 402: nil, 403: ErrForbidden, 404: ErrNotFound,
		405: nil, 407: nil, 408: ErrServer, 409: ErrConflict, 410: nil, 411: nil,
		412: ErrPreconditionFailed, 413: nil, 428: nil, 429: ErrThrottled, 430: nil, 499: nil,
		500: ErrServer, 501: ErrServer, 599: ErrServer, 600: nil, 999: nil,
	}
	for status, w := range want {
		got := matches(&ResponseError{StatusCode: status}, allCategories)
		if w == nil && len(got) != 0 || w != nil && (len(got) != 1 || got[0] != w) {
			t.Errorf("status %d: %v, want %v", status, got, w)
		}
		if c := categoryOf(status); c != w {
			t.Errorf("categoryOf(%d) = %v, want %v", status, c, w)
		}
	}
}

// TestResponseErrorText: the one line of Error(), field by field.
func TestResponseErrorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    ResponseError
		want string
	}{
		{ResponseError{StatusCode: 404}, "partnercenter: 404 Not Found"},
		{ResponseError{StatusCode: 999}, "partnercenter: 999"},
		{ResponseError{StatusCode: 404, Operation: "getCustomer"}, "partnercenter: 404 Not Found from getCustomer"},
		{ResponseError{StatusCode: 404, Method: "GET"}, "partnercenter: 404 Not Found from (GET)"},
		{ResponseError{StatusCode: 404, Path: "/v1/customers/x"}, "partnercenter: 404 Not Found from (/v1/customers/x)"},
		{
			ResponseError{StatusCode: 403, Operation: "getCustomer", Method: "GET", Path: "/v1/customers/x", Code: "900150",
				Description: "The role\nlacks rights.", GDAPRoles: []string{"Directory Writer", "Global Reader"},
				CorrelationID: "c0c0c0c0-0000-0000-0000-000000000000", RequestID: "d0d0d0d0-0000-0000-0000-000000000000"},
			"partnercenter: 403 Forbidden from getCustomer (GET /v1/customers/x): code 900150: The role lacks rights.; " +
				"the operation needs one of the GDAP roles: Directory Writer, Global Reader; " +
				"MS-CorrelationId=c0c0c0c0-0000-0000-0000-000000000000; MS-RequestId=d0d0d0d0-0000-0000-0000-000000000000",
		},
		// Roles only on a 403; a wait only when there is one.
		{ResponseError{StatusCode: 404, GDAPRoles: []string{"Global Reader"}}, "partnercenter: 404 Not Found"},
		{ResponseError{StatusCode: 403}, "partnercenter: 403 Forbidden"},
		{ResponseError{StatusCode: 429, RetryAfter: 57 * time.Second}, "partnercenter: 429 Too Many Requests; retry after 57s"},
		{ResponseError{StatusCode: 429, RetryAfter: time.Nanosecond}, "partnercenter: 429 Too Many Requests; retry after 1ns"},
		{ResponseError{StatusCode: 429, RetryAfter: -time.Second}, "partnercenter: 429 Too Many Requests"},
		{ResponseError{StatusCode: 500, RequestID: "r"}, "partnercenter: 500 Internal Server Error; MS-RequestId=r"},
		{ResponseError{StatusCode: 500, CorrelationID: "c"}, "partnercenter: 500 Internal Server Error; MS-CorrelationId=c"},
		// A documented refusal adds its hint, when it has one (the spec's
		// x-refusals), and nothing when it has none.
		{ResponseError{StatusCode: 401, Code: "900421"},
			"partnercenter: 401 Unauthorized: code 900421; sign the user in with multi-factor authentication " +
				"(through the secure application model) and use the new refresh token; app-only calls are not affected"},
		{ResponseError{StatusCode: 403, Operation: "deleteCustomer", Code: "600006"},
			"partnercenter: 403 Forbidden from deleteCustomer: code 600006"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q\nwant      %q", got, tt.want)
		}
	}
	inner := fmt.Errorf("decoding: %w", errors.New("unexpected EOF"))
	e := &ResponseError{StatusCode: 200, Err: inner}
	if errors.Unwrap(e) != inner || !errors.Is(e, ErrMalformedResponse) {
		t.Error("a malformed answer does not unwrap to its decoding error")
	}
}
