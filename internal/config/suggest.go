package config

import "strings"

// closest returns the candidate nearest to word, or "" when none is near
// enough to be what the user meant: a small edit distance, or word being the
// start of exactly one candidate ("--spawn" for "--spawn-rate").
func closest(word string, candidates []string) string {
	best, bestDist := "", len(word)/3+1
	if bestDist < 3 {
		bestDist = 3
	}
	var prefixed []string
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), c); d < bestDist {
			best, bestDist = c, d
		}
		if len(word) >= 3 && strings.HasPrefix(c, word) {
			prefixed = append(prefixed, c)
		}
	}
	if best == "" && len(prefixed) == 1 {
		best = prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// didYouMean is " (did you mean X?)" when X is close to word, else "".
func didYouMean(word string, candidates []string) string {
	if c := closest(word, candidates); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}
