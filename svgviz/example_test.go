package svgviz_test

import (
	"fmt"
	"os"

	"descent/svgviz"
)

func ExampleContours() {
	// f = x² + y² on a 3×3 grid over [-1, 1]²: the isoline at 0.5 is a
	// diamond around the centre, counterclockwise and closed.
	g := svgviz.Grid{
		Domain: svgviz.Domain{X0: -1, X1: 1, Y0: -1, Y1: 1},
		NX:     3, NY: 3,
		Values: []float64{2, 1, 2, 1, 0, 1, 2, 1, 2},
	}
	for _, c := range svgviz.Contours(g, 0.5) {
		fmt.Println(c.Closed(), c)
	}
	// Output:
	// true [{-0.5 0} {0 -0.5} {0.5 0} {0 0.5} {-0.5 0}]
}

func ExampleColor() {
	fmt.Println(svgviz.Color(0), svgviz.Color(1), svgviz.Color(7), svgviz.Color(24))
	// Output: #0072b2 #d55e00 #332288 #0072b2
}

func ExampleLossPlot_WriteSVG() {
	p := svgviz.LossPlot{
		ID: "demo-loss",
		Runs: []svgviz.Run{{
			Label: "gd, lr=0.1",
			Loss:  []float64{4, 2.6, 1.7, 1.1, 0.7},
		}},
		Width: 320, Height: 160,
	}
	if err := p.WriteSVG(os.Stdout); err != nil {
		fmt.Println(err)
	}
}
