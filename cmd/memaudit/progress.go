package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/memaudit/memaudit/internal/termsafe"
)

// meter shows how far a long piece of work has got, on one line of stderr
// redrawn in place, only when stderr is a terminal: a log file or a pipe
// gets no carriage returns (the commands say what they did when they are
// done, as before). It is the one progress display of the CLI: index
// rebuilds and catch-ups at open, rotate-key, import, export and scan.
//
//	m := newMeter(e, "importing", "entries")
//	defer m.done()
//	for ... { m.update(n, total) } // total 0 when unknown
//
// or, for store.Options.Progress, o.Progress = m.callback(). For work that
// has no count to show (re-encrypting the database), m.ticking() redraws
// the time it has taken until its stop function is called.
//
// A meter is safe for concurrent use. It draws at most ten times a second,
// and always the last update of a count that reaches its total; a new count
// after that (the store reports each pass of a rebuild) starts a new line.
// What it draws is the CLI's own words and numbers: it goes through
// termsafe.Raw for the carriage return.
type meter struct {
	w    io.Writer // nil: stderr is not a terminal, draw nothing
	what string    // "indexing"
	unit string    // "entries"
	now  func() time.Time

	mu      sync.Mutex
	start   time.Time // of the current count
	drawn   time.Time // when the line was last drawn
	shown   bool      // a line is on screen and not yet ended
	n, last int       // the current count, and the one before
	total   int
}

// meterRedraw is the least time between two redraws.
const meterRedraw = 100 * time.Millisecond

// newMeter returns a meter for e's stderr.
func newMeter(e *env, what, unit string) *meter {
	m := &meter{what: what, unit: unit, now: time.Now}
	if isTerminal(e.stderr) {
		m.w = termsafe.Raw(e.stderr)
		e.meters = append(e.meters, m)
	}
	return m
}

// active reports whether the meter draws anything.
func (m *meter) active() bool { return m.w != nil }

// callback returns update for store.Options.Progress, or nil when nothing
// is drawn (the store then does not count for it).
func (m *meter) callback() func(done, total int) {
	if !m.active() {
		return nil
	}
	return m.update
}

// update reports done of total (total 0: unknown).
func (m *meter) update(done, total int) {
	if !m.active() {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if !m.shown || done < m.n {
		// A new count: a new line, and a new start for the rate.
		if m.shown {
			fmt.Fprintln(m.w)
		}
		m.start, m.drawn, m.shown = now, time.Time{}, true
	}
	m.n, m.total = done, total
	final := total > 0 && done >= total
	if !final && now.Sub(m.drawn) < meterRedraw {
		return
	}
	m.drawLocked(now)
	if final {
		fmt.Fprintln(m.w)
		m.shown = false
	}
}

func (m *meter) drawLocked(now time.Time) {
	m.drawn = now
	elapsed := now.Sub(m.start)
	var b strings.Builder
	b.WriteString("\r")
	if m.total > 0 {
		b.WriteString(bar(m.n, m.total) + " ")
	}
	fmt.Fprintf(&b, "%s %d", m.what, m.n)
	if m.total > 0 {
		fmt.Fprintf(&b, "/%d", m.total)
	}
	fmt.Fprintf(&b, " %s", m.unit)
	if elapsed >= time.Second && m.n > 0 {
		rate := float64(m.n) / elapsed.Seconds()
		fmt.Fprintf(&b, " (%.0f/s", rate)
		if m.total > m.n {
			left := time.Duration(float64(m.total-m.n) / rate * float64(time.Second))
			fmt.Fprintf(&b, ", about %s left", left.Round(time.Second))
		}
		b.WriteString(")")
	}
	b.WriteString("   ") // over the tail of a longer line before
	io.WriteString(m.w, b.String())
}

// ticking draws "what ... 3s" once a second until stop is called, for work
// that reports no count; stop ends the line.
func (m *meter) ticking() (stop func()) {
	if !m.active() {
		return func() {}
	}
	start := m.now()
	m.mu.Lock()
	m.n = 0 // a meter ticks or counts, not both
	m.mu.Unlock()
	draw := func() {
		m.mu.Lock()
		fmt.Fprintf(m.w, "\r%s ... %s   ", m.what, m.now().Sub(start).Round(time.Second))
		m.shown = true
		m.mu.Unlock()
	}
	draw()
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				draw()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(quit)
			<-finished
			m.done()
		})
	}
}

// done ends the line if one is shown (the last count drawn as it stood).
func (m *meter) done() {
	if !m.active() {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shown {
		if m.n > 0 {
			m.drawLocked(m.now())
		}
		fmt.Fprintln(m.w)
		m.shown = false
	}
}
