package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// maxFaultCount bounds N in counted fault specs.
const maxFaultCount = 1_000_000

// parseFault turns one --fault SPEC (KIND[=ARGS][@TARGET], see serveFooter)
// into the call that switches the fault on.
func parseFault(spec string) (func(*fake.Faults), error) {
	body, target := spec, ""
	if i := strings.LastIndexByte(spec, '@'); i >= 0 {
		body, target = spec[:i], spec[i+1:]
		if target == "" {
			return nil, errors.New("nothing after @: name an operation ID or a path starting with /")
		}
	}
	kind, args, hasArgs := strings.Cut(body, "=")
	on := func(apply func(*fake.Faults)) func(*fake.Faults) {
		return func(f *fake.Faults) {
			if target != "" {
				f = f.On(target)
			}
			apply(f)
		}
	}
	need := func(form string) error {
		if !hasArgs || args == "" {
			return fmt.Errorf("%s needs arguments: %s", kind, form)
		}
		return nil
	}
	switch kind {
	case "fail-next":
		if err := need("fail-next=N:STATUS[:RETRY_AFTER]"); err != nil {
			return nil, err
		}
		parts := strings.Split(args, ":")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, errors.New("want fail-next=N:STATUS[:RETRY_AFTER], e.g. fail-next=2:503 or fail-next=1:503:2s")
		}
		n, err := parseCount(parts[0])
		if err != nil {
			return nil, err
		}
		status, err := parseStatus(parts[1], 400, 599)
		if err != nil {
			return nil, err
		}
		failure := fake.Failure{Status: status}
		if len(parts) == 3 {
			if failure.RetryAfter, err = parseDuration(parts[2], "RETRY_AFTER"); err != nil {
				return nil, err
			}
		}
		return on(func(f *fake.Faults) { f.FailNextWith(n, failure) }), nil
	case "refuse":
		if err := need("refuse=N:REFUSAL"); err != nil {
			return nil, err
		}
		count, name, ok := strings.Cut(args, ":")
		if !ok {
			return nil, errors.New("want refuse=N:REFUSAL, e.g. refuse=1:MFARequired")
		}
		n, err := parseCount(count)
		if err != nil {
			return nil, err
		}
		if _, ok := gen.LookupRefusal(name); !ok {
			var names []string
			for _, r := range gen.Refusals() {
				names = append(names, r.Name)
			}
			return nil, fmt.Errorf("unknown refusal %q: use one of %s", name, strings.Join(names, ", "))
		}
		return on(func(f *fake.Faults) { f.Refuse(n, name) }), nil
	case "throttle":
		if err := need("throttle=N/PERIOD[:RETRY_AFTER]"); err != nil {
			return nil, err
		}
		rate, retry, hasRetry := strings.Cut(args, ":")
		count, period, ok := strings.Cut(rate, "/")
		if !ok {
			return nil, errors.New("want throttle=N/PERIOD[:RETRY_AFTER], e.g. throttle=100/1m")
		}
		n, err := parseCount(count)
		if err != nil {
			return nil, err
		}
		t := fake.Throttle{Requests: n}
		if t.Per, err = parseDuration(period, "PERIOD"); err != nil {
			return nil, err
		}
		if hasRetry {
			if t.RetryAfter, err = parseDuration(retry, "RETRY_AFTER"); err != nil {
				return nil, err
			}
		}
		return on(func(f *fake.Faults) { f.Throttle(t) }), nil
	case "latency":
		if err := need("latency=DURATION"); err != nil {
			return nil, err
		}
		d, err := parseDuration(args, "DURATION")
		if err != nil {
			return nil, err
		}
		return on(func(f *fake.Faults) { f.Latency(d) }), nil
	case "html-gateway", "empty-gateway", "oversized-error":
		if err := need(kind + "=N:STATUS"); err != nil {
			return nil, err
		}
		count, st, ok := strings.Cut(args, ":")
		if !ok {
			return nil, fmt.Errorf("want %s=N:STATUS, e.g. %s=1:502", kind, kind)
		}
		n, err := parseCount(count)
		if err != nil {
			return nil, err
		}
		lo, hi := 502, 504
		if kind == "oversized-error" {
			lo, hi = 400, 599
		}
		status, err := parseStatus(st, lo, hi)
		if err != nil {
			return nil, err
		}
		switch kind {
		case "html-gateway":
			return on(func(f *fake.Faults) { f.HTMLGatewayError(n, status) }), nil
		case "empty-gateway":
			return on(func(f *fake.Faults) { f.EmptyGatewayError(n, status) }), nil
		default:
			return on(func(f *fake.Faults) { f.OversizedErrorBody(n, status, 0) }), nil
		}
	case "drop-connection", "truncate", "wrong-content-type":
		if err := need(kind + "=N"); err != nil {
			return nil, err
		}
		n, err := parseCount(args)
		if err != nil {
			return nil, err
		}
		switch kind {
		case "drop-connection":
			return on(func(f *fake.Faults) { f.DropConnection(n) }), nil
		case "truncate":
			return on(func(f *fake.Faults) { f.Truncate(n) }), nil
		default:
			return on(func(f *fake.Faults) { f.WrongContentType(n) }), nil
		}
	case "retry-after-date":
		if hasArgs || target != "" {
			return nil, errors.New("retry-after-date takes no arguments and no @TARGET")
		}
		return func(f *fake.Faults) { f.RetryAfterAsDate(true) }, nil
	default:
		return nil, fmt.Errorf("unknown fault %q: use fail-next, refuse, throttle, latency, html-gateway, empty-gateway, "+
			"oversized-error, drop-connection, truncate, wrong-content-type or retry-after-date", kind)
	}
}

// parseCount reads N of a fault spec: a whole number from 1 to maxFaultCount.
func parseCount(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxFaultCount {
		return 0, fmt.Errorf("count %q: want a whole number from 1 to %d", s, maxFaultCount)
	}
	return n, nil
}

// parseStatus reads an HTTP status between lo and hi.
func parseStatus(s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("status %q: want %d to %d", s, lo, hi)
	}
	return n, nil
}

// parseDuration reads a positive duration such as 2s or 1m.
func parseDuration(s, what string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s %q: want a positive duration such as 500ms, 2s or 1m", what, s)
	}
	return d, nil
}
