package lesson

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"descent/diag"
	"descent/store"
)

// CommandOptions makes build options from the commands' folder flags,
// refusing an output folder that would swallow the course: one inside,
// equal to or containing -content, -layouts, -cache or the working folder,
// compared after resolving symbolic links, and one that a build may not
// replace (store.CheckOutput); and a cache inside or equal to -content or
// -layouts. An empty out leaves Out empty, for the caller to set Memory;
// an empty cache is not checked.
func CommandOptions(content, layouts, out, cache string) (Options, error) {
	var opt Options
	info, err := os.Stat(content)
	if err != nil || !info.IsDir() {
		return opt, fmt.Errorf("-content %s: not a folder of lessons", diag.Printable(content))
	}
	if err := checkCache(cache, content, layouts); err != nil {
		return opt, err
	}
	if out != "" {
		if err := checkOut(out, []folderFlag{{"-content", content, false}, {"-layouts", layouts, false}, {"-cache", cache, false}, {"the working folder", ".", true}}); err != nil {
			return opt, err
		}
	}
	opt = Options{Content: os.DirFS(content), ContentDir: filepath.ToSlash(content), Out: out, LayoutsDir: filepath.ToSlash(layouts)}
	if info, err := os.Lstat(layouts); err == nil && info.IsDir() {
		opt.Layouts = os.DirFS(layouts)
	} else if err == nil && info.Mode()&os.ModeSymlink != 0 {
		// The theme is real files only, as the course is: a link could
		// publish any file the builder can read.
		return opt, fmt.Errorf("-layouts %s: is a symbolic link; name the folder itself", diag.Printable(layouts))
	} else if layouts != "layouts" {
		return opt, fmt.Errorf("-layouts %s: no such folder", diag.Printable(layouts))
	}
	return opt, nil
}

// folderFlag is a folder the output must keep clear of, and how to name it;
// with below, the output may be inside it (public in the working folder).
type folderFlag struct {
	flag, dir string
	below     bool
}

func checkOut(out string, others []folderFlag) error {
	realOut := resolvePath(out)
	q := diag.Printable(out)
	for _, o := range others {
		if o.dir == "" {
			continue
		}
		real := resolvePath(o.dir)
		name := o.flag
		if !o.below { // the working folder is named in words; a flag with its value, . too
			name += " " + diag.Printable(o.dir)
		}
		var how string
		switch {
		case realOut == real:
			how = "is the same folder as " + name
		case within(realOut, real) && !o.below:
			how = "is inside " + name
		case within(real, realOut):
			how = "contains " + name
		default:
			continue
		}
		return fmt.Errorf("-out %s %s, and the build replaces -out as a whole; choose an output folder of its own, such as public", q, how)
	}
	if err := store.CheckOutput(out); err != nil {
		return fmt.Errorf("-out %s: %v", q, err)
	}
	return nil
}

// checkCache refuses a cache folder inside, or equal to, the course or
// the theme: a build writes its packs and site records there, and the next
// build would publish them as the course's files.
func checkCache(cache, content, layouts string) error {
	if cache == "" {
		return nil
	}
	realCache := resolvePath(cache)
	for _, o := range []folderFlag{{"-content", content, false}, {"-layouts", layouts, false}} {
		real := resolvePath(o.dir)
		var how string
		switch {
		case realCache == real:
			how = "is the same folder as "
		case within(realCache, real):
			how = "is inside "
		default:
			continue
		}
		return fmt.Errorf("-cache %s %s%s %s, where the build would publish its files with the course; choose a cache folder of its own, or -cache \"\" for none",
			diag.Printable(cache), how, o.flag, diag.Printable(o.dir))
	}
	return nil
}

// within reports whether the clean absolute path p is below dir.
func within(p, dir string) bool {
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// resolvePath makes p absolute with every symbolic link resolved, also
// for a path that does not exist yet: its longest existing ancestor is
// resolved and the rest appended.
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
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
