package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The cost benchmarks of the operations other than get customer: one of
// each shape of call (a create with a body and a secret in the answer, an
// update with a body, a delete, one page of a listing), each made with
// plain net/http and encoding/json and with the wrapper, against the
// canned server in a child process. benchCallCost says what they report.

// newCustomerJSON is the customer the create benchmarks send, as
// cmd/partnercenter/testdata/new-customer.json has it.
const newCustomerJSON = `{
  "companyProfile": {"domain": "wingtip-demo.onmicrosoft.com", "companyName": "Wingtip Toys"},
  "billingProfile": {
    "email": "ada@wingtiptoys.example", "culture": "en-US", "language": "en",
    "companyName": "Wingtip Toys", "firstName": "Ada", "lastName": "Lovelace",
    "defaultAddress": {
      "country": "US", "city": "Redmond", "state": "WA", "addressLine1": "1 Microsoft Way",
      "postalCode": "98052", "firstName": "Ada", "lastName": "Lovelace", "phoneNumber": "4255550101"
    }
  }
}`

// benchNewCustomer returns the customer to create.
func benchNewCustomer() gen.NewCustomer {
	var nc gen.NewCustomer
	if err := json.Unmarshal([]byte(newCustomerJSON), &nc); err != nil {
		panic(err) // a constant of this file
	}
	return nc
}

// benchUserUpdate is the change the update benchmarks send: a new display
// name.
var benchUserUpdate = gen.CustomerUserUpdate{DisplayName: ptr("Ada Lovelace (Wingtip)")}

func ptr[T any](v T) *T { return &v }

// plainCall sends one request the way the plain clients of the cost
// benchmarks do: what any correct Partner Center client must send (a bearer
// token, a new MS-RequestId and MS-CorrelationId, Accept, User-Agent and,
// with a body, the body encoded as JSON with its Content-Type), then a
// status check and, when into is not nil, the answer decoded into it.
func plainCall(ctx context.Context, hc *http.Client, method, url string, body any, want int, into any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+benchToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", benchUserAgent)
	req.Header.Set("MS-RequestId", uuid.NewString())
	req.Header.Set("MS-CorrelationId", uuid.NewString())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode != want {
		return fmt.Errorf("%s: status %d, want %d", method, resp.StatusCode, want)
	}
	if into == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(into)
}

// operation is one call of a cost benchmark, made plainly, with the
// wrapper, and with the generated client over a bare azcore pipeline (the
// floor the wrapper stands on, see azcoreGetter).
type operation struct {
	plain, wrapper, azcore getter
}

// ids returns the parameters that send a new MS-RequestId and
// MS-CorrelationId, as every client here does.
func ids() (rid, cid *uuid.UUID) {
	r, c := uuid.New(), uuid.New()
	return &r, &c
}

// operations returns the calls of the cost benchmarks other than get
// customer against the canned server at baseURL, all over hc, by name.
func operations(tb testing.TB, baseURL string, hc *http.Client) map[string]operation {
	tb.Helper()
	wc := newWrapperClient(tb, wrapper.StaticTokenCredential(benchToken, time.Now().Add(time.Hour)), baseURL, hc)
	gc := azcoreClient(tb, baseURL, hc)
	docID, userID := uuid.MustParse(fake.DocumentedCustomerID), uuid.MustParse(opUserID)
	size := int32(opPageSize)
	nc := benchNewCustomer()
	customers := baseURL + "/v1/customers"
	user := customers + "/" + fake.DocumentedCustomerID + "/users/" + opUserID
	page := customers + "?size=" + strconv.Itoa(opPageSize)
	return map[string]operation{
		"createCustomer": {
			plain: func(ctx context.Context) error {
				var c gen.CreatedCustomer
				if err := plainCall(ctx, hc, http.MethodPost, customers, nc, http.StatusCreated, &c); err != nil {
					return err
				}
				if c.ID == nil || c.UserCredentials == nil || c.UserCredentials.Password == nil {
					return fmt.Errorf("created customer without an ID or a password")
				}
				return nil
			},
			wrapper: func(ctx context.Context) error {
				c, err := wc.CreateCustomer(ctx, nc, nil)
				if err == nil && (c.ID() == "" || c.AdminPassword.Reveal() == "") {
					err = fmt.Errorf("created customer without an ID or a password")
				}
				return err
			},
			azcore: func(ctx context.Context) error {
				rid, cid := ids()
				resp, err := gc.CreateCustomerWithResponse(ctx, &gen.CreateCustomerParams{MSRequestID: rid, MSCorrelationID: cid}, nc)
				if err != nil {
					return err
				}
				if c := resp.JSON201; c == nil || c.ID == nil || c.UserCredentials == nil || c.UserCredentials.Password == nil {
					return fmt.Errorf("status %d: no created customer with an ID and a password", resp.StatusCode())
				}
				return nil
			},
		},
		"updateCustomerUser": {
			plain: func(ctx context.Context) error {
				var u gen.CustomerUserWithPassword
				if err := plainCall(ctx, hc, http.MethodPatch, user, benchUserUpdate, http.StatusOK, &u); err != nil {
					return err
				}
				if u.ID == nil {
					return fmt.Errorf("user without an ID")
				}
				return nil
			},
			wrapper: func(ctx context.Context) error {
				u, err := wc.UpdateCustomerUser(ctx, fake.DocumentedCustomerID, opUserID, benchUserUpdate, nil)
				if err == nil && u.ID == nil {
					err = fmt.Errorf("user without an ID")
				}
				return err
			},
			azcore: func(ctx context.Context) error {
				rid, cid := ids()
				resp, err := gc.UpdateCustomerUserWithResponse(ctx, docID, userID, &gen.UpdateCustomerUserParams{MSRequestID: rid, MSCorrelationID: cid}, benchUserUpdate)
				if err != nil {
					return err
				}
				if resp.JSON200 == nil || resp.JSON200.ID == nil {
					return fmt.Errorf("status %d: no user with an ID", resp.StatusCode())
				}
				return nil
			},
		},
		"deleteCustomerUser": {
			plain: func(ctx context.Context) error {
				return plainCall(ctx, hc, http.MethodDelete, user, nil, http.StatusNoContent, nil)
			},
			wrapper: func(ctx context.Context) error {
				return wc.DeleteCustomerUser(ctx, fake.DocumentedCustomerID, opUserID, nil)
			},
			azcore: func(ctx context.Context) error {
				rid, cid := ids()
				resp, err := gc.DeleteCustomerUserWithResponse(ctx, docID, userID, &gen.DeleteCustomerUserParams{MSRequestID: rid, MSCorrelationID: cid})
				if err != nil {
					return err
				}
				if resp.StatusCode() != http.StatusNoContent {
					return fmt.Errorf("status %d", resp.StatusCode())
				}
				return nil
			},
		},
		"listCustomersPage": {
			plain: func(ctx context.Context) error {
				var p gen.CustomerCollection
				if err := plainCall(ctx, hc, http.MethodGet, page, nil, http.StatusOK, &p); err != nil {
					return err
				}
				if len(p.Items) != opPageSize {
					return fmt.Errorf("a page of %d customers, want %d", len(p.Items), opPageSize)
				}
				return nil
			},
			wrapper: func(ctx context.Context) error {
				p, err := wc.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: opPageSize}).NextPage(ctx)
				if err == nil && len(p.Items) != opPageSize {
					err = fmt.Errorf("a page of %d customers, want %d", len(p.Items), opPageSize)
				}
				return err
			},
			azcore: func(ctx context.Context) error {
				rid, cid := ids()
				resp, err := gc.ListCustomersWithResponse(ctx, &gen.ListCustomersParams{Size: &size, MSRequestID: rid, MSCorrelationID: cid})
				if err != nil {
					return err
				}
				if resp.JSON200 == nil || len(resp.JSON200.Items) != opPageSize {
					return fmt.Errorf("status %d: not a page of %d customers", resp.StatusCode(), opPageSize)
				}
				return nil
			},
		},
	}
}

// benchOperation runs benchCallCost on the named operation.
func benchOperation(b *testing.B, name string) {
	if _, ok := processCPU(); !ok {
		b.Skip(noCPUTime)
	}
	srv := startCannedChild(b, 1)
	op := operations(b, srv.URL, srv.Client)[name]
	benchCallCost(b, []kind{{"plain", op.plain}, {"azcore", op.azcore}, {"wrapper", op.wrapper}})
}

// BenchmarkCreateCustomer: POST /customers with a new customer, answered
// 201 with the customer and its administrator's password.
func BenchmarkCreateCustomer(b *testing.B) { benchOperation(b, "createCustomer") }

// BenchmarkUpdateCustomerUser: PATCH /customers/{id}/users/{userId} with a
// new display name, answered 200 with the user.
func BenchmarkUpdateCustomerUser(b *testing.B) { benchOperation(b, "updateCustomerUser") }

// BenchmarkDeleteCustomerUser: DELETE /customers/{id}/users/{userId},
// answered 204 without a body.
func BenchmarkDeleteCustomerUser(b *testing.B) { benchOperation(b, "deleteCustomerUser") }

// BenchmarkListCustomersPage: GET /customers?size=20, answered 200 with the
// first page of 20 customers (and a next link, not followed).
func BenchmarkListCustomersPage(b *testing.B) { benchOperation(b, "listCustomersPage") }
