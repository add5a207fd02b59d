// Command plainprog is the baseline of BenchmarkColdStart (package bench):
// it gets one customer from a Partner Center endpoint with net/http and
// encoding/json alone, sending what any correct client sends (a bearer
// token, a new MS-RequestId and MS-CorrelationId, Accept, User-Agent),
// checks the status and decodes the answer, then prints the customer's ID.
//
// Usage:
//
//	plainprog ENDPOINT CUSTOMER_ID
//
// It imports nothing outside the standard library, so that it stands for
// a program that does not use this module; a test in package bench keeps it
// so.
package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"
)

// token is a made-up bearer token: the benchmark's server accepts any.
const token = "bench-token-not-a-secret"

// maxBody caps the answer read.
const maxBody = 1 << 20

// customer holds the fields of a customer this program looks at.
type customer struct {
	ID             string `json:"id"`
	CompanyProfile struct {
		TenantID    string `json:"tenantId"`
		Domain      string `json:"domain"`
		CompanyName string `json:"companyName"`
	} `json:"companyProfile"`
	RelationshipToPartner string `json:"relationshipToPartner"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: plainprog ENDPOINT CUSTOMER_ID")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := getCustomer(ctx, os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "plainprog:", err)
		os.Exit(1)
	}
	fmt.Println(c.ID)
}

// getCustomer gets one customer.
func getCustomer(ctx context.Context, endpoint, id string) (*customer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"/v1/customers/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "plainprog")
	req.Header.Set("MS-RequestId", newUUID())
	req.Header.Set("MS-CorrelationId", newUUID())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var c customer
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&c); err != nil {
		return nil, err
	}
	if c.ID == "" {
		return nil, errors.New("customer without an ID")
	}
	return &c, nil
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
