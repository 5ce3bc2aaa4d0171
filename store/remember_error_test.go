package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/memaudit/memaudit/store"
)

// TestRememberErrorNamesNoBatchIndex: Remember stores one entry, so its
// errors say what is wrong without the "entry 0: " a batch's error
// carries; the sentinels still match.
func TestRememberErrorNamesNoBatchIndex(t *testing.T) {
	v := newVault(t)
	ctx := context.Background()
	for _, tc := range []struct {
		e    store.Entry
		want error
	}{
		{store.Entry{Segment: "agent"}, store.ErrInvalidEntry},
		{store.Entry{Segment: "../etc", Text: "x"}, store.ErrInvalidSegment},
	} {
		_, err := v.s.Remember(ctx, tc.e)
		var ee *store.EntryError
		if !errors.Is(err, tc.want) || strings.Contains(err.Error(), "entry 0") || errors.As(err, &ee) {
			t.Errorf("Remember(%+v): %v", tc.e, err)
		}
	}
}
