package lesson

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSampleCourse builds ../content cold (a fresh figure cache each
// time) and warm (figures cached, as cmd/serve rebuilds).
func BenchmarkSampleCourse(b *testing.B) {
	if _, err := os.Stat("../content/site.yaml"); err != nil {
		b.Skip("no sample course")
	}
	content := os.DirFS("../content")
	out := filepath.Join(b.TempDir(), "public")
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(context.Background(), Options{Content: content, Out: out}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		cache := &Cache{}
		Build(context.Background(), Options{Content: content, Out: out, Cache: cache})
		for b.Loop() {
			if _, err := Build(context.Background(), Options{Content: content, Out: out, Cache: cache}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
