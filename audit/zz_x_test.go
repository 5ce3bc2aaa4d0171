package audit

import (
	"context"
	"fmt"
	"testing"
)

func TestBenchCount(t *testing.T) {
	s := newScanner(t, Options{})
	text := benchText(1 << 20)
	c := map[string]int{}
	for i := 0; i+300 <= len(text); i += 300 {
		for _, f := range s.Scan(context.Background(), Entry{Text: text[i : i+300]}) {
			c[f.Rule+" "+f.Severity.String()]++
			if f.Rule == learnedRule && c[f.Rule+" "+f.Severity.String()] < 2 {
				fmt.Printf("%q\n%s\n", text[i:i+300], f.Explanation)
			}
		}
	}
	fmt.Println(c)
}
