package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Partner Center error codes the fake answers with.
const (
	codeNotFound          = "1000"
	codeStaleETag         = "2055"
	codeTenantNotFound    = "60003"
	codeTokenMissing      = "800001"
	codeInvalidInput      = "800002"
	codeUnexpected        = "800003"
	codeInvalidCustomerID = "900118"
	codeAddressInvalid    = "2007" // the older address validation's verdict

	// Codes of documented not-found answers inside a tenant (not refusals:
	// their descriptions come from the spec's examples, see documented).
	codeUserNotFound         = "60002"
	codeSubscriptionNotFound = "20003"
	codeOrderNotFound        = "20000"
	codePartnerNotFound      = "800015"

	faultSource       = "PartnerFD"
	maxDescriptionLen = 1024
	contentTypeJSON   = "application/json; charset=utf-8"
)

// apiError is a failed call in Partner Center's ApiFault shape. Handlers
// return it as an error and the strict handler's error hook writes it.
type apiError struct {
	status       int
	code         string
	description  string
	codeAsString bool          // send code as a JSON string instead of a number
	retryAfter   time.Duration // when positive, sent as Retry-After
	wwwAuth      string        // WWW-Authenticate value for 401 answers
	allow        string        // Allow value for 405 answers
	errorName    string        // when set, the body has the extended shape (ExtendedApiFault)
}

// Error describes the fault; it never carries request data.
func (e *apiError) Error() string {
	return fmt.Sprintf("partner center fake: %d (code %s): %s", e.status, e.code, e.description)
}

// newAPIError returns the error with the usual code and text for status.
func newAPIError(status int) *apiError {
	code, desc := defaultFault(status)
	return &apiError{status: status, code: code, description: desc}
}

// withDescription returns a copy of e with another description.
func (e *apiError) withDescription(desc string) *apiError {
	c := *e
	c.description = desc
	return &c
}

// defaultFault is the code and description the fake uses for a status.
func defaultFault(status int) (code, description string) {
	switch status {
	case http.StatusBadRequest:
		return codeInvalidInput, "Invalid request input."
	case http.StatusUnauthorized:
		return codeTokenMissing, "Partner token is missing."
	case http.StatusForbidden:
		r := refusal("", gen.RefusalNoRelationship)
		return r.code, r.description
	case http.StatusNotFound:
		return codeTenantNotFound, "Tenant not found."
	case http.StatusConflict:
		if s, err := loadSpec(); err == nil {
			for k, ex := range s.faults {
				if k.op == "" && k.status == http.StatusConflict {
					return k.code, ex.description
				}
			}
		}
		return codeUnexpected, "Conflict."
	case http.StatusPreconditionFailed:
		return codeStaleETag, "The etag is no longer valid."
	case http.StatusInternalServerError:
		return codeUnexpected, "An unexpected error occurred in the service."
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return codeUnexpected, "The service is temporarily unavailable."
	default:
		text := http.StatusText(status)
		if text == "" {
			text = "Unexpected status"
		}
		if status < 500 {
			return codeInvalidInput, text + "."
		}
		return codeUnexpected, text + "."
	}
}

// body is the ApiFault document of e.
func (e *apiError) body() gen.APIFault {
	var code gen.ErrorCode
	if n, err := strconv.ParseInt(e.code, 10, 64); err == nil && !e.codeAsString {
		_ = code.FromErrorCode0(n)
	} else {
		_ = code.FromErrorCode1(e.code)
	}
	desc := e.description
	if len(desc) > maxDescriptionLen {
		desc = truncateUTF8(desc, maxDescriptionLen)
	}
	return gen.APIFault{Code: code, Description: desc, Data: []any{}, Source: faultSource}
}

// extendedBody is the longer error document some operations send.
func (e *apiError) extendedBody() gen.ExtendedAPIFault {
	f := e.body()
	return gen.ExtendedAPIFault{
		Code:                 &f.Code,
		Message:              ptr(f.Description),
		Description:          ptr(f.Description),
		ErrorName:            ptr(e.errorName),
		IsRetryable:          ptr(false),
		Parameters:           map[string]interface{}{},
		ErrorMessageExtended: ptr("InternalErrorCode=" + e.code),
	}
}

// write sends e as the response.
func (e *apiError) write(w http.ResponseWriter) {
	h := w.Header()
	if e.retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(retryAfterSeconds(e.retryAfter)))
	}
	if e.wwwAuth != "" {
		h.Set("WWW-Authenticate", e.wwwAuth)
	}
	if e.allow != "" {
		h.Set("Allow", e.allow)
	}
	if e.errorName != "" {
		writeJSON(w, e.status, e.extendedBody())
		return
	}
	writeJSON(w, e.status, e.body())
}

// writeJSON encodes v as the response body with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"code":800003,"description":"The fake could not encode its answer.","data":[],"source":"PartnerFD"}`)
	}
	w.Header().Set("Content-Type", contentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// throttleBody is the body of a 429 answer.
func throttleBody(wait time.Duration) gen.ThrottleError {
	msg := fmt.Sprintf("Rate limit is exceeded. Try again in %d seconds.", retryAfterSeconds(wait))
	return gen.ThrottleError{StatusCode: ptr(int32(http.StatusTooManyRequests)), Message: &msg}
}

// retryAfterSeconds rounds a wait up to whole seconds for Retry-After.
func retryAfterSeconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	s := math.Ceil(d.Seconds())
	if s > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(s)
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
