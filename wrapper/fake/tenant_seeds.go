package fake

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/partnercenter-go/partnercenter/gen"
)

// What every customer's tenant starts with, read from the answers the spec
// documents for the Users, Licenses, Directory roles and Subscriptions
// operations. Nothing here is written in Go: a change of the spec's
// examples changes the fake's seeds.

// tenantSeeds holds the documented examples a tenant starts from.
type tenantSeeds struct {
	users         []gen.CustomerUser  // listCustomerUsers' examples, active and deleted
	skus          []gen.SubscribedSku // listSubscribedSkus' examples, each SKU once
	roles         []gen.DirectoryRole // listDirectoryRoles' examples, each role once
	subscriptions []gen.Subscription  // listCustomerSubscriptions' and getCustomerSubscription's examples, each once
}

// readTenantSeeds reads the tenant seeds from the answers' examples.
func readTenantSeeds(doc *openapi3.T) (tenantSeeds, error) {
	var s tenantSeeds
	seenUser := map[string]bool{}
	err := eachExample(doc, gen.OperationListCustomerUsers, func(name string, v any) error {
		var page gen.CustomerUserCollection
		if err := remarshal(v, &page, gen.OperationListCustomerUsers+" "+name); err != nil {
			return err
		}
		for _, u := range page.Items {
			if id := strings.ToLower(derefOr(u.ID, "")); id != "" && !seenUser[id] {
				seenUser[id] = true
				s.users = append(s.users, u)
			}
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	seenSku := map[string]bool{}
	err = eachExample(doc, gen.OperationListSubscribedSkus, func(name string, v any) error {
		var page gen.SubscribedSkuCollection
		if err := remarshal(v, &page, gen.OperationListSubscribedSkus+" "+name); err != nil {
			return err
		}
		for _, sku := range page.Items {
			if sku.ProductSku == nil || sku.ProductSku.ID == nil {
				continue
			}
			if id := strings.ToLower(*sku.ProductSku.ID); !seenSku[id] {
				seenSku[id] = true
				s.skus = append(s.skus, sku)
			}
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	seenRole := map[string]bool{}
	err = eachExample(doc, gen.OperationListDirectoryRoles, func(name string, v any) error {
		var page gen.DirectoryRoleCollection
		if err := remarshal(v, &page, gen.OperationListDirectoryRoles+" "+name); err != nil {
			return err
		}
		for _, r := range page.Items {
			if id := strings.ToLower(derefOr(r.ID, "")); id != "" && !seenRole[id] {
				seenRole[id] = true
				s.roles = append(s.roles, r)
			}
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	seenSub := map[string]bool{}
	addSub := func(sub gen.Subscription) {
		if id := strings.ToLower(derefOr(sub.ID, "")); id != "" && !seenSub[id] {
			seenSub[id] = true
			s.subscriptions = append(s.subscriptions, sub)
		}
	}
	err = eachExample(doc, gen.OperationListCustomerSubscriptions, func(name string, v any) error {
		var page gen.SubscriptionCollection
		if err := remarshal(v, &page, gen.OperationListCustomerSubscriptions+" "+name); err != nil {
			return err
		}
		for _, sub := range page.Items {
			addSub(sub)
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	err = eachExample(doc, gen.OperationGetCustomerSubscription, func(name string, v any) error {
		var sub gen.Subscription
		if err := remarshal(v, &sub, gen.OperationGetCustomerSubscription+" "+name); err != nil {
			return err
		}
		addSub(sub)
		return nil
	})
	if err != nil {
		return s, err
	}
	switch {
	case len(s.users) == 0:
		return s, fmt.Errorf("fake: the spec documents no user for %s", gen.OperationListCustomerUsers)
	case len(s.skus) == 0:
		return s, fmt.Errorf("fake: the spec documents no SKU for %s", gen.OperationListSubscribedSkus)
	case len(s.roles) == 0:
		return s, fmt.Errorf("fake: the spec documents no role for %s", gen.OperationListDirectoryRoles)
	case len(s.subscriptions) == 0:
		return s, fmt.Errorf("fake: the spec documents no subscription for %s", gen.OperationListCustomerSubscriptions)
	}
	return s, nil
}

// eachExample calls f with every example of the JSON 200 answer of
// operation op, in the order of the examples' names.
func eachExample(doc *openapi3.T, op string, f func(name string, v any) error) error {
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			if o.OperationID != op {
				continue
			}
			resp := o.Responses.Status(200)
			if resp == nil || resp.Value == nil {
				return fmt.Errorf("fake: spec has no 200 answer for %s", op)
			}
			media := resp.Value.Content.Get("application/json")
			if media == nil {
				return fmt.Errorf("fake: spec has no JSON 200 answer for %s", op)
			}
			names := make([]string, 0, len(media.Examples))
			for name, ex := range media.Examples {
				if ex != nil && ex.Value != nil {
					names = append(names, name)
				}
			}
			slices.Sort(names)
			for _, name := range names {
				if err := f(name, media.Examples[name].Value.Value); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return fmt.Errorf("fake: spec has no operation %s", op)
}
