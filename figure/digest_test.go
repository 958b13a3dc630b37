package figure

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"descent/diag"
)

// landscapeRE finds the landscape blocks of a lesson.
var landscapeRE = regexp.MustCompile("(?ms)^```landscape\\s*\\n(.*?)^```")

// digestCorpus is every directive of the sample course, and a few that
// reach the corners of the math: huge arguments to the trigonometric
// functions, powers, the hyperbolic functions and the regression.
func digestCorpus(t *testing.T) map[string]string {
	t.Helper()
	corpus := map[string]string{
		"trig-huge": "function: \"sin(1e9*x) + cos(3e9*y) + tan(x*y)\"\ndomain: {x: [1, 2], y: [1, 2]}\nstart: [1.5, 1.5]\nsteps: 50\nruns: [{optimizer: gd, lr: 1e-12}]\n",
		"hyper":     "function: \"tanh(x) + sinh(y/3) + cosh(x/4) + atan(x*y) + exp(-x^2) + log(1 + y^2)\"\nstart: [0.3, -2]\nsteps: 200\nruns: [{optimizer: adam, lr: 0.05}, {optimizer: nadam}, {optimizer: adamax}]\n",
		"powers":    "function: \"abs(x)^1.5 + abs(y)^0.7 + (x^2+1)^y + sqrt(x^2 + y^2 + 1)\"\nstart: [1, 1]\nsteps: 100\nruns: [{optimizer: rmsprop}, {optimizer: adagrad}, {optimizer: adadelta}, {optimizer: nesterov, lr: 0.01}]\n",
		"piecewise": "function: \"max(abs(x) - 1, 0) + relu(y)^2 + sigmoid(x*y) + min(x, y) + log1p(x^2) + 0.1*expm1(y)\"\nstart: [1.5, -1]\nsteps: 120\nruns: [{optimizer: adam, lr: 0.05}, {optimizer: momentum, lr: 0.01}]\n",
		"extras":    "function: himmelblau\nstart: [0, 0]\nsteps: 150\nruns: [{optimizer: adam, lr: 0.1, schedule: {cosine: {t_max: 150}}}, {optimizer: momentum, lr: 0.002, clip: 2, noise: 0.5, seed: 9}, {optimizer: nadam, schedule: {linear: {}}}]\n",
		"classic":   "function: beale\nstart: [1, 1.5]\nsteps: 80\nruns: [{optimizer: bfgs}, {optimizer: nelder-mead}, {optimizer: newton}, {optimizer: lbfgs, line_search: strong_wolfe}, {optimizer: lbfgs, lr: 0.1}, {optimizer: grid-search}, {optimizer: rprop}, {optimizer: asgd}, {optimizer: radam}]\n",
		"regress":   "function: {linear-regression: {n: 300, seed: 7}}\nstart: [0, 0]\nsteps: 60\nruns: [{optimizer: gd, lr: 0.1}, {optimizer: gd, lr: 0.05, batch: 16}, {optimizer: newton}]\n",
	}
	files, _ := filepath.Glob("../content/*/*.md")
	if len(files) == 0 {
		t.Skip("no sample course beside the package")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range landscapeRE.FindAllSubmatch(b, -1) {
			corpus[fmt.Sprintf("%s#%d", filepath.ToSlash(f), i+1)] = string(m[1])
		}
	}
	return corpus
}

// TestFigureDigest prints the SHA-256 of every figure's JSON data, one line
// each, so that builds for other architectures can be compared with this
// one (.ci/crossbuild: amd64, GOAMD64=v3, 386, arm64 under qemu, js/wasm
// under node). Run with -v to see the lines; DESCENT_DIGEST=FILE writes
// them to FILE instead.
func TestFigureDigest(t *testing.T) {
	corpus := digestCorpus(t)
	names := make([]string, 0, len(corpus))
	for k := range corpus {
		names = append(names, k)
	}
	sort.Strings(names)
	var out strings.Builder
	memo := &Memo{}
	for _, name := range names {
		l := &diag.List{File: name}
		spec, ok := Decode([]byte(corpus[name]), 0, l)
		if !ok {
			t.Fatalf("%s: %v", name, l.Errs)
		}
		d, err := Compute(context.Background(), spec, "f", memo)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fmt.Fprintf(&out, "%x %s\n", sha256.Sum256([]byte(d.JSON)), name)
	}
	if p := os.Getenv("DESCENT_DIGEST"); p != "" {
		if err := os.WriteFile(p, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Log("\n" + out.String())
}
