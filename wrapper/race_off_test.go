//go:build !race

package wrapper

// allocSlack multiplies the allocation bounds of the memory tests (see the
// race build's value).
const allocSlack = 1.0
