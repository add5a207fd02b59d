package main

import (
	"fmt"
	"math"
	"slices"
)

// spread is a measurement over the rounds of `make bench` (one value per
// run of a benchmark): its median, quartiles and extremes.
type spread struct {
	n                        int
	min, q1, median, q3, max float64
}

// summarize returns the spread of vs; every field is NaN when vs is empty
// or holds a NaN.
func summarize(vs []float64) spread {
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s) == 0 || slices.ContainsFunc(s, math.IsNaN) {
		nan := math.NaN()
		return spread{n: len(s), min: nan, q1: nan, median: nan, q3: nan, max: nan}
	}
	return spread{
		n:   len(s),
		min: s[0], q1: quantile(s, 0.25), median: quantile(s, 0.5), q3: quantile(s, 0.75), max: s[len(s)-1],
	}
}

// quantile returns the p-quantile of sorted (not empty) by linear
// interpolation between the closest ranks: the value at rank p·(n-1),
// counting from 0 (R's type 7, numpy's default). The median of an even
// count is the mean of the middle two; the quartiles of one value are
// that value.
func quantile(sorted []float64, p float64) float64 {
	r := p * float64(len(sorted)-1)
	lo := int(math.Floor(r))
	hi := min(lo+1, len(sorted)-1)
	return sorted[lo] + (r-float64(lo))*(sorted[hi]-sorted[lo])
}

// format prints the spread with format for each value: the median, then
// the interquartile range and the range, and the number of rounds.
func (s spread) format(f string) string {
	if s.n == 0 || math.IsNaN(s.median) {
		return "?"
	}
	v := func(x float64) string { return fmt.Sprintf(f, x) }
	if s.n == 1 {
		return v(s.median) + " (1 round)"
	}
	return fmt.Sprintf("%s (median of %d rounds; IQR %s–%s; range %s–%s)", v(s.median), s.n, v(s.q1), v(s.q3), v(s.min), v(s.max))
}

// short prints the median and the interquartile range only.
func (s spread) short(f string) string {
	if s.n == 0 || math.IsNaN(s.median) {
		return "?"
	}
	if s.n == 1 {
		return fmt.Sprintf(f, s.median)
	}
	return fmt.Sprintf(f+", IQR "+f+"–"+f, s.median, s.q1, s.q3)
}

// ratios divides a by b round by round: a[i] and b[i] come from the same
// round (the same -count iteration of go test). Unequal counts give NaN.
func ratios(a, b []float64) []float64 {
	return pairwise(a, b, func(x, y float64) float64 { return x / y })
}

// pairwise applies f round by round; unequal counts give one NaN.
func pairwise(a, b []float64, f func(x, y float64) float64) []float64 {
	if len(a) != len(b) {
		return []float64{math.NaN()}
	}
	out := make([]float64, len(a))
	for i := range a {
		out[i] = f(a[i], b[i])
	}
	return out
}

// atMost is the verdict of a "lower is better" target: met only when the
// upper quartile meets it, so that a figure which misses it in more than a
// quarter of the rounds fails.
func atMost(s spread, target float64) verdict {
	return check(s.q3 <= target, s.q3)
}

// atLeast is the verdict of a "higher is better" target: met only when the
// lower quartile meets it.
func atLeast(s spread, target float64) verdict {
	return check(s.q1 >= target, s.q1)
}
