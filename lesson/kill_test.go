package lesson

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the kill test run a build in a child process.
func TestMain(m *testing.M) {
	if args := os.Getenv("DESCENT_CHILD_BUILD"); args != "" {
		content, out, _ := strings.Cut(args, "|")
		// As cmd/build: Ctrl-C stops the build (TestInterruptFigure).
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if _, err := Build(ctx, Options{Content: os.DirFS(content), Out: out}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writeCourse writes a course of n lessons, a few with figures; version
// changes every page.
func writeCourse(t *testing.T, dir string, n int, version string) {
	t.Helper()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "title: Kill test "+version+"\n")
	for s := range 5 {
		write(fmt.Sprintf("s%d/_index.md", s), fmt.Sprintf("---\ntitle: Section %d\nweight: %d\n---\nVersion %s.\n", s, s, version))
	}
	for i := range n {
		body := fmt.Sprintf("---\ntitle: Lesson %d\nweight: %d\n---\n## Version %s\n\nSome prose with $x^%d$ in it.\n", i, i, version, i%9)
		if i%10 == 0 {
			body += fmt.Sprintf("\n```landscape\nfunction: quadratic\nstart: [1, %d]\nsteps: 20\nruns:\n  - optimizer: gd\n    lr: 0.1\n```\n", i%3)
		}
		write(fmt.Sprintf("s%d/l%03d.md", i%5, i), body)
	}
}

// TestKilledBuild kills a build at random moments, over and over, and
// checks that the output is always exactly the old site or exactly the new
// one, and that the next build clears what the killed ones left.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds for several seconds")
	}
	dir := t.TempDir()
	var contents, sites [2]string
	var snaps [2]map[string]string
	for v := range 2 {
		contents[v] = filepath.Join(dir, fmt.Sprintf("content%d", v))
		writeCourse(t, contents[v], 150, fmt.Sprint(v))
		sites[v] = filepath.Join(dir, fmt.Sprintf("ref%d", v))
		if _, err := Build(context.Background(), Options{Content: os.DirFS(contents[v]), Out: sites[v]}); err != nil {
			t.Fatal(err)
		}
		snaps[v] = relSnapshot(t, sites[v])
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), Options{Content: os.DirFS(contents[0]), Out: out}); err != nil {
		t.Fatal(err)
	}
	state := 0
	// How long one child build takes, to spread the kills over it.
	start := time.Now()
	if err := childBuild(contents[1], out).Run(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	state = 1
	rng := rand.New(rand.NewPCG(1, 2))
	kills, swaps := 0, 0
	// Until both outcomes have been seen often enough, however loaded the
	// machine: at least 25 kills, at most 80.
	i := 0
	for ; i < 80 && (i < 25 || kills < 10 || swaps < 3); i++ {
		target := 1 - state
		cmd := childBuild(contents[target], out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Float64() * 1.5 * float64(took)))
		killed := cmd.Process.Kill() == nil
		cmd.Wait()
		if killed && cmd.ProcessState != nil && !cmd.ProcessState.Exited() {
			kills++
		}
		if i%8 == 7 && (swaps == 0 || kills == 0) {
			// The machine is busier than when took was measured (or
			// idler): widen (or narrow) the window the kills fall in.
			if swaps == 0 {
				took *= 2
			} else {
				took /= 2
			}
		}
		got := relSnapshot(t, out)
		switch {
		case equalMaps(got, snaps[state]):
		case equalMaps(got, snaps[target]):
			state = target
			swaps++
		default:
			t.Fatalf("kill %d: the output is neither the old site nor the new one", i)
		}
	}
	if swaps == 0 || kills < 10 {
		t.Errorf("in %d tries, %d builds were killed mid-way and %d finished; the test did not test much", i, kills, swaps)
	}
	t.Logf("%d tries: %d builds killed mid-way, %d finished (a build takes %v); the output was always one whole site", i, kills, swaps, took.Round(time.Millisecond))
	if _, err := Build(context.Background(), Options{Content: os.DirFS(contents[0]), Out: out}); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.descent-tmp-*")); len(left) != 0 {
		t.Errorf("the next build left %d temporary folders: %v", len(left), left)
	}
}

func childBuild(content, out string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DESCENT_CHILD_BUILD="+content+"|"+out)
	return cmd
}

// relSnapshot maps each file's path relative to dir to its contents.
func relSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for p, data := range snapshot(t, dir) {
		rel, _ := filepath.Rel(dir, p)
		m[rel] = data
	}
	return m
}

// TestInterruptFigure: Ctrl-C during a figure that computes for a long
// time stops the build at once (issue #20: it waited 40 s), leaving the
// output as it was.
func TestInterruptFigure(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	os.MkdirAll(filepath.Join(content, "s"), 0o755)
	slow := "---\ntitle: Slow\n---\nText.\n\n```landscape\nfunction: {linear-regression: {n: 100000}}\nstart: [0, 0]\nsteps: 5000\nruns: [{optimizer: gd, lr: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.20, 0.21, 0.22, 0.23, 0.24]}]\n```\n"
	if err := os.WriteFile(filepath.Join(content, "s", "slow.md"), []byte(slow), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := childBuild(content, out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("the interrupted build succeeded")
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("the build stopped %v after Ctrl-C", d)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the build did not stop within 15 s of Ctrl-C")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an interrupted build wrote the output")
	}
}
