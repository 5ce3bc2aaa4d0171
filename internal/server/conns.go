package server

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// The connection policy. At most n connections are open. When another
// arrives and all n are taken, the one that has gone longest without a
// request in a handler is closed to make room: an idle keep-alive
// connection, or one still sending its request headers (an agent sends them
// in microseconds; a flooder dribbles them for the whole header timeout).
// A request being handled is never cut off; only when all n are in handlers
// does the new connection wait. So a flood of connections, idle or slow,
// larger than the limit costs agents at most a reconnect, never a timeout.
// Clients that fail authentication are also told to close (Connection:
// close) so that they give their slot back at once.

// connLimit is a listener that applies the connection policy.
type connLimit struct {
	net.Listener
	n     int
	now   func() time.Time
	mu    sync.Mutex
	conns map[*trackedConn]struct{}
	freed chan struct{} // a slot was freed or a handler ended
	done  chan struct{}
	once  sync.Once
}

func newConnLimit(l net.Listener, n int, now func() time.Time) *connLimit {
	return &connLimit{Listener: l, n: n, now: now, conns: map[*trackedConn]struct{}{},
		freed: make(chan struct{}, 1), done: make(chan struct{})}
}

// trackedConn is a connection the policy knows: whether a handler is
// running on it, and since when it has been without one.
type trackedConn struct {
	net.Conn
	l     *connLimit
	busy  int       // handlers running (one with HTTP/1.1)
	since time.Time // accepted, or its last handler ended
	once  sync.Once
}

func (l *connLimit) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: c, l: l, since: l.now()}
	for {
		l.mu.Lock()
		if len(l.conns) < l.n {
			l.conns[tc] = struct{}{}
			l.mu.Unlock()
			return tc, nil
		}
		victim := l.oldestIdle()
		l.mu.Unlock()
		if victim != nil {
			victim.Close()
			continue
		}
		select {
		case <-l.freed:
		case <-l.done:
			c.Close()
			return nil, net.ErrClosed
		}
	}
}

// oldestIdle returns the connection without a running handler that has been
// so longest, or nil. The caller holds l.mu.
func (l *connLimit) oldestIdle() *trackedConn {
	var v *trackedConn
	for c := range l.conns {
		if c.busy == 0 && (v == nil || c.since.Before(v.since)) {
			v = c
		}
	}
	return v
}

func (l *connLimit) signal() {
	select {
	case l.freed <- struct{}{}:
	default:
	}
}

func (l *connLimit) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c)
		c.l.mu.Unlock()
		c.l.signal()
	})
	return err
}

type connKey struct{}

// connContext puts the tracked connection into its requests' contexts
// (http.Server.ConnContext).
func connContext(ctx context.Context, c net.Conn) context.Context {
	if tc, ok := c.(*trackedConn); ok {
		return context.WithValue(ctx, connKey{}, tc)
	}
	return ctx
}

// inHandler marks the request's connection busy while h runs, so that the
// policy never closes it under a request.
func inHandler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tc, ok := r.Context().Value(connKey{}).(*trackedConn)
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		l := tc.l
		l.mu.Lock()
		tc.busy++
		l.mu.Unlock()
		defer func() {
			l.mu.Lock()
			tc.busy--
			tc.since = l.now()
			l.mu.Unlock()
			l.signal()
		}()
		h.ServeHTTP(w, r)
	})
}
