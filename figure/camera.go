package figure

import (
	"fmt"
	"slices"

	"descent/diag"
	"descent/svgviz"
	"descent/yamlnode"
)

// The surface view's camera: a default per catalog function that shows its
// features, and camera: {azimuth, elevation} to set it.

// defaultCameras are the catalog's views, in degrees (svgviz.Camera): the
// valley of Rosenbrock along its length, the saddle's two slopes, the
// four basins of Himmelblau. Other functions get svgviz.DefaultCamera.
var defaultCameras = map[string]svgviz.Camera{
	"quadratic":        {Azimuth: -60, Elevation: 30},
	"saddle":           {Azimuth: -50, Elevation: 30},
	"monkey-saddle":    {Azimuth: -60, Elevation: 35},
	"rosenbrock":       {Azimuth: -70, Elevation: 45},
	"himmelblau":       {Azimuth: -60, Elevation: 40},
	"beale":            {Azimuth: -50, Elevation: 40},
	"booth":            {Azimuth: -60, Elevation: 30},
	"matyas":           {Azimuth: -45, Elevation: 30},
	"goldstein-price":  {Azimuth: -60, Elevation: 45},
	"rastrigin":        {Azimuth: -60, Elevation: 50},
	"ackley":           {Azimuth: -60, Elevation: 35},
	"three-hump-camel": {Azimuth: -60, Elevation: 40},
	"six-hump-camel":   {Azimuth: -70, Elevation: 40},
	"styblinski-tang":  {Azimuth: -60, Elevation: 35},
	"levi":             {Azimuth: -60, Elevation: 40},
	"mccormick":        {Azimuth: -120, Elevation: 35},
	"easom":            {Azimuth: -60, Elevation: 30},
	"plateau":          {Azimuth: -60, Elevation: 30},
	"sine-bowl":        {Azimuth: -60, Elevation: 45},
}

// Camera limits, in degrees: any azimuth once round either way, and an
// elevation from side on to straight above.
const (
	maxAzimuth   = 360
	minElevation = 0
	maxElevation = 90
)

// camera returns the figure's camera: the author's, or the function's
// default. defaultCameras is read, never written.
func (s *Spec) camera() svgviz.Camera {
	if s.Camera != nil {
		return *s.Camera
	}
	if s.Catalog != nil {
		if c, ok := defaultCameras[s.Catalog.Name]; ok {
			return c
		}
	}
	return svgviz.DefaultCamera()
}

// decodeCamera reads camera: {azimuth: -60, elevation: 30}; either key may
// be left out for the function's default.
func (s *Spec) decodeCamera(p yamlnode.Pair, base int, l *diag.List) {
	pairs, ok := yamlnode.Mapping(p.Val, base, "camera", l)
	if !ok {
		return
	}
	c := s.camera()
	for _, q := range pairs {
		key := "camera." + q.Key
		if !slices.Contains([]string{"azimuth", "elevation"}, q.Key) {
			l.Add(base+q.Line, key, "unknown key; a camera takes azimuth and elevation, in degrees")
			continue
		}
		v, err := yamlnode.Number(q.Val)
		switch {
		case err != nil:
		case q.Key == "azimuth" && (v < -maxAzimuth || v > maxAzimuth):
			err = fmt.Errorf("%v degrees is out of range; an azimuth is from %d to %d", v, -maxAzimuth, maxAzimuth)
		case q.Key == "elevation" && (v < minElevation || v > maxElevation):
			err = fmt.Errorf("%v degrees is out of range; an elevation is from %d (side on) to %d (from above)", v, minElevation, maxElevation)
		}
		if err != nil {
			l.Add(base+q.Line, key, "%v", err)
			continue
		}
		if q.Key == "azimuth" {
			c.Azimuth = v
		} else {
			c.Elevation = v
		}
	}
	s.Camera = &c
}
