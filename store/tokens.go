package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
	"github.com/memaudit/memaudit/segment"
)

// Right is one thing a service token lets its holder do.
type Right string

// Rights a token can carry.
const (
	RightRemember Right = "remember"
	RightRecall   Right = "recall" // also get and listing segments
	RightForget   Right = "forget"
	RightAudit    Right = "audit" // the auditor's findings
)

// Rights lists every right, for help texts and validation.
var Rights = []Right{RightRemember, RightRecall, RightForget, RightAudit}

// ActionToken is the mutation-log action for creating and revoking tokens.
const ActionToken = "token"

// tokenPrefix starts every token so that it is recognisable (and findable
// by the auditor when someone pastes one into memory).
const tokenPrefix = "mat_"

var (
	// ErrBadToken: the token is malformed, unknown or revoked. The three
	// are not told apart, so that a caller learns nothing from guessing.
	ErrBadToken = errors.New("invalid or revoked token")
	// ErrTokenExpired: the token was valid and its time is up.
	ErrTokenExpired = errors.New("token expired")
	// ErrInvalidToken: a token request is malformed (no segment, an
	// unknown right, a bad glob).
	ErrInvalidToken = errors.New("invalid token request")
)

// TokenSpec says what a new token may do.
type TokenSpec struct {
	// Segments are globs (segment.Match) of the segments the token reaches.
	Segments []string
	// Rights the token carries.
	Rights []Right
	// TTL, when set, makes the token expire after it.
	TTL time.Duration
	// Label is a note for the operator (which agent holds it).
	Label string
}

// Token describes a service token. It never holds the secret.
type Token struct {
	ID       string    `json:"id"`
	Label    string    `json:"label,omitempty"`
	Segments []string  `json:"segments"`
	Rights   []Right   `json:"rights"`
	Created  time.Time `json:"created"`
	Expires  time.Time `json:"expires,omitzero"`
	Revoked  time.Time `json:"revoked,omitzero"`
}

// Can says whether the token carries r.
func (t *Token) Can(r Right) bool { return slices.Contains(t.Rights, r) }

// Covers says whether the token reaches the segment name.
func (t *Token) Covers(name string) bool {
	for _, g := range t.Segments {
		if segment.Match(g, name) {
			return true
		}
	}
	return false
}

// CreateToken makes a token and returns it with its description. The
// token is shown once: the vault keeps only a hash of its secret.
func (s *Store) CreateToken(ctx context.Context, spec TokenSpec) (string, *Token, error) {
	if err := s.checkWritable("creating a token"); err != nil {
		return "", nil, err
	}
	if len(spec.Segments) == 0 {
		return "", nil, fmt.Errorf("%w: at least one segment glob is needed", ErrInvalidToken)
	}
	for _, g := range spec.Segments {
		if err := segment.ValidateGlob(g); err != nil {
			return "", nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
		}
	}
	if len(spec.Rights) == 0 {
		return "", nil, fmt.Errorf("%w: at least one right is needed", ErrInvalidToken)
	}
	for _, r := range spec.Rights {
		if !slices.Contains(Rights, r) {
			return "", nil, fmt.Errorf("%w: unknown right %q", ErrInvalidToken, string(r))
		}
	}
	if spec.TTL < 0 {
		return "", nil, fmt.Errorf("%w: negative ttl", ErrInvalidToken)
	}
	if strings.ContainsFunc(spec.Label, func(r rune) bool { return r < ' ' || r == 0x7f }) || len(spec.Label) > 200 {
		return "", nil, fmt.Errorf("%w: label has control characters or is longer than 200 bytes", ErrInvalidToken)
	}
	t := &Token{ID: vaultcrypto.NewID(8), Label: spec.Label, Segments: slices.Clone(spec.Segments),
		Rights: slices.Clone(spec.Rights), Created: s.opts.Now().UTC()}
	slices.Sort(t.Rights)
	t.Rights = slices.Compact(t.Rights)
	if spec.TTL > 0 {
		t.Expires = t.Created.Add(spec.TTL)
		if err := checkTime("expiry", t.Expires); err != nil {
			return "", nil, fmt.Errorf("%w: ttl too long: %w", ErrInvalidToken, err)
		}
	}
	sec := vaultcrypto.NewTokenSecret()
	hash := vaultcrypto.TokenHash(sec)
	segs, _ := json.Marshal(t.Segments)
	rights, _ := json.Marshal(t.Rights)
	var expires int64
	if !t.Expires.IsZero() {
		expires = toNanos(t.Expires)
	}
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return "", nil, classify(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO tokens(id, hash, label, segments, rights, created, expires)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, t.ID, hash, t.Label, string(segs), string(rights), toNanos(t.Created), expires); err != nil {
		return "", nil, classify(err)
	}
	detail := fmt.Sprintf("create %s segments=%s rights=%s", t.ID, segs, rights)
	if !t.Expires.IsZero() {
		detail += " expires=" + t.Expires.Format(time.RFC3339)
	}
	if err := s.appendLog(ctx, tx, t.Created, ActionToken, "", detail); err != nil {
		return "", nil, err
	}
	if err := tx.Commit(); err != nil {
		return "", nil, classify(err)
	}
	return tokenPrefix + t.ID + "_" + sec, t, nil
}

// Tokens lists every token, revoked ones too, oldest first.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, label, segments, rights, created, expires, revoked
		FROM tokens ORDER BY created, id`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		t, _, err := scanToken(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, classify(rows.Err())
}

// RevokeToken revokes a token by id; requests with it fail from then on,
// in every process serving the vault.
func (s *Store) RevokeToken(ctx context.Context, id string) error {
	if err := s.checkWritable("revoking a token"); err != nil {
		return err
	}
	tx, err := s.db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	now := s.opts.Now()
	res, err := tx.ExecContext(ctx, "UPDATE tokens SET revoked = ? WHERE id = ? AND revoked = 0", toNanos(now), id)
	if err != nil {
		return classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: no unrevoked token %q", ErrNotFound, id)
	}
	if err := s.appendLog(ctx, tx, now, ActionToken, "", "revoke "+id); err != nil {
		return err
	}
	return classify(tx.Commit())
}

// Authenticate checks a token and returns what it may do. It reads the
// vault every time, so a revocation by another process counts at once.
func (s *Store) Authenticate(ctx context.Context, token string) (*Token, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	id, sec, ok2 := strings.Cut(rest, "_")
	if !ok || !ok2 || len(id) != 16 || len(sec) != 43 {
		return nil, ErrBadToken
	}
	row := s.db.r.QueryRowContext(ctx, `SELECT id, label, segments, rights, created, expires, revoked, hash
		FROM tokens WHERE id = ?`, id)
	t, hash, err := scanToken(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, err
	}
	if !vaultcrypto.Equal(vaultcrypto.TokenHash(sec), hash) || !t.Revoked.IsZero() {
		return nil, ErrBadToken
	}
	if !t.Expires.IsZero() && !s.opts.Now().Before(t.Expires) {
		return nil, ErrTokenExpired
	}
	return t, nil
}

func scanToken(row interface{ Scan(...any) error }, withHash bool) (*Token, []byte, error) {
	var t Token
	var segs, rights string
	var created, expires, revoked int64
	var hash []byte
	dest := []any{&t.ID, &t.Label, &segs, &rights, &created, &expires, &revoked}
	if withHash {
		dest = append(dest, &hash)
	}
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, err
		}
		return nil, nil, classify(err)
	}
	if json.Unmarshal([]byte(segs), &t.Segments) != nil || json.Unmarshal([]byte(rights), &t.Rights) != nil {
		return nil, nil, fmt.Errorf("%w: a token's segments or rights", ErrCorrupt)
	}
	t.Created = fromNanos(created)
	if expires != 0 {
		t.Expires = fromNanos(expires)
	}
	if revoked != 0 {
		t.Revoked = fromNanos(revoked)
	}
	return &t, hash, nil
}
