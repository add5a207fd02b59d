//go:build race

package wrapper

// allocSlack multiplies the allocation bounds of the memory tests: the race
// runtime drops sync.Pool items at random, so buffers the transport and TLS
// would reuse are allocated again (about twice the bytes in all).
const allocSlack = 7.0 / 3
