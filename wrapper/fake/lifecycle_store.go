package fake

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// What the store keeps for the customer lifecycle operations: customers made
// through createCustomer (the integration sandbox's customers, the only ones
// deleteCustomer removes), the answers to creates by MS-RequestId, and the
// agreements and qualifications of each customer.

// Outcomes of lifecycle changes, mapped to Partner Center errors by the
// handlers.
// A refusal is the spec's (x-refusals), named after gen's table.
var (
	errRequestIDReused        = errors.New("request ID reused for another customer")
	errDomainTaken            = &storeRefusal{gen.RefusalDomainTaken}
	errNotSandbox             = &storeRefusal{gen.RefusalNotSandbox}
	errUndeletable            = &storeRefusal{gen.RefusalDeleteRefused}
	errNoRelationship         = &storeRefusal{gen.RefusalNoRelationship}
	errNoResellerRelationship = &storeRefusal{gen.RefusalNotReseller}
	errAgreementExists        = &storeRefusal{gen.RefusalAgreementAlreadyConfirmed}
	errQualificationExists    = &storeRefusal{gen.RefusalQualificationExists}
)

// storeRefusal is a change the store refuses as the spec's refusal name.
type storeRefusal struct{ name string }

func (e *storeRefusal) Error() string { return "refused: " + e.name }

// lifecycle is what the store knows about a customer beyond its record.
type lifecycle struct {
	sandbox        bool // made through createCustomer
	verified       bool // its address verified when it was created
	agreements     []gen.Agreement
	qualifications []*qualification
}

// qualification is one requested qualification and its vetting.
type qualification struct {
	name      string
	created   time.Time
	vetted    bool   // Education and GCC are vetted; StateOwnedEntity is not
	outcome   string // the vetting status once vetting ends
	reason    string // the reason sent with Denied
	readsLeft int    // list reads that still show InReview
}

// createReplay is the remembered answer to a create.
type createReplay struct {
	customerID string
	domain     string
	answer     gen.CreatedCustomer
}

// relationship returns the customer's relationship to the partner.
func (r *record) relationship() gen.RelationshipToPartner {
	return derefOr(r.customer.RelationshipToPartner, gen.RelationshipToPartnerReseller)
}

// createCustomer stores r, made for the request requestID with the given
// default domain, unless the request was seen before (then the first answer
// is returned) or the domain is taken.
func (s *store) createCustomer(requestID, domain string, r *record, answer gen.CreatedCustomer, verified bool) (gen.CreatedCustomer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rp, ok := s.creates.get(requestID); ok && requestID != "" {
		if !strings.EqualFold(rp.domain, domain) {
			return gen.CreatedCustomer{}, errRequestIDReused
		}
		return rp.answer, nil
	}
	if s.domainTakenLocked(strings.ToLower(domain)) {
		return gen.CreatedCustomer{}, errDomainTaken
	}
	if _, ok := s.lookup(strings.ToLower(r.id())); ok {
		return gen.CreatedCustomer{}, errExists
	}
	s.insert(r)
	s.lifecycles[strings.ToLower(r.id())] = &lifecycle{sandbox: true, verified: verified}
	if requestID != "" {
		s.creates.put(requestID, createReplay{customerID: strings.ToLower(r.id()), domain: domain, answer: answer})
	}
	return answer, nil
}

// deleteCustomer removes a customer made through createCustomer.
func (s *store) deleteCustomer(id string) error {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.lookup(lid)
	if !ok {
		return errNotFound
	}
	lc := s.lifecycles[lid]
	switch {
	case lc == nil || !lc.sandbox:
		return errNotSandbox
	case r.relationship() == gen.RelationshipToPartnerNone:
		return errNoRelationship
	case !lc.verified:
		return errUndeletable
	}
	pos := s.index[lid]
	s.records = slices.Delete(s.records, pos, pos+1)
	delete(s.index, lid)
	for i := pos; i < len(s.records); i++ {
		s.index[strings.ToLower(s.records[i].id())] = i
	}
	for d, owner := range s.domains {
		if strings.EqualFold(owner, id) {
			delete(s.domains, d)
		}
	}
	delete(s.lifecycles, lid)
	s.dropTenant(lid)
	s.creates.deleteFunc(func(rp createReplay) bool { return rp.customerID == lid })
	return nil
}

// removeRelationship sets the customer's relationship to none. A customer
// already at none is left as it is; one with another relationship than
// reseller has no reseller relationship to remove.
func (s *store) removeRelationship(id string) (*record, error) {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.lookup(lid)
	if !ok {
		return nil, errNotFound
	}
	switch r.relationship() {
	case gen.RelationshipToPartnerNone:
		return r, nil
	case gen.RelationshipToPartnerReseller:
	default:
		return nil, errNoResellerRelationship
	}
	next := *r
	next.customer.RelationshipToPartner = ptr(gen.RelationshipToPartnerNone)
	s.replaceLocked(lid, &next)
	return &next, nil
}

// replaceLocked stores next in place of the customer lid; the caller holds
// the write lock.
func (s *store) replaceLocked(lid string, next *record) {
	if pos, ok := s.index[lid]; ok {
		s.records[pos] = next
	} else if i, ok := generatedIndex(lid); ok {
		s.changed[i] = next
	}
}

// lifecycleLocked returns the lifecycle state of a customer, creating it; the
// caller holds the write lock.
func (s *store) lifecycleLocked(lid string) *lifecycle {
	lc := s.lifecycles[lid]
	if lc == nil {
		lc = &lifecycle{}
		s.lifecycles[lid] = lc
	}
	return lc
}

// writable finds a customer the partner still has a relationship with; the
// caller holds the write lock.
func (s *store) writable(lid string) (*lifecycle, error) {
	r, ok := s.lookup(lid)
	if !ok {
		return nil, errNotFound
	}
	if r.relationship() == gen.RelationshipToPartnerNone {
		return nil, errNoRelationship
	}
	return s.lifecycleLocked(lid), nil
}

// addAgreement records a confirmed agreement. A confirmation of the same type
// with the same contact as an earlier one is refused.
func (s *store) addAgreement(id string, a gen.Agreement) error {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	lc, err := s.writable(lid)
	if err != nil {
		return err
	}
	for _, old := range lc.agreements {
		if derefOr(old.Type, "") == derefOr(a.Type, "") && sameContact(old.PrimaryContact, a.PrimaryContact) {
			return errAgreementExists
		}
	}
	lc.agreements = append(lc.agreements, a)
	return nil
}

// sameContact reports whether two agreement contacts are the same person with
// the same details.
func sameContact(a, b *gen.AgreementContact) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.FirstName == b.FirstName && a.LastName == b.LastName &&
		strings.EqualFold(a.Email, b.Email) && derefOr(a.PhoneNumber, "") == derefOr(b.PhoneNumber, "")
}

// agreements lists a customer's confirmed agreements.
func (s *store) agreements(id string) ([]gen.Agreement, error) {
	lid := strings.ToLower(id)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.lookup(lid); !ok {
		return nil, errNotFound
	}
	lc := s.lifecycles[lid]
	if lc == nil {
		return nil, nil
	}
	return slices.Clone(lc.agreements), nil
}

// addQualification records a qualification request. Asking again for a
// qualification the customer has (or is being vetted for) is refused; a
// denied one may be asked for again.
func (s *store) addQualification(id string, q *qualification) error {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	lc, err := s.writable(lid)
	if err != nil {
		return err
	}
	for i, old := range lc.qualifications {
		if !strings.EqualFold(old.name, q.name) {
			continue
		}
		if old.vetted && old.readsLeft == 0 && old.outcome == vettingDenied {
			lc.qualifications = slices.Delete(lc.qualifications, i, i+1)
			break
		}
		return errQualificationExists
	}
	lc.qualifications = append(lc.qualifications, q)
	return nil
}

// qualifications lists a customer's qualifications as a read sees them. Each
// read moves the vetting of requests along: a request shows InReview in the
// create answer and on the next read, and its outcome on every read after.
func (s *store) qualifications(id string) ([]gen.CustomerQualification, error) {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.lookup(lid); !ok {
		return nil, errNotFound
	}
	out := gen.CustomerQualificationList{}
	lc := s.lifecycles[lid]
	if lc == nil {
		return out, nil
	}
	for _, q := range lc.qualifications {
		out = append(out, q.listed())
		if q.readsLeft > 0 {
			q.readsLeft--
		}
	}
	return out, nil
}

// Vetting statuses, as the service spells them.
const (
	vettingInReview = "InReview"
	vettingApproved = "Approved"
	vettingDenied   = "Denied"
)

// status is the vetting status a read shows now, "" for none.
func (q *qualification) status() string {
	switch {
	case !q.vetted:
		return ""
	case q.readsLeft > 0:
		return vettingInReview
	default:
		return q.outcome
	}
}

// answer is the qualification as the create answer shows it.
func (q *qualification) answer() gen.CustomerQualification {
	c := gen.CustomerQualification{Qualification: ptr(q.name)}
	if st := q.status(); st != "" {
		c.VettingStatus = ptr(st)
		c.VettingCreateDate = ptr(q.created.UTC().Format(time.RFC3339))
	}
	return c
}

// listed is the qualification as the list shows it, with the list page's
// spelling of the date.
func (q *qualification) listed() gen.CustomerQualification {
	c := gen.CustomerQualification{Qualification: ptr(q.name)}
	if st := q.status(); st != "" {
		c.VettingStatus = ptr(st)
		c.VettingCreatedDate = ptr(q.created.UTC().Format(time.RFC3339))
		if st == vettingDenied && q.reason != "" {
			c.VettingReason = ptr(q.reason)
		}
	}
	return c
}
