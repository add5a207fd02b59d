package fake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strconv"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Page sizes of the list operation.
const (
	// DefaultPageSize is the page length when a request sends no size or 0.
	DefaultPageSize = 200
	// MaxPageSize is the longest page the fake returns; larger sizes are cut.
	MaxPageSize = 500
)

// LinkForm chooses how links.next.uri is written.
type LinkForm int

const (
	// LinkUnversioned writes next links without the version segment,
	// "/customers?size=N&seekOperation=Next", as the documentation shows.
	LinkUnversioned LinkForm = iota
	// LinkVersioned writes next links with it, "/v1/customers?...", as the
	// service sometimes does.
	LinkVersioned
)

// String names the form.
func (f LinkForm) String() string {
	switch f {
	case LinkUnversioned:
		return "unversioned"
	case LinkVersioned:
		return "versioned"
	default:
		return "LinkForm(" + strconv.Itoa(int(f)) + ")"
	}
}

// cursor is what a continuation token carries: where the next page starts
// and the search the listing runs. List and Scope tell the listings apart:
// "" for customers, or a listing inside one customer's tenant (listUsers,
// listDeletedUsers, listRoleMembers) with the customer (and role) it lists
// as Scope, so a token is only good for the listing that issued it.
type cursor struct {
	Version int    `json:"v"`
	Pos     int    `json:"p"`
	Field   string `json:"f,omitempty"`
	Value   string `json:"q,omitempty"`
	List    string `json:"l,omitempty"`
	Scope   string `json:"s,omitempty"`
}

// The listings inside a tenant that page.
const (
	listUsers        = "users"
	listDeletedUsers = "deleted-users"
	listRoleMembers  = "role-members"
)

// errBadToken is returned for a token the fake did not issue.
var errBadToken = errors.New("continuation token is not valid")

// tokenMACLen is how many bytes of HMAC protect a token.
const tokenMACLen = 8

// encodeToken makes an opaque token for c, signed with key so that a
// token from another fake, or an edited one, is refused.
func encodeToken(key []byte, c cursor) string {
	c.Version = 1
	raw, _ := json.Marshal(c) // a struct of ints and strings always encodes
	mac := hmac.New(sha256.New, key)
	mac.Write(raw)
	return base64.StdEncoding.EncodeToString(append(mac.Sum(nil)[:tokenMACLen], raw...))
}

// decodeToken reverses encodeToken.
func decodeToken(key []byte, token string) (cursor, error) {
	var c cursor
	data, err := base64.StdEncoding.DecodeString(token)
	if err != nil || len(data) <= tokenMACLen {
		return c, errBadToken
	}
	sum, raw := data[:tokenMACLen], data[tokenMACLen:]
	mac := hmac.New(sha256.New, key)
	mac.Write(raw)
	if !hmac.Equal(sum, mac.Sum(nil)[:tokenMACLen]) {
		return c, errBadToken
	}
	if err := json.Unmarshal(raw, &c); err != nil || c.Version != 1 || c.Pos < 0 {
		return c, errBadToken
	}
	if c.Field != "" && (c.List != "" || !gen.CustomerSearchFilterField(c.Field).Valid()) {
		return c, errBadToken
	}
	return c, nil
}

// pageSize is the page length a request asks for: DefaultPageSize without
// size or with 0, at most MaxPageSize.
func pageSize(size *int32) int {
	if size == nil || *size <= 0 {
		return DefaultPageSize
	}
	return min(int(*size), MaxPageSize)
}

// tenantCursor reads the paging parameters of a listing inside a tenant:
// the first page, or with seekOperation=Next the page a continuation token
// of the same listing (list and scope) names. The cursor's List tells which
// listing the token continues: for users, the active or the deleted ones.
func (a *api) tenantCursor(seek *gen.SeekOperation, token *string, lists []string, scope string) (cursor, error) {
	tok := derefOr(token, "")
	switch derefOr(seek, "") {
	case "":
		if tok != "" {
			return cursor{}, invalidInput("Invalid request input: the MS-ContinuationToken header is only read with seekOperation=Next.")
		}
		return cursor{}, nil
	case gen.SeekOperationFirst:
		return cursor{}, nil
	case gen.SeekOperationNext:
		if tok == "" {
			return cursor{}, invalidInput("Invalid request input: seekOperation=Next needs the MS-ContinuationToken header given in links.next.headers.")
		}
		c, err := decodeToken(a.tokenKey, tok)
		if err != nil || !slices.Contains(lists, c.List) || c.Scope != scope {
			return cursor{}, invalidInput("Invalid request input: the continuation token is not valid for this listing.")
		}
		return c, nil
	default:
		return cursor{}, invalidInput("Invalid request input: the fake does not support seekOperation=%s; follow links.next.", *seek)
	}
}

// search returns the search a cursor carries, or nil.
func (c cursor) search() *search {
	if c.Field == "" {
		return nil
	}
	return &search{field: gen.CustomerSearchFilterField(c.Field), value: c.Value}
}

// listLinks builds the links of a page of customers: self, and next when
// more remain.
func listLinks(form LinkForm, size int, filter *gen.CustomerSearchFilter, nextToken string) *gen.ResourceLinks {
	q := url.Values{}
	q.Set("size", strconv.Itoa(size))
	if filter != nil {
		if raw, err := json.Marshal(filter); err == nil {
			q.Set("filter", string(raw))
		}
	}
	return pageLinks(form, customersPath, q, "size="+strconv.Itoa(size)+"&", nextToken)
}

// pageLinks builds the links of a page of the listing at path (without the
// version segment): self with the query self, and next, when nextToken is
// not empty, with the query nextQuery (ending in "&" when not empty)
// followed by seekOperation=Next and the token in the header the link
// names.
func pageLinks(form LinkForm, path string, self url.Values, nextQuery, nextToken string) *gen.ResourceLinks {
	prefix := path
	if form == LinkVersioned {
		prefix = "/" + apiVersion + path
	}
	selfURI := prefix
	if len(self) > 0 {
		selfURI += "?" + self.Encode()
	}
	links := &gen.ResourceLinks{Self: &gen.Link{
		URI:     ptr(selfURI),
		Method:  ptr(linkMethodGet),
		Headers: []gen.KeyValuePair{},
	}}
	if nextToken != "" {
		links.Next = &gen.Link{
			URI:     ptr(prefix + "?" + nextQuery + "seekOperation=" + string(gen.SeekOperationNext)),
			Method:  ptr(linkMethodGet),
			Headers: []gen.KeyValuePair{{Key: ptr(continuationHeaderKey), Value: ptr(nextToken)}},
		}
	}
	return links
}
