package fake

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// What the store keeps inside each customer's tenant: its user accounts,
// the licenses they hold, the members of its directory roles and its
// subscriptions. Every tenant starts as the same documented tenant (the
// base, built from the spec's examples, see tenantSeeds) plus
// Options.ExtraUsers generated users; a tenant gets state of its own only
// when something in it changes, so 100,000 customers with 10,000 users
// each cost no memory until they are changed.

// DeletedUserRetention is how long a deleted user account stays inactive,
// listed by the deleted-users filter and restorable, before the fake purges
// it: the 30 days of the reference pages.
const DeletedUserRetention = 30 * 24 * time.Hour

// Outcomes of changes inside a tenant, mapped to Partner Center answers by
// tenantFault.
var (
	errUserNotFound         = errors.New("user not found")
	errUserDeleted          = errors.New("user is deleted")
	errUserNameTaken        = errors.New("user principal name taken")
	errRoleNotFound         = errors.New("directory role not found")
	errNotMember            = errors.New("user does not hold the role")
	errSubscriptionNotFound = errors.New("subscription not found")
	errOrderNotFound        = errors.New("order not found")
	errPartnerNotFound      = errors.New("partner not found")
)

// tenant is the state of one customer's tenant.
type tenant struct {
	users      []*userRec              // documented users, then created ones
	documented int                     // how many of users are documented; generated users are listed after them
	index      map[string]int          // lowercase user ID -> position in users
	generated  map[int]*userRec        // generated users that changed
	licenses   map[string][]assignment // lowercase user ID -> its licenses, in the order assigned
	consumed   map[string]int32        // lowercase SKU ID -> units assigned through the fake
	members    map[string][]string     // lowercase role ID -> lowercase IDs of its members, in the order added
	subs       []*subRec               // the subscriptions, in listing order
}

// newBaseTenant builds the documented tenant every customer starts as.
// Documented users whose state is inactive count as deleted at start.
func newBaseTenant(seeds tenantSeeds, start time.Time) *tenant {
	t := &tenant{
		index:     map[string]int{},
		generated: map[int]*userRec{},
		licenses:  map[string][]assignment{},
		consumed:  map[string]int32{},
		members:   map[string][]string{},
	}
	for _, u := range seeds.users {
		rec := &userRec{user: u}
		if derefOr(u.State, gen.UserStateActive) == gen.UserStateInactive {
			// The documented deletion lies years back, beyond the
			// retention: the fake counts the account as deleted when it
			// starts, so it can still be listed and restored.
			rec.deletedAt = start
		}
		rec.user.State, rec.user.SoftDeletionTime, rec.user.Links, rec.user.Attributes = nil, nil, nil, nil
		rec.user.PasswordProfile = nil
		t.addUser(rec)
	}
	t.documented = len(t.users)
	for _, sub := range seeds.subscriptions {
		t.subs = append(t.subs, newSubRec(sub))
	}
	return t
}

// clone returns a copy of t that can be changed without changing t. Users
// and subscriptions are immutable records, so sharing them is safe.
func (t *tenant) clone() *tenant {
	c := &tenant{
		users:      slices.Clone(t.users),
		documented: t.documented,
		index:      maps.Clone(t.index),
		generated:  maps.Clone(t.generated),
		licenses:   make(map[string][]assignment, len(t.licenses)),
		consumed:   maps.Clone(t.consumed),
		members:    make(map[string][]string, len(t.members)),
		subs:       slices.Clone(t.subs),
	}
	for k, v := range t.licenses {
		c.licenses[k] = slices.Clone(v)
	}
	for k, v := range t.members {
		c.members[k] = slices.Clone(v)
	}
	return c
}

// addUser appends a documented or created user.
func (t *tenant) addUser(u *userRec) {
	t.index[u.lid()] = len(t.users)
	t.users = append(t.users, u)
}

// tenantView is a tenant as one request sees it: with the customer it belongs to,
// the number of generated users and the time.
type tenantView struct {
	t        *tenant
	customer string // the customer ID as stored
	domain   string // the customer's default domain, for generated users
	country  string // the customer's country, generated users' usage location
	extra    int    // generated users
	now      time.Time
}

// viewLocked returns the tenant of customer lid for reading, or for
// changing when change is set (then the caller holds the write lock and the
// tenant gets state of its own); else the caller holds a lock. A customer
// the partner has no relationship with any more is refused.
func (s *store) viewLocked(lid string, change bool) (tenantView, error) {
	r, ok := s.lookup(lid)
	if !ok {
		return tenantView{}, errNotFound
	}
	if r.relationship() == gen.RelationshipToPartnerNone {
		return tenantView{}, errNoRelationship
	}
	t := s.tenants[lid]
	if t == nil {
		t = s.base
		if change {
			t = s.base.clone()
			s.tenants[lid] = t
		}
	}
	v := tenantView{t: t, customer: r.id(), domain: derefOr(r.company.Domain, ""), country: "US", extra: s.extraUsers, now: s.now()}
	if a := r.company.Address; a != nil && derefOr(a.Country, "") != "" {
		v.country = strings.ToUpper(*a.Country)
	}
	return v, nil
}

// read runs f on the tenant of customer id under the read lock.
func (s *store) read(id string, f func(v tenantView) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, err := s.viewLocked(strings.ToLower(id), false)
	if err != nil {
		return err
	}
	return f(v)
}

// change runs f on the tenant of customer id under the write lock. A
// request repeated with the same non-empty requestID for the same operation
// and target gets the first answer instead, without running f again: a
// client's retry after a lost answer changes nothing twice.
func (s *store) change(id, requestID, op, target string, f func(v tenantView) (any, error)) (any, error) {
	lid := strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.viewLocked(lid, true)
	if err != nil {
		return nil, err
	}
	key := strings.ToLower(requestID)
	if rp, ok := s.changes.get(key); ok && key != "" && rp.op == op && rp.customer == lid && rp.target == target {
		return rp.answer, nil
	}
	answer, err := f(v)
	if err == nil && key != "" {
		s.changes.put(key, changeReplay{op: op, customer: lid, target: target, answer: answer})
	}
	return answer, err
}

// changeReplay is the remembered answer to a change inside a tenant.
type changeReplay struct {
	op, customer, target string
	answer               any
}

// setClock replaces the store's clock, for tests of the retention.
func (s *store) setClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// dropTenant forgets the tenant of a deleted customer; the caller holds the
// write lock.
func (s *store) dropTenant(lid string) {
	delete(s.tenants, lid)
	s.changes.deleteFunc(func(rp changeReplay) bool { return rp.customer == lid })
}

// subRec is one subscription as the store keeps it. It is never changed
// after it is built; a change stores a new record.
type subRec struct {
	sub     gen.Subscription // without links.self and attributes, which view adds
	links   gen.SubscriptionLinks
	version int // the ETag's version; 0 for a subscription without ETag
	object  string
}

// newSubRec builds the record of a documented subscription. A documented
// ETag of the service's form (base64 of {"id":...,"version":N}) keeps its
// version; any other documented ETag, placeholders included, starts at
// version 1; a subscription documented without ETag (new commerce) has
// none.
func newSubRec(sub gen.Subscription) *subRec {
	rec := &subRec{sub: sub, object: "Subscription"}
	if sub.Links != nil {
		rec.links = *sub.Links
	}
	if a := sub.Attributes; a != nil {
		rec.object = derefOr(a.ObjectType, rec.object)
		if etag := derefOr(a.Etag, ""); etag != "" {
			rec.version = 1
			var doc struct {
				ID      string `json:"id"`
				Version int    `json:"version"`
			}
			if raw, err := base64.StdEncoding.DecodeString(etag); err == nil && json.Unmarshal(raw, &doc) == nil &&
				strings.EqualFold(doc.ID, derefOr(sub.ID, "")) && doc.Version > 0 {
				rec.version = doc.Version
			}
		}
	}
	rec.sub.Links, rec.sub.Attributes = nil, nil
	return rec
}

// lid is the subscription's ID in lowercase.
func (r *subRec) lid() string { return strings.ToLower(derefOr(r.sub.ID, "")) }

// etag is the subscription's current ETag, "" for none.
func (r *subRec) etag() string {
	if r.version == 0 {
		return ""
	}
	raw, _ := json.Marshal(struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}{r.lid(), r.version})
	return base64.StdEncoding.EncodeToString(raw)
}

// view is the subscription as customer's answers show it: its self link
// (and its parent's) under the customer, and its ETag.
func (r *subRec) view(customer string) gen.Subscription {
	s := r.sub
	links := r.links
	base := customerLinkPrefix + customer + subscriptionsSuffix + "/"
	links.Self = &gen.Link{URI: ptr(base + derefOr(s.ID, "")), Method: ptr(linkMethodGet), Headers: []gen.KeyValuePair{}}
	if p := derefOr(s.ParentSubscriptionID, ""); p != "" {
		links.ParentSubscription = &gen.Link{URI: ptr(base + p), Method: ptr(linkMethodGet), Headers: []gen.KeyValuePair{}}
	}
	s.Links = &links
	s.Attributes = &gen.ResourceAttributes{ObjectType: ptr(r.object)}
	if etag := r.etag(); etag != "" {
		s.Attributes.Etag = ptr(etag)
	}
	return s
}
