package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// threeMistakes is the example input file with a misspelt field, a postal
// code given as a number and a three-letter country code.
func threeMistakes(t *testing.T) string {
	return customerFile(t,
		`"firstName": "Ada",
    "lastName"`, `"fristName": "Ada",
    "lastName"`,
		`"postalCode": "98052"`, `"postalCode": 98052`,
		`"country": "US"`, `"country": "USA"`)
}

// wantThree are the paths of threeMistakes' problems, in the order reported.
var wantThree = []string{
	"billingProfile.defaultAddress.postalCode",
	"billingProfile.fristName",
	"billingProfile.defaultAddress.country",
}

func TestCreateValidateOnlyReportsEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	path := threeMistakes(t)

	r := runApp(t, a, "--fake", "customer", "create", "--from", path, "--validate-only")
	r.wantCode(t, exitUsage)
	var out onboardOutput
	decode(t, r.stdout, &out)
	var got []string
	for _, p := range out.Problems {
		got = append(got, p.Path)
	}
	if !reflect.DeepEqual(got, wantThree) || out.FailedStep != wrapper.OnboardStepInput {
		t.Errorf("JSON problems %+v (failed step %q), want the paths %q", out.Problems, out.FailedStep, wantThree)
	}
	if !strings.Contains(r.stdout, `"problems": [`) {
		t.Errorf("the problems are not a JSON array:\n%s", r.stdout)
	}
	for _, want := range []string{
		"partnercenter: " + path + ": invalid input (3 problems):\n",
		"  billingProfile.defaultAddress.postalCode: want a string, got a number\n",
		"  billingProfile.fristName: unknown field (did you mean firstName?)\n",
		"  billingProfile.defaultAddress.country: \"USA\" is not a two-letter country code such as US\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	r = runApp(t, a, "--fake", "-o", "table", "customer", "create", "--from", path, "--validate-only")
	r.wantCode(t, exitUsage)
	if n := strings.Count(r.stderr, "\n  billingProfile."); n != 3 {
		t.Errorf("table output: %d problem lines on stderr, want 3:\n%s", n, r.stderr)
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Errorf("a refused input file sent %d requests", len(reqs))
	}
}

func TestCreateReportsTheCountryRulesProblemsTogether(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	path := customerFile(t, `"state": "WA"`, `"state": "ZZ"`, `"postalCode": "98052"`, `"postalCode": "9805"`)
	r := runApp(t, a, "--fake", "-q", "customer", "create", "--from", path, "--validate-only")
	r.wantCode(t, exitUsage)
	var out onboardOutput
	decode(t, r.stdout, &out)
	if len(out.Problems) != 2 || out.FailedStep != wrapper.OnboardStepCountryRules {
		t.Errorf("output %+v, want two problems at step country-rules", out)
	}
	if !strings.Contains(r.stderr, "invalid input: the customer does not meet the country's rules (2 problems):\n  billingProfile.defaultAddress.state:") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

func TestDecodeInputFindsEveryProblem(t *testing.T) {
	t.Parallel()
	type inner struct {
		N    int32    `json:"n"`
		Tags []string `json:"tags"`
	}
	type doc struct {
		Name  *string          `json:"name"`
		On    bool             `json:"on"`
		Inner *inner           `json:"inner"`
		Map   map[string]inner `json:"map"`
		Any   any              `json:"any"`
	}
	tests := []struct {
		in   string
		want check.Problems
	}{
		{`{"name":"a","on":true,"inner":{"n":1,"tags":["x"]},"map":{"k":{"n":2}},"any":[1,"x"]}`, nil},
		{`{"Name":"a","ON":false,"inner":null}`, nil}, // names as encoding/json matches them; null fits
		{`{"name":1,"on":"yes","inner":{"n":1.5,"tags":["x",2]},"map":{"k":{"m":1}},"extra":{}}`, check.Problems{
			{Path: "extra", Message: "unknown field"},
			{Path: "inner.n", Message: "want a whole number of 32 bits, got a number"},
			{Path: "inner.tags[1]", Message: "want a string, got a number"},
			{Path: "map.k.m", Message: "unknown field (did you mean n?)"},
			{Path: "name", Message: "want a string, got a number"},
			{Path: "on", Message: "want true or false, got a string"},
		}},
		{`{"inner":[]}{}`, check.Problems{
			{Path: "", Message: "more than one JSON document"},
			{Path: "inner", Message: "want an object, got an array"},
		}},
		{"\xEF\xBB\xBF{}", nil},
		{``, check.Problems{{Path: "", Message: "the file is empty: want a JSON object"}}},
		{`{"name":`, check.Problems{{Path: "", Message: "not JSON: the document ends too early"}}},
		{"{\n  \"name\": 'a'\n}", check.Problems{{Path: "", Message: "not JSON: line 2, column 11: invalid character '\\'' looking for beginning of value"}}},
	}
	for _, tt := range tests {
		var d doc
		got, _ := decodeInput([]byte(tt.in), &d)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("decodeInput(%q):\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
