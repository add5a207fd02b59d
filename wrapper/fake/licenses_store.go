package fake

import (
	"slices"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The licenses of a tenant. Every customer subscribes to the SKUs the spec
// documents for listSubscribedSkus, with their documented unit counts; the
// documented consumedUnits are licenses held outside the fake's users.
// Assigning a license through the fake uses up a unit, removing it (or
// deleting its user) frees one: consumedUnits counts both, and
// availableUnits is totalUnits less consumedUnits, as the spec defines it.

// errOutOfLicenses is the refusal of an assignment without units left.
var errOutOfLicenses = &storeRefusal{gen.RefusalOutOfLicenses}

// The codes of the license warnings the fake sends. The reference pages
// document none; these are the fake's own.
const (
	// LicenseWarningAlreadyAssigned: a license to assign was assigned
	// already; no unit was used, and its excluded plans are now those of
	// the request.
	LicenseWarningAlreadyAssigned = "LicenseAlreadyAssigned"
	// LicenseWarningNotAssigned: a license to remove was not assigned;
	// nothing changed for it.
	LicenseWarningNotAssigned = "LicenseNotAssigned"
)

// assignment is one license a user holds.
type assignment struct {
	sku      string   // lowercase product SKU ID
	excluded []string // IDs of the service plans left out, as sent
}

// sku returns the subscribed SKU with the given ID (any case).
func (s *store) sku(id string) (gen.SubscribedSku, bool) {
	for _, sku := range s.skus {
		if strings.EqualFold(derefOr(sku.ProductSku.ID, ""), id) {
			return sku, true
		}
	}
	return gen.SubscribedSku{}, false
}

// skuGroup is the license group of a SKU, in lowercase; group1 when the
// SKU names none.
func skuGroup(sku gen.SubscribedSku) string {
	return strings.ToLower(derefOr(sku.ProductSku.LicenseGroupID, gen.LicenseGroupGroup1))
}

// groupFilter reads licenseGroupIds: the groups named (any case, Group1
// naming group1), or group1 alone when none is named.
func groupFilter(ids []string) func(group string) bool {
	if len(ids) == 0 {
		ids = []string{gen.LicenseGroupGroup1}
	}
	return func(group string) bool {
		return slices.ContainsFunc(ids, func(id string) bool { return strings.EqualFold(strings.TrimSpace(id), group) })
	}
}

// consumed is the number of units of a SKU in use in the tenant.
func (s *store) consumed(v tenantView, sku gen.SubscribedSku) int32 {
	return derefOr(sku.ConsumedUnits, 0) + v.t.consumed[strings.ToLower(derefOr(sku.ProductSku.ID, ""))]
}

// available is the number of units of a SKU left to assign.
func (s *store) available(v tenantView, sku gen.SubscribedSku) int32 {
	return max(derefOr(sku.TotalUnits, 0)-s.consumed(v, sku), 0)
}

// subscribedSkus lists the SKUs of customer id in the given license groups
// with the tenant's unit counts.
func (s *store) subscribedSkus(id string, groups []string) ([]gen.SubscribedSku, error) {
	match := groupFilter(groups)
	out := []gen.SubscribedSku{}
	err := s.read(id, func(v tenantView) error {
		for _, sku := range s.skus {
			if !match(skuGroup(sku)) {
				continue
			}
			available := s.available(v, sku) // from the documented count, before it is replaced
			sku.ConsumedUnits = ptr(s.consumed(v, sku))
			sku.AvailableUnits = ptr(available)
			out = append(out, sku)
		}
		return nil
	})
	return out, err
}

// userLicenses lists the licenses of a user of customer id in the given
// license groups. A deleted user holds none.
func (s *store) userLicenses(id, userID string, groups []string) ([]gen.License, error) {
	match := groupFilter(groups)
	out := []gen.License{}
	err := s.read(id, func(v tenantView) error {
		lid := strings.ToLower(userID)
		if _, ok := v.findUser(lid); !ok {
			return errUserNotFound
		}
		for _, a := range v.t.licenses[lid] {
			sku, ok := s.sku(a.sku)
			if !ok || !match(skuGroup(sku)) {
				continue
			}
			out = append(out, license(sku, a.excluded))
		}
		return nil
	})
	return out, err
}

// license is a SKU as a user's license shows it: its service plans but the
// excluded ones, assigned.
func license(sku gen.SubscribedSku, excluded []string) gen.License {
	plans := []gen.ServicePlan{}
	for _, p := range sku.ServicePlans {
		if slices.ContainsFunc(excluded, func(id string) bool { return strings.EqualFold(id, derefOr(p.ID, "")) }) {
			continue
		}
		p.CapabilityStatus = ptr(gen.CapabilityStatusAssigned)
		plans = append(plans, p)
	}
	ps := sku.ProductSku
	return gen.License{
		ServicePlans: plans,
		ProductSku:   &gen.ProductSku{ID: ps.ID, Name: ps.Name, SkuPartNumber: ps.SkuPartNumber, LicenseGroupID: ps.LicenseGroupID},
		Attributes:   &gen.ResourceAttributes{ObjectType: ptr(objectLicense)},
	}
}

// updateLicenses assigns and removes licenses of an active user of
// customer id in one change: either all of it is applied or, when a SKU has
// no unit left or the request is not valid, none. A change repeated with
// the same requestID gets the first answer.
func (s *store) updateLicenses(id, userID, requestID string, upd gen.LicenseUpdate) (gen.LicenseUpdate, error) {
	lid := strings.ToLower(userID)
	answer, err := s.change(id, requestID, gen.OperationUpdateUserLicenses, lid, func(v tenantView) (any, error) {
		if _, err := v.activeUser(lid); err != nil {
			return nil, err
		}
		assign, remove, err := s.checkLicenseUpdate(upd)
		if err != nil {
			return nil, err
		}
		held := v.t.licenses[lid]
		holds := func(sku string) int {
			return slices.IndexFunc(held, func(a assignment) bool { return a.sku == sku })
		}
		for _, a := range assign {
			if holds(a.sku) >= 0 {
				continue
			}
			if sku, _ := s.sku(a.sku); s.available(v, sku) < 1 {
				return nil, errOutOfLicenses
			}
		}
		warnings := []gen.LicenseWarning{}
		held = slices.Clone(held)
		for _, r := range remove {
			sku, _ := s.sku(r)
			i := holds(r)
			if i < 0 {
				warnings = append(warnings, licenseWarning(LicenseWarningNotAssigned, "The license to remove is not assigned to the user; nothing changed for it.", sku))
				continue
			}
			held = slices.Delete(held, i, i+1)
			v.t.consumed[r]--
		}
		for _, a := range assign {
			if i := holds(a.sku); i >= 0 {
				sku, _ := s.sku(a.sku)
				warnings = append(warnings, licenseWarning(LicenseWarningAlreadyAssigned, "The license is assigned to the user already; no unit was used, and its excluded plans are those of this request.", sku))
				held[i] = a
				continue
			}
			held = append(held, a)
			v.t.consumed[a.sku]++
		}
		if len(held) == 0 {
			delete(v.t.licenses, lid)
		} else {
			v.t.licenses[lid] = held
		}
		return gen.LicenseUpdate{
			LicensesToAssign: upd.LicensesToAssign,
			LicensesToRemove: upd.LicensesToRemove,
			LicenseWarnings:  warnings,
			Attributes:       &gen.ResourceAttributes{ObjectType: ptr(objectLicenseUpdate)},
		}, nil
	})
	if err != nil {
		return gen.LicenseUpdate{}, err
	}
	return answer.(gen.LicenseUpdate), nil
}

// checkLicenseUpdate checks a license change against the subscribed SKUs:
// every SKU known, none named twice, excluded plans among the SKU's, and
// all in one license group. It returns the assignments and the lowercase
// SKU IDs to remove.
func (s *store) checkLicenseUpdate(upd gen.LicenseUpdate) ([]assignment, []string, error) {
	if len(upd.LicensesToAssign) == 0 && len(upd.LicensesToRemove) == 0 {
		return nil, nil, invalidInput("Invalid request input: the request names no license to assign or remove.")
	}
	groups := map[string]bool{}
	seen := map[string]bool{}
	known := func(id string) (gen.SubscribedSku, error) {
		sku, ok := s.sku(strings.TrimSpace(id))
		if !ok {
			return sku, invalidInput("Invalid request input: %q is not the product SKU ID of a SKU the customer subscribes to (see listSubscribedSkus).", truncateUTF8(id, 100))
		}
		lid := strings.ToLower(derefOr(sku.ProductSku.ID, ""))
		if seen[lid] {
			return sku, invalidInput("Invalid request input: the SKU %s is named more than once.", lid)
		}
		seen[lid] = true
		groups[skuGroup(sku)] = true
		return sku, nil
	}
	var assign []assignment
	for _, a := range upd.LicensesToAssign {
		if derefOr(a.SkuID, "") == "" {
			return nil, nil, invalidInput("Invalid request input: a license to assign has no skuId.")
		}
		sku, err := known(*a.SkuID)
		if err != nil {
			return nil, nil, err
		}
		for _, plan := range a.ExcludedPlans {
			if !slices.ContainsFunc(sku.ServicePlans, func(p gen.ServicePlan) bool { return strings.EqualFold(derefOr(p.ID, ""), plan) }) {
				return nil, nil, invalidInput("Invalid request input: excluded plan %q is not a service plan of the SKU %s.", truncateUTF8(plan, 100), *a.SkuID)
			}
		}
		assign = append(assign, assignment{sku: strings.ToLower(*sku.ProductSku.ID), excluded: slices.Clone(a.ExcludedPlans)})
	}
	var remove []string
	for _, r := range upd.LicensesToRemove {
		sku, err := known(r)
		if err != nil {
			return nil, nil, err
		}
		remove = append(remove, strings.ToLower(*sku.ProductSku.ID))
	}
	if len(groups) > 1 {
		return nil, nil, invalidInput("Invalid request input: the licenses of one request must all belong to the same license group.")
	}
	return assign, remove, nil
}

// licenseWarning is a warning about a SKU, naming its service plans.
func licenseWarning(code, message string, sku gen.SubscribedSku) gen.LicenseWarning {
	plans := []string{}
	for _, p := range sku.ServicePlans {
		if name := derefOr(p.ServiceName, ""); name != "" {
			plans = append(plans, name)
		}
	}
	return gen.LicenseWarning{Code: ptr(code), Message: ptr(message), ServicePlans: plans}
}

// releaseLicenses frees the licenses of a user.
func (v tenantView) releaseLicenses(lid string) {
	for _, a := range v.t.licenses[lid] {
		v.t.consumed[a.sku]--
	}
	delete(v.t.licenses, lid)
}
