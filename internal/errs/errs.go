// Package errs holds the sentinel errors that the internal runtime and the
// wrapper share. The wrapper re-exports each under its public name
// (wrapper.ErrInvalidInput is errs.ErrInvalidInput, ...), where its doc
// comment says which failures match it.
package errs

import "errors"

var (
	// ErrInvalidInput is wrapper.ErrInvalidInput.
	ErrInvalidInput = errors.New("partnercenter: invalid input")
	// ErrUnauthorized is wrapper.ErrUnauthorized.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrResponseTooLarge is wrapper.ErrResponseTooLarge.
	ErrResponseTooLarge = errors.New("partnercenter: the answer's body is larger than the cap")
	// ErrRedirect is wrapper.ErrRedirect.
	ErrRedirect = errors.New("partnercenter: the transport tried to follow a redirect; it was stopped")
	// ErrPagingLoop is wrapper.ErrPagingLoop.
	ErrPagingLoop = errors.New("partnercenter: the listing's next links do not lead to an end")
)

// NonRetriable wraps an error that azcore's retry policy must not retry.
type NonRetriable struct{ Err error }

func (e NonRetriable) Error() string { return e.Err.Error() }
func (e NonRetriable) Unwrap() error { return e.Err }

// NonRetriable tells azcore not to retry.
func (NonRetriable) NonRetriable() {}
