package main

import (
	"bytes"
	"os"
	"testing"
)

// TestUpToDate fails when engine.js's opcode table is not optim's: run
// go generate ./optim.
func TestUpToDate(t *testing.T) {
	src, err := os.ReadFile(enginePath())
	if err != nil {
		t.Fatal(err)
	}
	out, err := Rewrite(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, src) {
		t.Error("layouts/static/engine.js has a stale opcode table; run go generate ./optim")
	}
}
