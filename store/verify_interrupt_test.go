package store_test

import (
	"context"
	"errors"
	"testing"
)

// TestVerifyInterruptedIsNotDamage: a Verify whose context is cancelled
// returns the context's error and no report, rather than a report of
// "damage" that is only the checks being cut short.
func TestVerifyInterruptedIsNotDamage(t *testing.T) {
	v := newVault(t)
	remember(t, v.s, "agent", "the build uses bazel")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := v.s.Verify(ctx)
	if !errors.Is(err, context.Canceled) || r != nil {
		t.Fatalf("Verify with a cancelled context: %+v, %v", r, err)
	}
	if r, err := v.s.Verify(context.Background()); err != nil || !r.OK() {
		t.Fatalf("Verify: %+v, %v", r, err)
	}
}
