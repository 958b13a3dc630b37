// Package store keeps what one build hands the next: computed values (the
// figures) in a Cache, in memory or in a folder, the record of which page of
// a site was made from what, and the site itself, written whole into a
// folder and swapped in atomically, or held in memory for the preview.
//
// It imports only the standard library and x/sys; it knows nothing of
// figures, Markdown or templates (values are opaque, stored as their gob
// and the large strings they give as Blobs), and must never import the
// packages of the site build.
//
// # The cache folder
//
// A Cache opened on a folder keeps values there between processes. The files live in
// a subfolder named by formatVersion and a hash of the running executable,
// so a build never reads what a different program wrote.
//
// Figures are kept in pack files, not one file each: creating a file costs
// far more than writing a figure's bytes. A build that computes figures
// appends each, as it comes, to one new pack under a temporary name; at the
// end (flush) it appends an index of its entries and a trailer and renames
// the pack to a unique name, so readers see only whole packs, and builds
// sharing the folder each write their own. The pack goes to the disk with
// direct writes where the file system has them (packWriter), not through
// the page cache. A pack is
//
//	header   packHeader
//	entries  one after another, each the gob of a value without its blobs
//	         (Blobs), then the blobs, their lengths and their count, each
//	         length and the count 8 bytes little-endian
//	index    uvarint count, then per entry: uvarint key length, key,
//	         uvarint offset, uvarint length, the entry's CRC-32C (4 bytes)
//	trailer  index offset (8 bytes), index length (8), CRC-32C of the
//	         index (4), packMagic (12), all little-endian
//
// The CRCs are a check against damage, not against forgery: the folder is
// the user's own. A pack or entry that is damaged all the same is ignored,
// and its figures recomputed. The indexes are read at the first get of a
// build, not before: a build that reuses every page reads none of them
// until flush, where it reads them only to learn which packs it depends on.
//
// Files and subfolders unused for maxAge are removed, at most once a day. A
// pack is used by a build that read an entry from it or kept a figure in it
// (retain); flush touches those. A course whose kept figures are spread
// over more than maxPacks packs has those outside its largest pack copied
// into the build's new pack, so it depends on two packs again; packs left
// with nothing that was not copied are removed, the others age out.
//
// The record of a site built into a folder (a SiteRecord) is one file per
// output folder: a header, the CRC-32C of its payload and the gob, written
// to a temporary name and renamed.
package store
