package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func testMeter(w *bytes.Buffer, c *fakeClock) *meter {
	return &meter{w: w, what: "indexing", unit: "entries", now: c.now}
}

func TestMeterCounts(t *testing.T) {
	var buf bytes.Buffer
	c := &fakeClock{t: time.Unix(1e9, 0)}
	m := testMeter(&buf, c)
	m.update(0, 1000)
	if got := buf.String(); got != "\r[....................] indexing 0/1000 entries   " {
		t.Fatalf("first draw: %q", got)
	}
	buf.Reset()
	c.add(50 * time.Millisecond)
	m.update(10, 1000)
	if buf.Len() != 0 {
		t.Fatalf("redrawn within 100 ms: %q", buf.String())
	}
	c.add(1950 * time.Millisecond) // 2 s in: 500 a second
	m.update(1000/2, 1000)
	if got := buf.String(); got != "\r[##########..........] indexing 500/1000 entries (250/s, about 2s left)   " {
		t.Fatalf("half way: %q", got)
	}
	buf.Reset()
	c.add(time.Millisecond)
	m.update(1000, 1000) // the last one is drawn however soon, and ends the line
	if got := buf.String(); !strings.HasPrefix(got, "\r[####################] indexing 1000/1000 entries (") || !strings.HasSuffix(got, ")   \n") {
		t.Fatalf("final draw: %q", got)
	}
	buf.Reset()
	m.done()
	if buf.Len() != 0 {
		t.Fatalf("done after the line ended: %q", buf.String())
	}
	// A second pass starts its own line; done ends it as it stands.
	m.update(3, 0)
	c.add(time.Millisecond)
	m.update(2, 0) // went back: another pass
	m.done()
	if got := buf.String(); got != "\rindexing 3 entries   \n\rindexing 2 entries   \rindexing 2 entries   \n" {
		t.Fatalf("passes: %q", got)
	}
}

func TestMeterTicks(t *testing.T) {
	var buf bytes.Buffer
	c := &fakeClock{t: time.Unix(1e9, 0)}
	m := testMeter(&buf, c)
	m.what = "re-encrypting"
	stop := m.ticking()
	stop()
	stop() // twice is fine
	if got := buf.String(); got != "\rre-encrypting ... 0s   \n" {
		t.Fatalf("ticking: %q", got)
	}
}

// TestMeterSilentOffTerminal: stderr that is not a terminal (a buffer
// here, a pipe or a file in use) gets nothing, and the store is given no
// callback.
func TestMeterSilentOffTerminal(t *testing.T) {
	var errb bytes.Buffer
	e := &env{stderr: &errb}
	m := newMeter(e, "indexing", "entries")
	if m.active() || m.callback() != nil || len(e.meters) != 0 {
		t.Fatal("a meter is active off a terminal")
	}
	m.update(1, 2)
	m.ticking()()
	m.done()
	if errb.Len() != 0 {
		t.Fatalf("drew %q", errb.String())
	}
}
