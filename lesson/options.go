package lesson

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CommandOptions makes build options from the commands' folder flags,
// refusing an output folder that would swallow the course. An empty out
// leaves Out empty, for the caller to set Memory.
func CommandOptions(content, layouts, out string) (Options, error) {
	var opt Options
	info, err := os.Stat(content)
	if err != nil || !info.IsDir() {
		return opt, fmt.Errorf("-content %s: not a folder of lessons", content)
	}
	absOut, _ := filepath.Abs(out)
	for _, dir := range []string{content, layouts, "."} {
		abs, _ := filepath.Abs(dir)
		swallows := absOut == abs || strings.HasPrefix(abs+string(filepath.Separator), absOut+string(filepath.Separator))
		if out != "" && swallows {
			return opt, fmt.Errorf("-out %s would replace %s; choose an output folder of its own, such as public", out, dir)
		}
	}
	opt = Options{Content: os.DirFS(content), ContentDir: filepath.ToSlash(content), Out: out, LayoutsDir: filepath.ToSlash(layouts)}
	if info, err := os.Stat(layouts); err == nil && info.IsDir() {
		opt.Layouts = os.DirFS(layouts)
	} else if layouts != "layouts" {
		return opt, fmt.Errorf("-layouts %s: no such folder", layouts)
	}
	return opt, nil
}

// Table is a one-screen summary of a build, as Hugo prints one.
func (s Summary) Table(out string) string {
	return fmt.Sprintf(`                   | count
-------------------+------
 Pages             | %5d
 Figures           | %5d  (%d from cache)
 Formulas          | %5d
 Static files      | %5d

Built %s in %d ms
`, s.Pages, s.Figures, s.FiguresCached, s.Formulas, s.Static, out, s.Duration.Milliseconds())
}
