package fake

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Generated users, like generated customers, are never stored: every field
// is a pure function of the user's index and of the customer's default
// domain and country, so Options.ExtraUsers costs no memory until a user is
// changed (updated or deleted).

// MaxExtraUsers is the largest Options.ExtraUsers.
const MaxExtraUsers = 999_999

const (
	// generatedUserIDMiddle is the fixed middle of every generated user ID.
	generatedUserIDMiddle = "-0000-4000-9000-"
	// generatedUserSalt keeps generated user IDs apart from customer IDs.
	generatedUserSalt = 0x5553455253 // "USERS"
	// generatedUserPrefix starts the sign-in name of every generated user.
	generatedUserPrefix = "user"
)

// GeneratedUserID returns the ID of generated user i (0-based, below
// Options.ExtraUsers; "" for a negative i or one beyond MaxExtraUsers).
// Every customer has the same generated users, listed after the documented
// ones: user i signs in as "user" and its 1-based number in six digits at
// the customer's default domain, such as user000001@contoso.onmicrosoft.com.
func GeneratedUserID(i int) string {
	if i < 0 || i >= MaxExtraUsers {
		return ""
	}
	return generatedUserID(i)
}

// generatedUserID returns the ID of generated user i: a hash of i, the
// fixed middle, and i itself, so it parses back to its index.
func generatedUserID(i int) string {
	return fmt.Sprintf("%08x%s%012x", uint32(splitmix64(uint64(i)^generatedUserSalt)), generatedUserIDMiddle, i)
}

// generatedUserIndex parses an ID made by generatedUserID. id must be
// lowercase.
func generatedUserIndex(id string) (int, bool) {
	if len(id) != 36 || id[8:24] != generatedUserIDMiddle {
		return 0, false
	}
	i, err := strconv.ParseUint(id[24:], 16, 48)
	if err != nil || i >= MaxExtraUsers {
		return 0, false
	}
	return int(i), generatedUserID(int(i)) == id
}

// generatedUserName is the sign-in name of generated user i at domain.
func generatedUserName(i int, domain string) string {
	return fmt.Sprintf("%s%06d@%s", generatedUserPrefix, i+1, domain)
}

// generatedUserNameIndex reports which generated user signs in as upn
// (lowercase) at the lowercase domain.
func generatedUserNameIndex(upn, domain string) (int, bool) {
	local, ok := strings.CutSuffix(upn, "@"+domain)
	if !ok {
		return 0, false
	}
	digits, ok := strings.CutPrefix(local, generatedUserPrefix)
	if !ok || len(digits) != 6 {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0, false
	}
	return n - 1, true
}

// generatedUser builds generated user i of a customer with the given default
// domain and country.
func generatedUser(i int, domain, country string) *userRec {
	first := firstNames[i%len(firstNames)]
	last := lastNames[(i/len(firstNames))%len(lastNames)]
	return &userRec{user: gen.CustomerUser{
		ID:                ptr(generatedUserID(i)),
		UsageLocation:     ptr(country),
		UserPrincipalName: ptr(generatedUserName(i, domain)),
		FirstName:         ptr(first),
		LastName:          ptr(last),
		DisplayName:       ptr(first + " " + last),
		UserDomainType:    ptr(gen.UserDomainTypeNone),
	}}
}
