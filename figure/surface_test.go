package figure

import (
	"context"
	"strings"
	"testing"

	"descent/diag"
)

// TestSurfaceView: view: [surface] draws the surface and no contour plot,
// carries the height grid, and takes the catalog's camera unless camera:
// sets a key.
func TestSurfaceView(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, extra, camera string
		contour             bool
	}{
		{"default camera", "view: [surface]\n", `data-camera="-70 45"`, false},
		{"both views", "view: [contour, surface]\ncamera: {elevation: 60}\n", `data-camera="-70 60"`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := "function: rosenbrock\nstart: [-1.5, 2.5]\nsteps: 20\nruns:\n  - optimizer: gd\n    lr: 0.001\n" + tt.extra
			l := &diag.List{}
			spec, ok := Decode([]byte(src), 0, l)
			if !ok {
				t.Fatal(l.Errs)
			}
			d, err := Compute(context.Background(), spec, "f", &Memo{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Surface, tt.camera) {
				t.Errorf("surface lacks %s: %.400s", tt.camera, d.Surface)
			}
			if (d.Main != "") != tt.contour {
				t.Errorf("contour plot drawn: %v, want %v", d.Main != "", tt.contour)
			}
			if !strings.Contains(d.JSON, `"surface":{"nx":40,"ny":40,"heights":[`) {
				t.Errorf("the data carries no height grid")
			}
		})
	}
}
