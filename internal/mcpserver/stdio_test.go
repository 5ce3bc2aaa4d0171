package mcpserver_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memaudit/memaudit/internal/mcpserver"
	"github.com/memaudit/memaudit/store"
)

// lockedBuffer is a bytes.Buffer the server may write while the test
// reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestStdioAnswersEverythingBeforeEOF: a client that writes its requests
// and closes stdin at once gets an answer to every one of them, and what
// they asked for is done.
func TestStdioAnswersEverythingBeforeEOF(t *testing.T) {
	ctx := context.Background()
	st, sc := guardedVault(t)
	srv, err := mcpserver.New(st, mcpserver.Config{Segments: []string{"skill/**"}, Session: "batch", Scanner: sc,
		Rights: []store.Right{store.RightRemember, store.RightRecall, store.RightForget, store.RightAudit}})
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	line := func(v map[string]any) {
		v["jsonrpc"] = "2.0"
		b, _ := json.Marshal(v)
		in.Write(append(b, '\n'))
	}
	line(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"protocolVersion": "2025-06-18",
		"capabilities": map[string]any{}, "clientInfo": map[string]any{"name": "batch", "version": "v0"}}})
	line(map[string]any{"method": "notifications/initialized"})
	line(map[string]any{"id": 2, "method": "tools/list"})
	const n = 20
	for i := range n {
		line(map[string]any{"id": 10 + i, "method": "tools/call", "params": map[string]any{"name": "remember",
			"arguments": map[string]any{"segment": "skill/notes", "text": fmt.Sprintf("note number %d about the build", i)}}})
	}
	line(map[string]any{"id": 3, "method": "tools/call", "params": map[string]any{"name": "audit_findings", "arguments": map[string]any{}}})
	line(map[string]any{"id": 4, "method": "tools/call", "params": map[string]any{"name": "segments", "arguments": map[string]any{}}})

	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, mcpserver.Stdio(strings.NewReader(in.String()), out)) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server did not end after its input did")
	}
	answered := map[float64]bool{}
	sc2 := bufio.NewScanner(strings.NewReader(out.String()))
	sc2.Buffer(nil, 1<<20)
	for sc2.Scan() {
		var resp struct {
			ID     *float64        `json:"id"`
			Error  json.RawMessage `json:"error"`
			Result struct {
				IsError bool `json:"isError"`
			} `json:"result"`
		}
		if err := json.Unmarshal(sc2.Bytes(), &resp); err != nil || resp.ID == nil {
			continue
		}
		if resp.Error != nil || resp.Result.IsError {
			t.Errorf("request %v failed: %s", *resp.ID, sc2.Text())
		}
		answered[*resp.ID] = true
	}
	for _, id := range append([]int{1, 2, 3, 4}, func() []int {
		var ids []int
		for i := range n {
			ids = append(ids, 10+i)
		}
		return ids
	}()...) {
		if !answered[float64(id)] {
			t.Errorf("request %d was not answered", id)
		}
	}
	stats, _ := st.Stats(ctx)
	if stats.ByStatus[store.StatusActive] != n {
		t.Fatalf("%d entries stored, want %d", stats.ByStatus[store.StatusActive], n)
	}
}
