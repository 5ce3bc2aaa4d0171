// Package backup copies memaudit vaults to object storage (any S3-compatible
// service) or a local directory, encrypted and authenticated under keys
// derived from each vault's data key, and restores them.
//
// A backup is a consistent snapshot of the vault's database taken while
// agents keep writing (store.Snapshot), cut into 1 KiB pages. Pages are
// named by a keyed hash and stored in packs of up to 1 MiB; a snapshot's
// manifest says which pack and slot holds each page, so a second backup
// uploads only the pages that changed (and a manifest listing them). Every
// object is sealed (AES-256-GCM, a key per object) under keys only the
// vault's key slots open; object names are random or keyed hashes and reveal
// nothing about the content. The object layout is in docs/format.md.
//
// The engine talks to storage through Target, four operations on whole
// objects; Open makes one from "s3://bucket/prefix" (endpoint, region and
// credentials the standard AWS way: environment variables and shared
// configuration files, never the vault) or a directory path.
//
// The search index is not backed up: it is a cache of the database, and the
// first writable open of a restored vault rebuilds it.
package backup
