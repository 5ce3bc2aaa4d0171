package store

import (
	"encoding/binary"
	"errors"
)

// SQLite's write-ahead log format (sqlite.org/walformat.html), read by
// Snapshot to lay the log's committed frames over the database file's pages:
// a backup then holds the database as of one commit, with no log beside it.
//
// Header (32 bytes, big-endian): magic 0x377f0682 or 0x377f0683 (the low bit
// says whether checksums read words big-endian), version, page size,
// checkpoint sequence, salt-1, salt-2, checksum-1, checksum-2 (of bytes 0-23).
// Each frame: page number, database size in pages after a commit (0 for
// frames that do not end a transaction), salt-1, salt-2, checksum-1,
// checksum-2, then the page. A frame's checksum runs over the previous
// frame's (or the header's), its first 8 header bytes and the page.
// Frames count only while their salts match the header's and their
// checksums chain; everything after the last commit frame that does is not
// part of the database (an uncommitted or abandoned write, or an older
// generation of the log).

const (
	walHeaderSize      = 32
	walFrameHeaderSize = 24
	walMagic           = 0x377f0682
)

// walImage is the committed content of a write-ahead log: the newest
// frame of each page, and the database's size after the last commit.
type walImage struct {
	pages map[uint32][]byte // page number (from 1) -> page bytes
	// dbPages is the database's size in pages after the last commit, 0
	// when the log holds no commit.
	dbPages uint32
}

var errWALPageSize = errors.New("write-ahead log has another page size")

// parseWAL reads a write-ahead log's committed frames. A log that is empty,
// short or not a log at all holds no commit.
func parseWAL(b []byte, pageSize int) (*walImage, error) {
	img := &walImage{pages: map[uint32][]byte{}}
	if len(b) < walHeaderSize {
		return img, nil
	}
	magic := binary.BigEndian.Uint32(b[0:])
	if magic&^1 != walMagic {
		return img, nil
	}
	bigEnd := magic&1 == 1
	if int(binary.BigEndian.Uint32(b[8:])) != pageSize {
		return nil, errWALPageSize
	}
	s1, s2 := walChecksum(bigEnd, 0, 0, b[:24])
	if s1 != binary.BigEndian.Uint32(b[24:]) || s2 != binary.BigEndian.Uint32(b[28:]) {
		return img, nil
	}
	salt1, salt2 := binary.BigEndian.Uint32(b[16:]), binary.BigEndian.Uint32(b[20:])
	pending := map[uint32][]byte{}
	frame := walFrameHeaderSize + pageSize
	for off := walHeaderSize; off+frame <= len(b); off += frame {
		h := b[off : off+walFrameHeaderSize]
		if binary.BigEndian.Uint32(h[8:]) != salt1 || binary.BigEndian.Uint32(h[12:]) != salt2 {
			break
		}
		page := b[off+walFrameHeaderSize : off+frame]
		s1, s2 = walChecksum(bigEnd, s1, s2, h[:8])
		s1, s2 = walChecksum(bigEnd, s1, s2, page)
		if s1 != binary.BigEndian.Uint32(h[16:]) || s2 != binary.BigEndian.Uint32(h[20:]) {
			break
		}
		pgno := binary.BigEndian.Uint32(h[0:])
		if pgno == 0 {
			break
		}
		pending[pgno] = page
		if commit := binary.BigEndian.Uint32(h[4:]); commit != 0 {
			for k, v := range pending {
				img.pages[k] = v
			}
			clear(pending)
			img.dbPages = commit
		}
	}
	return img, nil
}

// walChecksum is SQLite's WAL checksum over b (a multiple of 8 bytes).
func walChecksum(bigEnd bool, s1, s2 uint32, b []byte) (uint32, uint32) {
	word := binary.LittleEndian.Uint32
	if bigEnd {
		word = binary.BigEndian.Uint32
	}
	for i := 0; i+8 <= len(b); i += 8 {
		s1 += word(b[i:]) + s2
		s2 += word(b[i+4:]) + s1
	}
	return s1, s2
}
