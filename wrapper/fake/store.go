package fake

import (
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
)

// maxReplays bounds how many update answers the store remembers for
// requests repeated with the same MS-RequestId.
const maxReplays = 1024

// store holds the fake's customers. Listing order is: the documented
// customers, then the generated ones, then customers added with
// Server.AddCustomer.
type store struct {
	mu         sync.RWMutex
	records    []*record           // documented customers, then added ones
	documented int                 // how many of records are documented
	index      map[string]int      // lowercase ID -> position in records
	domains    map[string]string   // lowercase domain -> ID, for records only
	generated  int                 // number of generated customers
	changed    map[int]*record     // generated customers whose state changed
	replays    replayCache[replay] // MS-RequestId of updates -> their answer
	version    uint64              // bumped by every update, feeds new ETags

	lifecycles map[string]*lifecycle     // lowercase ID -> agreements, qualifications, sandbox state
	creates    replayCache[createReplay] // MS-RequestId of creates -> their answer

	// Inside the customers' tenants (see tenant_store.go).
	extraUsers int                       // generated users of every tenant
	base       *tenant                   // what every tenant starts as; never changed
	tenants    map[string]*tenant        // lowercase customer ID -> its tenant, once something in it changed
	skus       []gen.SubscribedSku       // the SKUs every customer subscribes to, as documented
	roles      []gen.DirectoryRole       // the directory roles of every tenant
	changes    replayCache[changeReplay] // MS-RequestId of changes inside tenants -> their answer
	now        func() time.Time          // the clock of user deletions; tests set it with setClock
}

// replay is the remembered answer to an update.
type replay struct {
	customerID string
	profile    gen.CustomerBillingProfile
}

// errNotFound, errStaleETag and errExists are the outcomes handlers map to
// Partner Center errors.
var (
	errNotFound  = errors.New("customer not found")
	errStaleETag = errors.New("stale etag")
	errExists    = errors.New("customer already exists")
)

// newStore builds a store holding the documented customers and generated
// ones, each with the documented tenant and extraUsers generated users.
func newStore(seeds seedExamples, generated, extraUsers int) *store {
	s := &store{
		index:     map[string]int{},
		domains:   map[string]string{},
		generated: generated,
		changed:   map[int]*record{},
		replays:   newReplayCache[replay](),

		lifecycles: map[string]*lifecycle{},
		creates:    newReplayCache[createReplay](),

		extraUsers: extraUsers,
		base:       newBaseTenant(seeds.tenant, time.Now()),
		tenants:    map[string]*tenant{},
		skus:       seeds.tenant.skus,
		roles:      seeds.tenant.roles,
		changes:    newReplayCache[changeReplay](),
		now:        time.Now,
	}
	for _, r := range documentedRecords(seeds) {
		s.insert(r)
	}
	s.documented = len(s.records)
	return s
}

// documentedRecords builds the records of the documented customers.
func documentedRecords(seeds seedExamples) []*record {
	doc := &record{
		customer: seeds.customer,
		company:  seeds.company,
		billing:  seeds.billing,
		org:      seeds.organization,
	}
	doc.finish()

	contosoName, contosoDomain := "Contoso", "contoso.onmicrosoft.com"
	if p := seeds.contoso.CompanyProfile; p != nil {
		if p.CompanyName != nil {
			contosoName = *p.CompanyName
		}
		if p.Domain != nil {
			contosoDomain = *p.Domain
		}
	}
	contoso := synthesize(profileSpec{
		id:            ContosoCustomerID,
		name:          contosoName,
		domain:        contosoDomain,
		variant:       0,
		customDomains: []string{contosoDomain},
		relationship:  derefOr(seeds.contoso.RelationshipToPartner, gen.RelationshipToPartnerAdvisor),
	})
	return []*record{doc, contoso}
}

// insert appends r; the caller holds the write lock or owns the store.
func (s *store) insert(r *record) {
	s.index[strings.ToLower(r.id())] = len(s.records)
	s.records = append(s.records, r)
	for _, d := range r.domains() {
		if _, taken := s.domains[d]; !taken {
			s.domains[d] = r.id()
		}
	}
}

// add stores a new customer. It fails with errExists when the ID is taken.
func (s *store) add(r *record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.lookup(strings.ToLower(r.id())); ok {
		return errExists
	}
	s.insert(r)
	return nil
}

// total is the number of customers.
func (s *store) total() int { return len(s.records) + s.generated }

// at returns the customer at listing position pos; the caller holds a lock.
func (s *store) at(pos int) *record {
	switch {
	case pos < s.documented:
		return s.records[pos]
	case pos < s.documented+s.generated:
		i := pos - s.documented
		if r := s.changed[i]; r != nil {
			return r
		}
		return generatedRecord(i)
	default:
		return s.records[pos-s.generated]
	}
}

// get returns the customer with the given ID (any case).
func (s *store) get(id string) (*record, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lookup(strings.ToLower(id))
}

// lookup finds a customer by lowercase ID; the caller holds a lock.
func (s *store) lookup(id string) (*record, bool) {
	if pos, ok := s.index[id]; ok {
		return s.records[pos], true
	}
	i, ok := generatedIndex(id)
	if !ok || i >= s.generated {
		return nil, false
	}
	if r := s.changed[i]; r != nil {
		return r, true
	}
	return generatedRecord(i), true
}

// domainTaken reports whether any customer uses the domain (any case).
func (s *store) domainTaken(domain string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.domainTakenLocked(strings.ToLower(domain))
}

// domainTakenLocked is domainTaken for a lowercase domain; the caller holds a
// lock.
func (s *store) domainTakenLocked(domain string) bool {
	if _, ok := s.domains[domain]; ok {
		return true
	}
	i, ok := generatedDomainIndex(domain)
	return ok && i < s.generated
}

// search is a compiled customer search filter.
type search struct {
	field gen.CustomerSearchFilterField
	value string
}

// matches reports whether the customer at pos matches; the caller holds a lock.
func (s *store) matches(pos int, f *search) bool {
	if f == nil {
		return true
	}
	var value string
	if g := pos - s.documented; pos >= s.documented && g < s.generated {
		// Generated customers: compute only the field searched on.
		switch f.field {
		case gen.CustomerSearchFilterFieldCompanyName:
			value = generatedName(g)
		case gen.CustomerSearchFilterFieldDomain:
			value = generatedDomain(g)
		default:
			value = generatedPartnerID(g)
		}
	} else {
		r := s.at(pos)
		switch f.field {
		case gen.CustomerSearchFilterFieldCompanyName:
			value = derefOr(r.company.CompanyName, "")
		case gen.CustomerSearchFilterFieldDomain:
			value = derefOr(r.company.Domain, "")
		default:
			value = derefOr(r.customer.AssociatedPartnerID, "")
		}
	}
	return value != "" && hasPrefixFold(value, f.value)
}

// page is one page of a listing.
type page struct {
	items []*record
	next  int // position to continue from, or -1 when the listing is done
}

// list returns up to size customers matching f, starting at position from.
func (s *store) list(from, size int, f *search) page {
	s.mu.RLock()
	defer s.mu.RUnlock()
	total := s.total()
	p := page{next: -1}
	pos := max(from, 0)
	for ; pos < total && len(p.items) < size; pos++ {
		if s.matches(pos, f) {
			p.items = append(p.items, s.at(pos))
		}
	}
	for ; pos < total; pos++ {
		if s.matches(pos, f) {
			p.next = pos
			break
		}
	}
	return p
}

// updateBilling replaces the billing profile of customer id when ifMatch
// names its current ETag. A repeated request (same non-empty requestID for
// the same customer) gets the answer of the first one.
func (s *store) updateBilling(id, ifMatch, requestID string, body gen.CustomerBillingProfile) (gen.CustomerBillingProfile, error) {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.lookup(lid)
	if !ok {
		return gen.CustomerBillingProfile{}, errNotFound
	}
	if rp, ok := s.replays.get(requestID); ok && requestID != "" && rp.customerID == lid {
		return rp.profile, nil
	}
	if normalizeETag(ifMatch) != r.etag() {
		return gen.CustomerBillingProfile{}, errStaleETag
	}
	s.version++
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%s/%s/%d", lid, r.etag(), s.version)
	next := *r
	next.billing = body
	next.billing.ID = r.billing.ID
	next.billing.Attributes = &gen.ResourceAttributes{Etag: ptr(strconv.FormatInt(int64(h.Sum64()), 10))}
	next.finish()

	s.replaceLocked(lid, &next)
	if requestID != "" {
		s.replays.put(requestID, replay{customerID: lid, profile: next.billing})
	}
	return next.billing, nil
}

// normalizeETag strips a weak prefix and the quotes from an If-Match value.
func normalizeETag(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimPrefix(v, "W/")
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	return v
}

// hasPrefixFold reports whether s begins with prefix under Unicode simple
// case folding, without allocating.
func hasPrefixFold(s, prefix string) bool {
	for _, pr := range prefix {
		if s == "" {
			return false
		}
		sr, size := utf8.DecodeRuneInString(s)
		if sr != pr && !equalFoldRune(sr, pr) {
			return false
		}
		s = s[size:]
	}
	return true
}

// equalFoldRune reports whether a and b are equal under simple case folding.
func equalFoldRune(a, b rune) bool {
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// derefOr returns *p, or def when p is nil.
func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// isGUID is the GUID rule the wrapper, the fake and the command line share.
func isGUID(s string) bool { return check.GUID(s) }

// replayCache remembers the answers of the last maxReplays requests by
// MS-RequestId, forgetting the oldest first: a retry of a recent request
// always finds its answer.
type replayCache[V any] struct {
	m     map[string]V
	order []string // keys, oldest first
}

func newReplayCache[V any]() replayCache[V] {
	return replayCache[V]{m: map[string]V{}}
}

func (c *replayCache[V]) get(key string) (V, bool) {
	v, ok := c.m[key]
	return v, ok
}

func (c *replayCache[V]) put(key string, v V) {
	if _, ok := c.m[key]; !ok {
		if len(c.order) >= maxReplays {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
		c.order = append(c.order, key)
	}
	c.m[key] = v
}

// deleteFunc forgets the entries drop selects.
func (c *replayCache[V]) deleteFunc(drop func(V) bool) {
	c.order = slices.DeleteFunc(c.order, func(k string) bool {
		if drop(c.m[k]) {
			delete(c.m, k)
			return true
		}
		return false
	})
}
