package mcpserver

import (
	"context"
	"io"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Stdio returns the transport for an MCP server on stdin and stdout (r and
// w; neither is closed). Unlike the SDK's own stdio transport, the end of
// r does not end the session at once: a client may write its requests and
// close stdin straight away, and every request read before the end is
// answered first. (The SDK cancels what is in flight when its reader
// reports the end, and then drops the answers.)
func Stdio(r io.Reader, w io.Writer) mcp.Transport {
	return &stdio{r: r, w: w}
}

type stdio struct {
	r io.Reader
	w io.Writer
}

func (t *stdio) Connect(ctx context.Context) (mcp.Connection, error) {
	inner, err := (&mcp.IOTransport{Reader: io.NopCloser(t.r), Writer: nopWriteCloser{t.w}}).Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &drainConn{Connection: inner, pending: map[jsonrpc.ID]bool{}, changed: make(chan struct{})}, nil
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// drainConn holds back the end of its input until every call it has read
// has been answered, the output has failed (no answer can be delivered),
// or the connection is closed.
type drainConn struct {
	mcp.Connection
	mu      sync.Mutex
	pending map[jsonrpc.ID]bool // calls read and not yet answered
	stop    bool                // closed, or the output failed
	changed chan struct{}       // closed (and replaced) when any of that changes
}

func (c *drainConn) Read(ctx context.Context) (jsonrpc.Message, error) {
	msg, err := c.Connection.Read(ctx)
	if err == nil {
		if req, ok := msg.(*jsonrpc.Request); ok && req.IsCall() {
			c.mu.Lock()
			c.pending[req.ID] = true
			c.mu.Unlock()
		}
		return msg, nil
	}
	for {
		c.mu.Lock()
		done, changed := len(c.pending) == 0 || c.stop, c.changed
		c.mu.Unlock()
		if done {
			return nil, err
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, err
		}
	}
}

func (c *drainConn) Write(ctx context.Context, msg jsonrpc.Message) error {
	err := c.Connection.Write(ctx, msg)
	resp, answer := msg.(*jsonrpc.Response)
	if answer || err != nil {
		c.mu.Lock()
		if answer {
			delete(c.pending, resp.ID)
		}
		if err != nil {
			c.stop = true
		}
		c.signalLocked()
		c.mu.Unlock()
	}
	return err
}

func (c *drainConn) Close() error {
	c.mu.Lock()
	c.stop = true
	c.signalLocked()
	c.mu.Unlock()
	return c.Connection.Close()
}

func (c *drainConn) signalLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}
