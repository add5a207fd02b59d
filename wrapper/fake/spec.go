package fake

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/gen/spec"
)

// apiSpec is the embedded OpenAPI document with what the fake derives from
// it. It is loaded once per process and only read afterwards, so every
// Server shares it.
type apiSpec struct {
	doc    *openapi3.T
	router routers.Router
	seeds  seedExamples
	// faults indexes the examples of the documented error answers (see
	// refusal).
	faults map[faultKey]faultExample
}

// seedExamples holds the documented examples the store starts from.
type seedExamples struct {
	customer     gen.Customer
	company      gen.CustomerCompanyProfile
	billing      gen.CustomerBillingProfile
	organization gen.CustomerOrganization
	contoso      gen.Customer // the second customer of the listCustomers example
	tenant       tenantSeeds  // users, SKUs, roles and subscriptions of every tenant
}

// loadSpec parses the embedded spec and builds the router once.
var loadSpec = sync.OnceValues(func() (*apiSpec, error) {
	doc, err := spec.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("fake: load embedded spec: %w", err)
	}
	seeds, err := readSeeds(doc)
	if err != nil {
		return nil, err
	}
	// The spec's servers are the real hosts with the /v1 prefix. The fake
	// strips the prefix itself before routing, so the router matches the
	// version-free paths of the document against the rest of the path.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("fake: build router from embedded spec: %w", err)
	}
	return &apiSpec{doc: doc, router: router, seeds: seeds, faults: readFaults(doc)}, nil
})

// readSeeds decodes the documented examples from components.examples and
// from the listCustomers response example.
func readSeeds(doc *openapi3.T) (seedExamples, error) {
	var s seedExamples
	for name, dst := range map[string]any{
		"DocumentedCustomer":       &s.customer,
		"DocumentedCompanyProfile": &s.company,
		"DocumentedBillingProfile": &s.billing,
	} {
		if err := decodeExample(doc, name, dst); err != nil {
			return s, err
		}
	}
	// The organization of the reference page, from the documented
	// one-element array.
	var orgs []gen.CustomerOrganization
	if err := decodeExample(doc, "DocumentedOrganizationArray", &orgs); err != nil {
		return s, err
	}
	if len(orgs) != 1 {
		return s, fmt.Errorf("fake: spec example DocumentedOrganizationArray holds %d organizations, want 1", len(orgs))
	}
	s.organization = orgs[0]
	contoso, err := listedCustomer(doc, ContosoCustomerID)
	if err != nil {
		return s, err
	}
	s.contoso = contoso
	if s.tenant, err = readTenantSeeds(doc); err != nil {
		return s, err
	}
	if s.customer.ID == nil || *s.customer.ID != DocumentedCustomerID {
		return s, errors.New("fake: spec example DocumentedCustomer does not carry " + DocumentedCustomerID)
	}
	return s, nil
}

// decodeExample converts the named components.examples entry into dst.
func decodeExample(doc *openapi3.T, name string, dst any) error {
	if doc.Components == nil {
		return errors.New("fake: spec has no components")
	}
	ref := doc.Components.Examples[name]
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("fake: spec has no example %q", name)
	}
	return remarshal(ref.Value.Value, dst, name)
}

// listedCustomer finds the customer with the given id among the items of the
// listCustomers 200 examples.
func listedCustomer(doc *openapi3.T, id string) (gen.Customer, error) {
	var found gen.Customer
	item := doc.Paths.Value("/customers")
	if item == nil || item.Get == nil {
		return found, errors.New("fake: spec has no GET /customers")
	}
	resp := item.Get.Responses.Status(200)
	if resp == nil || resp.Value == nil {
		return found, errors.New("fake: spec has no 200 answer for GET /customers")
	}
	media := resp.Value.Content.Get("application/json")
	if media == nil {
		return found, errors.New("fake: spec has no JSON 200 answer for GET /customers")
	}
	for name, ex := range media.Examples {
		if ex == nil || ex.Value == nil {
			continue
		}
		var page gen.CustomerCollection
		if err := remarshal(ex.Value.Value, &page, "listCustomers "+name); err != nil {
			return found, err
		}
		for _, c := range page.Items {
			if c.ID != nil && *c.ID == id {
				return c, nil
			}
		}
	}
	return found, fmt.Errorf("fake: no listCustomers example holds customer %s", id)
}

// remarshal converts a decoded example value into a generated type.
func remarshal(v any, dst any, what string) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("fake: encode example %s: %w", what, err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("fake: decode example %s: %w", what, err)
	}
	return nil
}
