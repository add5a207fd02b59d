package main

import (
	"context"
	"flag"
	"math"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// exampleCustomerID is the customer of the reference documentation, which the
// embedded fake serves.
const exampleCustomerID = fake.DocumentedCustomerID

// customerCommand is the "customer" group.
func (a *app) customerCommand() *command {
	group := &command{
		name:    "customer",
		summary: "customers: get, list, profiles; create, qualify, remove, delete",
		long: "Read, onboard and offboard the customers of the signed-in partner. A customer\n" +
			"is identified by its CUSTOMER_ID, the GUID of its Microsoft Entra tenant.",
		examples: []string{
			"partnercenter --fake customer get " + exampleCustomerID,
			"partnercenter --fake --output table customer list --page-size 10",
		},
	}
	group.add(a.customerList())
	return group.add(a.lifecycleCommands()...)
}

// customerByID builds a subcommand that takes one CUSTOMER_ID, checks it and
// calls do with a client.
func (a *app) customerByID(name, summary, long string, do func(ctx context.Context, c *wrapper.Client, id string) error) *command {
	cmd := &command{
		name:    name,
		summary: summary,
		args:    "CUSTOMER_ID",
		nargs:   1,
		long:    long,
		examples: []string{
			"partnercenter --fake customer " + name + " " + exampleCustomerID,
			"partnercenter --fake --output table customer " + name + " " + exampleCustomerID,
		},
	}
	cmd.run = func(ctx context.Context, args []string) error {
		id := strings.TrimSpace(args[0])
		if err := checkGUID(id); err != nil {
			return newUsageError(cmd, "invalid CUSTOMER_ID %q: %v", args[0], err)
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		return do(ctx, client, id)
	}
	return cmd
}

// listOptions holds the flags of "customer list".
type listOptions struct {
	filter   string
	field    string
	pageSize int
	max      int
}

// defaultPageSize is the number of customers a listing asks for per page
// when --page-size is not given. A search without --page-size sends size=0,
// as the service documents, and lets the service choose.
const defaultPageSize = 100

// filterFields maps --filter-field values to the service's search fields.
var filterFields = map[string]wrapper.CustomerSearchFilterField{
	"company": wrapper.CustomerSearchFilterFieldCompanyName,
	"domain":  wrapper.CustomerSearchFilterFieldDomain,
}

// customerList is "customer list".
func (a *app) customerList() *command {
	o := listOptions{field: "company"}
	cmd := &command{
		name:    "list",
		summary: "list or search the partner's customers",
		long: "List the partner's customers, printing each page as it arrives, so a long\n" +
			"listing starts at once and is never held in memory. With --output json the\n" +
			"listing is one JSON array; --output jsonl prints one customer a line.\n" +
			"\n" +
			"With --filter, list only the customers whose company name (or domain, with\n" +
			"--filter-field domain) starts with PREFIX.\n" +
			"\n" +
			"While pages are fetched, a progress line is kept on stderr when stderr is a\n" +
			"terminal; --quiet (and --verbose, whose log goes there too) turns it off.",
		examples: []string{
			"partnercenter --fake customer list",
			"partnercenter --fake -o table customer list --page-size 10",
			"partnercenter --fake -o jsonl customer list --max 5",
			"partnercenter --fake -o table customer list --filter Cont",
			"partnercenter --fake customer list --filter contoso --filter-field domain",
		},
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&o.filter, "filter", o.filter, "list only customers whose company name or domain starts with `PREFIX`")
		fs.StringVar(&o.field, "filter-field", o.field, "what --filter matches: `FIELD` is company or domain")
		fs.IntVar(&o.pageSize, "page-size", o.pageSize, "ask for `N` customers per page (default "+
			strconv.Itoa(defaultPageSize)+"; a search lets the service choose)")
		fs.IntVar(&o.max, "max", o.max, "stop after `N` customers (default: no limit)")
	}
	cmd.run = func(ctx context.Context, _ []string) error {
		opts, err := o.wrapperOptions(cmd)
		if err != nil {
			return err
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		return a.listCustomers(ctx, client, opts, o.max)
	}
	return cmd
}

// wrapperOptions checks the list flags and converts them.
func (o *listOptions) wrapperOptions(cmd *command) (*wrapper.ListCustomersOptions, error) {
	if o.pageSize < 0 || o.pageSize > math.MaxInt32 {
		return nil, newUsageError(cmd, "invalid --page-size %d: must be between 1 and %d", o.pageSize, math.MaxInt32)
	}
	if o.max < 0 {
		return nil, newUsageError(cmd, "invalid --max %d: must not be negative", o.max)
	}
	field, ok := filterFields[strings.ToLower(o.field)]
	if !ok {
		return nil, newUsageError(cmd, "invalid --filter-field %q: use company or domain", o.field)
	}
	opts := &wrapper.ListCustomersOptions{PageSize: o.pageSize}
	if opts.PageSize == 0 && o.filter == "" {
		opts.PageSize = defaultPageSize
	}
	if o.filter != "" {
		opts.Filter = &wrapper.CustomerSearchFilter{
			Field:    field,
			Operator: wrapper.CustomerSearchFilterOperatorStartsWith,
			Value:    o.filter,
		}
	}
	return opts, nil
}

// listCustomers prints customers page by page, with a progress line on an
// interactive stderr, stopping after max customers when max > 0.
func (a *app) listCustomers(ctx context.Context, client *wrapper.Client, opts *wrapper.ListCustomersOptions, max int) error {
	out := a.printer().customerList()
	// --verbose logs to stderr from other goroutines, which would tear the
	// progress line.
	prog := &progress{w: a.stderr, enabled: !a.g.quiet && !a.g.verbose && a.terminal(a.stderr)}
	pager := client.NewListCustomersPager(opts)
	pages, count := 0, 0
	for pager.More() && (max == 0 || count < max) {
		page, err := pager.NextPage(ctx)
		if err != nil {
			prog.done(pages, count)
			_ = out.finish(true)
			return err
		}
		items := page.Items
		if max > 0 && len(items) > max-count {
			items = items[:max-count]
		}
		pages++
		count += len(items)
		prog.clear()
		if err := out.write(items); err != nil {
			return err
		}
		if pager.More() && (max == 0 || count < max) {
			prog.update(pages, count)
		}
	}
	prog.done(pages, count)
	return out.finish(false)
}
