package backup

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// Open returns the target an operator names: "s3://bucket/prefix" for a
// bucket (configured the standard AWS way, see NewS3), anything else a
// local directory.
func Open(ctx context.Context, addr string) (Target, error) {
	if !strings.HasPrefix(addr, "s3://") {
		if addr == "" || strings.Contains(addr, "://") {
			return nil, fmt.Errorf("%w: %q (want s3://bucket/prefix or a directory)", ErrBadTarget, addr)
		}
		return NewDir(addr)
	}
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.User != nil {
		return nil, fmt.Errorf("%w: %q (want s3://bucket/prefix)", ErrBadTarget, addr)
	}
	return NewS3(ctx, u.Host, strings.Trim(u.Path, "/"))
}
