package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// "partnercenter doctor" checks, with the partner's own credentials and
// read requests only, what a bug report needs: where the client goes,
// which token it sends (its kind, audience and MFA claim, never the token),
// whether the service accepts that token under MFA enforcement, which
// reads of a sample customer the partner's GDAP roles allow, and how each
// live answer compares with openapi.yaml.

// doctorRead is one read of a customer that doctor makes.
type doctorRead struct {
	op   string
	call func(ctx context.Context, c *wrapper.Client, id string) error
}

// doctorReads are the reads of one customer, in the order made: every GET
// of the spec under /customers/{customerTenantId} that needs no other
// parameter (TestDoctorReadsCoverTheSpec keeps the list complete).
var doctorReads = []doctorRead{
	{gen.OperationGetCustomer, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.GetCustomer(ctx, id, nil)
		return err
	}},
	{gen.OperationGetCustomerCustomDomains, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.GetCustomerCustomDomains(ctx, id, nil)
		return err
	}},
	{gen.OperationGetCustomerOrganization, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.GetCustomerOrganization(ctx, id, nil)
		return err
	}},
	{gen.OperationGetCustomerCompanyProfile, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.GetCustomerCompanyProfile(ctx, id, nil)
		return err
	}},
	{gen.OperationGetCustomerBillingProfile, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.GetCustomerBillingProfile(ctx, id, nil)
		return err
	}},
	{gen.OperationListCustomerQualifications, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.ListCustomerQualifications(ctx, id, nil)
		return err
	}},
	{gen.OperationListCustomerAgreements, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.ListCustomerAgreements(ctx, id, nil)
		return err
	}},
	{gen.OperationListCustomerUsers, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.NewListCustomerUsersPager(id, nil).NextPage(ctx) // the first page
		return err
	}},
	{gen.OperationListCustomerSubscriptions, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.ListCustomerSubscriptions(ctx, id, nil)
		return err
	}},
	{gen.OperationListSubscribedSkus, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.ListSubscribedSkus(ctx, id, nil)
		return err
	}},
	{gen.OperationListDirectoryRoles, func(ctx context.Context, c *wrapper.Client, id string) error {
		_, err := c.ListDirectoryRoles(ctx, id, nil)
		return err
	}},
}

// Results of a read.
const (
	resultAllowed        = "allowed"
	resultForbidden      = "forbidden"
	resultNotImplemented = "not-implemented"
	resultNotInCloud     = "not-in-cloud"
	resultError          = "error"
	resultSkipped        = "skipped"
)

// doctorReport is what doctor prints: everything a bug report needs, and
// no secret.
type doctorReport struct {
	Tool       toolInfo       `json:"tool"`
	Connection connectionInfo `json:"connection"`
	Token      tokenFacts     `json:"token"`
	MFA        mfaCheck       `json:"mfaEnforcement"`
	Customer   *sampleInfo    `json:"customer,omitempty"`
	Reads      []readResult   `json:"reads"`
	Summary    doctorSummary  `json:"summary"`
}

// toolInfo names the program and the spec it was built with.
type toolInfo struct {
	Version     string `json:"version"`
	Go          string `json:"go"`
	Platform    string `json:"platform"`
	SpecVersion string `json:"specVersion"`
}

// connectionInfo says where the client went and how it signed in.
type connectionInfo struct {
	Cloud    string `json:"cloud"`
	BaseURL  string `json:"baseUrl"`
	Audience string `json:"tokenAudience,omitempty"`
	Scope    string `json:"tokenScope,omitempty"`
	// Credential says where the token came from (not the token).
	Credential string `json:"credential"`
}

// mfaCheck is the outcome of the read sent with ValidateMfa: true.
type mfaCheck struct {
	// Result is "accepted", "refused" (401 with code 900421) or
	// "unknown" (the read failed otherwise, or was not made).
	Result string `json:"result"`
	// Applies is set for an app+user token: enforcement concerns them only.
	Applies bool   `json:"appliesToToken"`
	Detail  string `json:"detail,omitempty"`
}

// sampleInfo is the customer whose reads doctor tried.
type sampleInfo struct {
	ID     string `json:"id"`
	Source string `json:"source"` // "--customer" or "first of the listing"
}

// readResult is the outcome of one read.
type readResult struct {
	Operation string `json:"operation"`
	Method    string `json:"method"`
	Path      string `json:"path"` // the spec's path template
	Result    string `json:"result"`
	Status    int    `json:"status,omitempty"`
	Code      string `json:"code,omitempty"`
	Detail    string `json:"detail,omitempty"`
	// GDAPRoles are, for a forbidden read, the roles of which the spec
	// (x-gdap-roles) says the partner needs one.
	GDAPRoles []string `json:"gdapRoles,omitempty"`
	// Note tells what the spec says about such an outcome (for instance
	// that the operation takes app+user tokens only).
	Note          string    `json:"note,omitempty"`
	Tries         int       `json:"tries,omitempty"`
	CorrelationID string    `json:"correlationId,omitempty"`
	RequestID     string    `json:"requestId,omitempty"`
	Spec          *specDiff `json:"specDifferences,omitempty"`
}

// doctorSummary counts the outcomes.
type doctorSummary struct {
	Allowed         int `json:"allowed"`
	Forbidden       int `json:"forbidden"`
	Errors          int `json:"errors"`
	NotImplemented  int `json:"notImplemented"`
	SpecDifferences int `json:"specDifferences"`
}

// doctorCommand is "doctor".
func (a *app) doctorCommand() *command {
	var customerID string
	cmd := &command{
		name:    "doctor",
		summary: "check sign-in, MFA, GDAP roles and the live answers against the spec (reads only)",
		long: "Check, with the partner's own credentials (any sign-in the command line\n" +
			"accepts, or --fake / --endpoint), what a bug report needs:\n" +
			"  - the cloud, base URL and token audience the client uses;\n" +
			"  - the token: app-only or app+user, its audience and whether its amr claim\n" +
			"    holds mfa, read from the JWT's claims without verifying them. The token\n" +
			"    itself, and claims that identify anyone, are never printed;\n" +
			"  - whether the service accepts the token under MFA enforcement: the first\n" +
			"    read (one page of the customer listing) is sent with ValidateMfa: true,\n" +
			"    and a 401 with code 900421 means it does not;\n" +
			"  - which reads of a sample customer (--customer, or the first of the\n" +
			"    listing) the partner's GDAP roles allow: the customer, its custom domains,\n" +
			"    organization, company and billing profiles, qualifications, agreements,\n" +
			"    users, subscriptions, subscribed SKUs and directory roles. A forbidden\n" +
			"    read names the GDAP roles the spec says it needs;\n" +
			"  - how every answer compares with openapi.yaml: fields the spec does not\n" +
			"    know, enumeration values outside its lists, other schema violations and\n" +
			"    statuses it does not document.\n" +
			"\n" +
			"It sends GET requests only (anything else is refused before it leaves) and\n" +
			"prints no answer body: only the paths of unknown fields and the unknown\n" +
			"enumeration values. Attach its output (-o table for people, -o json for\n" +
			"tools) to a bug report.\n" +
			"\n" +
			"Exit status: 0 when every answer matched the spec; 1 when the report lists\n" +
			"differences from it; forbidden reads do not change it. When the first read\n" +
			"fails (no token, token refused), the report is printed and the status is\n" +
			"that of the failure.",
		examples: []string{
			"partnercenter -o table doctor",
			"partnercenter --fake -o table doctor",
			"partnercenter -o json doctor --customer " + exampleCustomerID + " > doctor.json",
			"PARTNERCENTER_ACCESS_TOKEN=x partnercenter --endpoint $(cat fake.url) --ca-file fake.pem -o table doctor",
		},
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&customerID, "customer", "", "sample customer `CUSTOMER_ID` (default: the first of the listing)")
	}
	cmd.run = func(ctx context.Context, _ []string) error {
		customerID = strings.TrimSpace(customerID)
		if customerID != "" {
			if err := checkGUID(customerID); err != nil {
				return newUsageError(cmd, "invalid --customer %q: %v", customerID, err)
			}
		}
		return a.doctor(ctx, customerID)
	}
	return cmd
}

// doctor runs the checks and prints the report.
func (a *app) doctor(ctx context.Context, customerID string) error {
	cred, opts, err := a.clientSetup()
	if err != nil {
		return err
	}
	svc := opts.Cloud.Services[wrapper.ServiceName]
	rep := &doctorReport{
		Tool:       toolInfo{Version: wrapper.Version, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH},
		Connection: connectionInfo{Cloud: a.cloudLabel(), Credential: a.credentialSource()},
	}
	asked := !a.g.plainLoopback() && (a.g.fake || envToken() == "")
	if asked {
		rep.Connection.Audience = svc.Audience
		rep.Connection.Scope = strings.TrimRight(svc.Audience, "/") + "/.default"
	}
	rec := &recorder{now: time.Now}
	if asked {
		rec.audience = svc.Audience
	}
	opts.PerRetryPolicies = append(opts.PerRetryPolicies, rec)
	client, err := wrapper.NewClient(cred, opts)
	if err != nil {
		return err
	}
	rep.Connection.BaseURL = client.BaseURL()
	specs, err := newSpecCheck()
	if err != nil {
		return err
	}
	rep.Tool.SpecVersion = specs.doc.Info.Version

	// The first read: one page of the listing, with ValidateMfa: true.
	m := rec.mark()
	page, err := client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: 1,
		CallOptions: wrapper.CallOptions{ValidateMFA: true}}).NextPage(ctx)
	rep.Token = rec.tokenFacts()
	rep.MFA = mfaOutcome(err, rep.Token)
	if errors.Is(err, wrapper.ErrMFARequired) {
		// Refused under enforcement; the other checks go on without it.
		m = rec.mark()
		page, err = client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: 1}).NextPage(ctx)
	}
	listing := a.judge(ctx, specs, rec, m, gen.OperationListCustomers, err, rep.Token)
	rep.Reads = append(rep.Reads, listing)
	fatal := err
	if err != nil && !stopsDoctor(err) {
		fatal = nil
	}

	switch {
	case fatal != nil:
	case customerID != "":
		rep.Customer = &sampleInfo{ID: customerID, Source: "--customer"}
	case err == nil && len(page.Items) > 0 && page.Items[0].ID != nil && checkGUID(*page.Items[0].ID) == nil:
		rep.Customer = &sampleInfo{ID: *page.Items[0].ID, Source: "first of the listing"}
	}
	for _, r := range doctorReads {
		if rep.Customer == nil {
			info, _ := gen.LookupOperation(r.op)
			reason := "no sample customer: give --customer"
			if fatal != nil {
				reason = "the first read failed"
			}
			rep.Reads = append(rep.Reads, readResult{Operation: r.op, Method: info.Method, Path: info.Path, Result: resultSkipped, Detail: reason})
			continue
		}
		m := rec.mark()
		err := r.call(ctx, client, rep.Customer.ID)
		rep.Reads = append(rep.Reads, a.judge(ctx, specs, rec, m, r.op, err, rep.Token))
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rep.summarise()

	if perr := a.printDoctor(rep); perr != nil {
		return perr
	}
	switch {
	case fatal != nil:
		return fatal
	case rep.Summary.SpecDifferences > 0:
		return fmt.Errorf("doctor: the live answers differ from openapi.yaml in %d places (see the report)", rep.Summary.SpecDifferences)
	}
	return nil
}

// stopsDoctor reports whether a failure of the first read makes the other
// reads pointless: no token, a refused one, or no connection at all.
func stopsDoctor(err error) bool {
	var cred *credentialError
	var resp *wrapper.ResponseError
	return errors.As(err, &cred) || errors.Is(err, wrapper.ErrUnauthorized) || !errors.As(err, &resp) && !errors.Is(err, wrapper.ErrInvalidInput)
}

// cloudLabel names the deployment the run talks to.
func (a *app) cloudLabel() string {
	switch {
	case a.g.fake:
		return "fake (embedded, --fake)"
	case a.g.endpoint != "":
		return "custom endpoint (--endpoint)"
	}
	return strings.ToLower(a.g.cloud)
}

// mfaOutcome reads the outcome of the read sent with ValidateMfa: true.
func mfaOutcome(err error, tok tokenFacts) mfaCheck {
	c := mfaCheck{Applies: tok.Kind == "app+user"}
	switch {
	case err == nil:
		c.Result = "accepted"
		if !c.Applies {
			c.Detail = "enforcement concerns app+user tokens only"
		}
	case errors.Is(err, wrapper.ErrMFARequired):
		c.Result = "refused"
		c.Detail = "401 with code 900421: sign in again with multi-factor authentication"
	default:
		c.Result = "unknown"
		c.Detail = "the read sent with ValidateMfa: true failed (see the listCustomers read)"
	}
	switch {
	case !tok.Sent:
		c.Detail = "no token was sent"
	case tok.Format != "jwt" && c.Result == "accepted":
		c.Detail = "the token is not a JWT, so whether enforcement concerns it cannot be read"
	}
	return c
}

// judge turns the outcome of one read into its result: the error's
// category, the spec's GDAP roles for a 403, and the comparison of the
// last answer with the spec.
func (a *app) judge(ctx context.Context, specs *specCheck, rec *recorder, mark int, op string, err error, tok tokenFacts) readResult {
	info, _ := gen.LookupOperation(op)
	r := readResult{Operation: op, Method: info.Method, Path: info.Path}
	ans, tries := rec.since(mark)
	if tries > 1 {
		r.Tries = tries
	}
	if ans != nil {
		r.Status = ans.status
		r.CorrelationID, r.RequestID = guidOnly(ans.header.Get("MS-CorrelationId")), guidOnly(ans.header.Get("MS-RequestId"))
	}
	var resp *wrapper.ResponseError
	errors.As(err, &resp)
	switch {
	case err == nil:
		r.Result = resultAllowed
	case errors.Is(err, wrapper.ErrNotInCloud):
		r.Result, r.Detail = resultNotInCloud, "the spec (x-clouds) keeps it out of this cloud; not sent"
	case resp != nil && resp.StatusCode == 501:
		r.Result = resultNotImplemented
		r.Detail = "not implemented"
		if a.g.fake || strings.Contains(resp.Description, "fake") {
			r.Detail = "not implemented by the fake"
		}
	case resp != nil && resp.StatusCode == 403:
		r.Result, r.Code, r.Detail = resultForbidden, resp.Code, oneLine(resp.Description, 300)
		r.GDAPRoles = resp.GDAPRoles
		if len(r.GDAPRoles) == 0 {
			r.GDAPRoles = info.GDAPRoles
		}
	case resp != nil:
		r.Result, r.Code, r.Detail = resultError, resp.Code, oneLine(resp.Description, 300)
	default:
		r.Result, r.Detail = resultError, oneLine(strings.TrimPrefix(err.Error(), programName+": "), 300)
	}
	if resp != nil {
		r.Status = resp.StatusCode
		if resp.CorrelationID != "" {
			r.CorrelationID = resp.CorrelationID
		}
		if resp.RequestID != "" {
			r.RequestID = resp.RequestID
		}
	}
	if r.Result != resultAllowed && tok.Kind == "app-only" && len(info.AuthModes) > 0 && !slices.Contains(info.AuthModes, "app-only") {
		r.Note = "the spec (x-auth-modes) says this read takes app+user tokens only, and the token is app-only"
	}
	if ans != nil && r.Result != resultNotImplemented {
		if d := specs.compare(ctx, op, ans); !d.empty() {
			r.Spec = &d
		}
	}
	return r
}

// guidOnly returns s when it is a GUID, else "": the report quotes no
// other header text.
func guidOnly(s string) string {
	if checkGUID(s) != nil {
		return ""
	}
	return s
}

// summarise counts the results.
func (rep *doctorReport) summarise() {
	var s doctorSummary
	for _, r := range rep.Reads {
		switch r.Result {
		case resultAllowed:
			s.Allowed++
		case resultForbidden:
			s.Forbidden++
		case resultNotImplemented:
			s.NotImplemented++
		case resultError:
			s.Errors++
		}
		if r.Spec != nil {
			s.SpecDifferences += r.Spec.count()
		}
	}
	rep.Summary = s
}

// printDoctor prints the report: JSON, or text with -o table.
func (a *app) printDoctor(rep *doctorReport) error {
	p := a.printer()
	if p.format != formatTable {
		return p.json(rep)
	}
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, sanitize(v, false))
		}
	}
	fmt.Fprintf(&b, "partnercenter doctor (partnercenter %s, %s, %s; openapi.yaml %s)\n\nConnection\n",
		rep.Tool.Version, rep.Tool.Go, rep.Tool.Platform, rep.Tool.SpecVersion)
	c := rep.Connection
	row("Cloud", c.Cloud)
	row("Base URL", c.BaseURL)
	row("Token audience", c.Audience)
	row("Token scope", c.Scope)
	row("Token from", c.Credential)
	_ = tw.Flush()

	b.WriteString("\nToken (claims read without verification; the token is not shown)\n")
	t := rep.Token
	switch {
	case !t.Sent:
		row("Sent", "no")
	case t.Format != "jwt":
		row("Format", "not a JWT: its kind cannot be read")
	default:
		row("Format", "JWT "+t.Version)
		row("Kind", t.Kind+" ("+t.KindFrom+")")
		aud := t.Audience
		if t.AudienceMatches != nil {
			aud += map[bool]string{true: " (the audience asked for)", false: " (NOT the audience asked for)"}[*t.AudienceMatches]
		}
		row("Audience", aud)
		row("Issuer", t.Issuer)
		row("MFA in amr", yesNo(t.MFA))
		row("user_impersonation", yesNo(t.UserImpersonation))
		if t.AppRoles > 0 {
			row("App roles", fmt.Sprint(t.AppRoles))
		}
		if t.Expired {
			row("Expires", "EXPIRED")
		} else {
			row("Expires in", t.ExpiresIn)
		}
	}
	_ = tw.Flush()

	b.WriteString("\nMFA enforcement (one read sent with ValidateMfa: true)\n")
	row("Result", rep.MFA.Result)
	row("Applies", yesNo(&rep.MFA.Applies))
	row("Detail", rep.MFA.Detail)
	_ = tw.Flush()

	b.WriteString("\nSample customer\n")
	if rep.Customer != nil {
		row("ID", rep.Customer.ID+" ("+rep.Customer.Source+")")
	} else {
		row("ID", "none")
	}
	_ = tw.Flush()

	b.WriteString("\nReads\n")
	fmt.Fprintf(tw, "  OPERATION\tRESULT\tSTATUS\tDETAIL\n")
	for _, r := range rep.Reads {
		status := ""
		if r.Status != 0 {
			status = fmt.Sprint(r.Status)
		}
		detail := r.Detail
		if r.Code != "" {
			detail = strings.TrimSpace("code " + r.Code + ": " + detail)
		}
		if len(r.GDAPRoles) > 0 {
			detail = strings.TrimSpace(detail + " (GDAP roles, one of: " + strings.Join(r.GDAPRoles, ", ") + ")")
		}
		if r.Note != "" {
			detail = strings.TrimSpace(detail + "; " + r.Note)
		}
		if r.Spec != nil {
			detail = strings.TrimSpace(detail + fmt.Sprintf(" [%d spec differences]", r.Spec.count()))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.Operation, r.Result, status, sanitize(detail, false))
	}
	_ = tw.Flush()

	b.WriteString("\nDifferences from openapi.yaml\n")
	none := true
	for _, r := range rep.Reads {
		if r.Spec == nil {
			continue
		}
		none = false
		fmt.Fprintf(&b, "  %s (%d)\n", r.Operation, r.Status)
		d := r.Spec
		if d.UndocumentedStatus {
			row("  undocumented status", fmt.Sprint(r.Status))
		}
		for _, f := range d.UnknownFields {
			row("  unknown field", f)
		}
		for _, v := range d.UnknownValues {
			kind := "not in the enum"
			if v.Open {
				kind = "not among the x-ms-enum values"
			}
			row("  unknown value", fmt.Sprintf("%s: %q, %s: %s", v.Path, v.Value, kind, strings.Join(v.Known, ", ")))
		}
		for _, s := range d.Violations {
			row("  schema violation", s)
		}
		_ = tw.Flush()
	}
	if none {
		b.WriteString("  none\n")
	}
	s := rep.Summary
	fmt.Fprintf(&b, "\nSummary: %d allowed, %d forbidden, %d errors, %d not implemented; %d differences from the spec\n",
		s.Allowed, s.Forbidden, s.Errors, s.NotImplemented, s.SpecDifferences)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := a.stdout.Write([]byte(strings.Join(lines, "\n")))
	return err
}

// yesNo renders an optional fact.
func yesNo(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}
