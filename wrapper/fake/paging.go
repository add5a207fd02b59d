package fake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
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
// and the search the listing runs.
type cursor struct {
	Version int    `json:"v"`
	Pos     int    `json:"p"`
	Field   string `json:"f,omitempty"`
	Value   string `json:"q,omitempty"`
}

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
	if c.Field != "" && !gen.CustomerSearchFilterField(c.Field).Valid() {
		return c, errBadToken
	}
	return c, nil
}

// search returns the search a cursor carries, or nil.
func (c cursor) search() *search {
	if c.Field == "" {
		return nil
	}
	return &search{field: gen.CustomerSearchFilterField(c.Field), value: c.Value}
}

// listLinks builds the links of a page: self, and next when more remain.
func listLinks(form LinkForm, size int, filter *gen.CustomerSearchFilter, nextToken string) *gen.ResourceLinks {
	prefix := customersPath
	if form == LinkVersioned {
		prefix = "/" + apiVersion + customersPath
	}
	q := url.Values{}
	q.Set("size", strconv.Itoa(size))
	if filter != nil {
		if raw, err := json.Marshal(filter); err == nil {
			q.Set("filter", string(raw))
		}
	}
	links := &gen.ResourceLinks{Self: &gen.Link{
		URI:     ptr(prefix + "?" + q.Encode()),
		Method:  ptr(linkMethodGet),
		Headers: []gen.KeyValuePair{},
	}}
	if nextToken != "" {
		links.Next = &gen.Link{
			URI:     ptr(prefix + "?size=" + strconv.Itoa(size) + "&seekOperation=" + string(gen.SeekOperationNext)),
			Method:  ptr(linkMethodGet),
			Headers: []gen.KeyValuePair{{Key: ptr(continuationHeaderKey), Value: ptr(nextToken)}},
		}
	}
	return links
}
