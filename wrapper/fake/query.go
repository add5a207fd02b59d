package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The fake says no instead of guessing: a query parameter the operation
// does not declare, a parameter given twice, or a filter that is not the
// documented JSON document is refused with 400, so that a wrongly
// serialized search (filter[Field]=..., a form-encoded object, a typo in a
// key) never comes back as the unfiltered listing. The filter is parsed
// here rather than by kin-openapi, so the check does not depend on how the
// spec declares the parameter (a content-encoded object or a plain string).

// filterParam is the name of the search query parameter.
const filterParam = "filter"

// filterExample is the documented form of a search, quoted in refusals.
const filterExample = `{"Field":"CompanyName","Value":"Cont","Operator":"starts_with"}`

// Keys of the filter document.
const (
	filterKeyField    = "Field"
	filterKeyValue    = "Value"
	filterKeyOperator = "Operator"
)

// filterFields lists the fields a search may name, in the spec's order.
var filterFields = []gen.CustomerSearchFilterField{
	gen.CustomerSearchFilterFieldCompanyName,
	gen.CustomerSearchFilterFieldDomain,
	gen.CustomerSearchFilterFieldIndirectReseller,
	gen.CustomerSearchFilterFieldIndirectCloudSolutionProvider,
}

// userFilterExample is the documented filter of the user listing, the
// deleted users, quoted in refusals.
const userFilterExample = `{"Field":"UserState","Value":"Inactive","Operator":"equals"}`

// checkedQuery is what checkQuery found in a valid query string.
type checkedQuery struct {
	filter    *gen.CustomerSearchFilter // the search, nil when none was sent
	userState string                    // the user state listCustomerUsers' filter asks for, "" when none was sent
}

// queryKey is the context key of the checkedQuery of a request.
type queryKey struct{}

// searchFilter returns the search filter checkQuery read from the request
// of ctx, or nil.
func searchFilter(ctx context.Context) *gen.CustomerSearchFilter {
	q, _ := ctx.Value(queryKey{}).(checkedQuery)
	return q.filter
}

// userStateFilter returns the user state the filter of the user listing
// asks for (gen.UserStateActive or gen.UserStateInactive), or "".
func userStateFilter(ctx context.Context) string {
	q, _ := ctx.Value(queryKey{}).(checkedQuery)
	return q.userState
}

// checkQuery checks the query string of a request for op against the query
// parameters the spec declares, and parses the filter document.
func checkQuery(rawQuery string, op *openapi3.Operation, pathParams openapi3.Parameters) (checkedQuery, *apiError) {
	var out checkedQuery
	if rawQuery == "" {
		return out, nil
	}
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return out, invalidInput("Invalid request input: the query string is not valid URL encoding: %s.", firstLine(err.Error()))
	}
	declared := declaredQueryParams(op, pathParams)
	repeatable := arrayQueryParams(op, pathParams)
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !slices.Contains(declared, name) {
			return out, unknownQueryParam(name, op, declared)
		}
		if n := len(values[name]); n > 1 && !slices.Contains(repeatable, name) {
			return out, invalidInput("Invalid request input: query parameter %q is given %d times; send it once.", truncateUTF8(name, 100), n)
		}
	}
	if raw, ok := values[filterParam]; ok && slices.Contains(declared, filterParam) && op.OperationID == gen.OperationListCustomerUsers {
		state, err := parseUserFilter(raw[0])
		if err != nil {
			return out, invalidInput("Invalid request input: query parameter %q: %s; send it as one URL-encoded JSON document such as %s.",
				filterParam, err.Error(), userFilterExample)
		}
		out.userState = state
	} else if ok && slices.Contains(declared, filterParam) {
		f, err := parseFilter(raw[0])
		if err != nil {
			return out, invalidInput("Invalid request input: query parameter %q: %s; send it as one URL-encoded JSON document such as %s.",
				filterParam, err.Error(), filterExample)
		}
		out.filter = f
	}
	return out, nil
}

// declaredQueryParams lists the names of the query parameters of op and of
// its path item.
func declaredQueryParams(op *openapi3.Operation, pathParams openapi3.Parameters) []string {
	var names []string
	for _, params := range []openapi3.Parameters{pathParams, op.Parameters} {
		for _, ref := range params {
			if ref != nil && ref.Value != nil && ref.Value.In == openapi3.ParameterInQuery {
				names = append(names, ref.Value.Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// arrayQueryParams lists the names of the query parameters of op and of its
// path item that are arrays, which a request repeats (form style, exploded).
func arrayQueryParams(op *openapi3.Operation, pathParams openapi3.Parameters) []string {
	var names []string
	for _, params := range []openapi3.Parameters{pathParams, op.Parameters} {
		for _, ref := range params {
			if p := ref.Value; p != nil && p.In == openapi3.ParameterInQuery && p.Schema != nil && p.Schema.Value != nil &&
				p.Schema.Value.Type.Is(openapi3.TypeArray) {
				names = append(names, p.Name)
			}
		}
	}
	return names
}

// unknownQueryParam is the answer for a query parameter op does not declare.
func unknownQueryParam(name string, op *openapi3.Operation, declared []string) *apiError {
	shown := truncateUTF8(name, 100)
	if slices.Contains(declared, filterParam) && isFilterPart(name) {
		example := filterExample
		if op.OperationID == gen.OperationListCustomerUsers {
			example = userFilterExample
		}
		return invalidInput("Invalid request input: unknown query parameter %q; send filter as one URL-encoded JSON document such as %s.",
			shown, example)
	}
	if len(declared) == 0 {
		return invalidInput("Invalid request input: unknown query parameter %q; %s takes no query parameters.", shown, op.OperationID)
	}
	return invalidInput("Invalid request input: unknown query parameter %q; %s takes only %s.", shown, op.OperationID, strings.Join(declared, ", "))
}

// isFilterPart reports whether name is a piece of a filter object that a
// client serialized as several parameters: filter[Field], filter.Value,
// Field, Operator, ...
func isFilterPart(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, filterParam+"[") || strings.HasPrefix(lower, filterParam+".") {
		return true
	}
	for _, key := range []string{filterKeyField, filterKeyValue, filterKeyOperator} {
		if strings.EqualFold(name, key) {
			return true
		}
	}
	return false
}

// parseFilter reads the filter document: a JSON object with exactly the
// keys Field (a known field), Value (a non-empty string) and Operator
// (starts_with). The error says what is wrong, without repeating the value.
func parseFilter(s string) (*gen.CustomerSearchFilter, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var doc map[string]json.RawMessage
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return nil, errors.New("it is not a JSON object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("it holds more than one JSON document")
	}
	keys := []string{filterKeyField, filterKeyValue, filterKeyOperator}
	for key := range doc {
		if !slices.Contains(keys, key) {
			return nil, fmt.Errorf("unknown key %q in the document (the keys are Field, Value and Operator, in that case)", truncateUTF8(key, 100))
		}
	}
	str := make(map[string]string, len(keys))
	for _, key := range keys {
		raw, ok := doc[key]
		if !ok {
			return nil, fmt.Errorf("the document lacks %s", key)
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return nil, fmt.Errorf("%s must be a JSON string", key)
		}
		str[key] = v
	}
	field := gen.CustomerSearchFilterField(str[filterKeyField])
	if !field.Valid() {
		names := make([]string, len(filterFields))
		for i, f := range filterFields {
			names[i] = string(f)
		}
		return nil, fmt.Errorf("unknown Field %q (use %s)", truncateUTF8(string(field), 100), strings.Join(names, ", "))
	}
	op := gen.CustomerSearchFilterOperator(str[filterKeyOperator])
	if !op.Valid() {
		return nil, fmt.Errorf("unknown Operator %q (the only operator is %s)", truncateUTF8(string(op), 100), gen.CustomerSearchFilterOperatorStartsWith)
	}
	if strings.TrimSpace(str[filterKeyValue]) == "" {
		return nil, errors.New("the Value is empty")
	}
	return &gen.CustomerSearchFilter{Field: field, Value: str[filterKeyValue], Operator: op}, nil
}

// User filter documents: the field and operator the spec allows.
const (
	userFilterField    = "UserState"
	userFilterOperator = "equals"
)

// parseUserFilter reads the filter of the user listing: a JSON object with
// exactly the keys Field (UserState), Value (Inactive or Active, any case)
// and Operator (equals). It returns the user state asked for.
func parseUserFilter(s string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	var doc map[string]json.RawMessage
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return "", errors.New("it is not a JSON object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", errors.New("it holds more than one JSON document")
	}
	keys := []string{filterKeyField, filterKeyValue, filterKeyOperator}
	for key := range doc {
		if !slices.Contains(keys, key) {
			return "", fmt.Errorf("unknown key %q in the document (the keys are Field, Value and Operator, in that case)", truncateUTF8(key, 100))
		}
	}
	str := make(map[string]string, len(keys))
	for _, key := range keys {
		raw, ok := doc[key]
		if !ok {
			return "", fmt.Errorf("the document lacks %s", key)
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return "", fmt.Errorf("%s must be a JSON string", key)
		}
		str[key] = v
	}
	if f := str[filterKeyField]; f != userFilterField {
		return "", fmt.Errorf("unknown Field %q (the only field is %s)", truncateUTF8(f, 100), userFilterField)
	}
	if o := str[filterKeyOperator]; o != userFilterOperator {
		return "", fmt.Errorf("unknown Operator %q (the only operator is %s)", truncateUTF8(o, 100), userFilterOperator)
	}
	switch v := strings.TrimSpace(str[filterKeyValue]); {
	case strings.EqualFold(v, gen.UserStateInactive):
		return gen.UserStateInactive, nil
	case strings.EqualFold(v, gen.UserStateActive):
		return gen.UserStateActive, nil
	default:
		return "", fmt.Errorf("unknown Value %q (Inactive lists the deleted users, Active those in use)", truncateUTF8(v, 100))
	}
}
