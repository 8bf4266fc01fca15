package main

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"text/template"
)

const newUsage = `usage: gust new [--source DIR] DIR

Writes a test program in Go to start from into DIR (made if missing): main.go,
Locust's classic example ported to Go against the target of gust demo --serve;
go.mod; and a README that says how to run it (go run . --headless -u 10 -r 2
-t 1m for a table in the terminal, go run . for the web UI at :8089).

Where go.mod takes gust from:
  - a gust built from a source checkout (go install ./cmd/gust, go run
    ./cmd/gust, go build): that checkout, through a replace directive, so
    that go run . works offline; go.sum is copied from the checkout;
  - a released gust (go install github.com/gustload/gust/cmd/gust@VERSION):
    that version (run go mod tidy once to fetch it).

  --source DIR   the gust checkout to use, when gust cannot find the one it
                 was built from (a binary built with -trimpath and moved)
`

//go:embed newtmpl
var newTemplates embed.FS

// gustModule is the module path of gust itself.
const gustModule = "github.com/gustload/gust"

// project is what the templates of gust new are filled with.
type project struct {
	Name, Module string
	Go           string   // the go line of go.mod
	Version      string   // the version of gust required
	Replace      string   // the checkout replacing it, or ""
	Indirect     []string // "path version" of the checkout's own requirements
	sum          []byte   // the checkout's go.sum
}

// newCommand runs `gust new`.
func newCommand(args []string) int {
	dir, source, err := newFlags(args)
	if err == errHelp {
		fmt.Print(newUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	p, err := newProject(dir, source)
	if err == nil {
		err = p.write(dir)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gust: new: %v\n", err)
		return 2
	}
	fmt.Fprintf(os.Stderr, "gust new: wrote %s (%s). To run it:\n\n"+
		"  gust demo --serve &    # the target it is written for\n"+
		"  cd %s && go run . --headless -u 10 -r 2 -t 1m\n\n"+
		"(without --headless it serves the web UI at http://127.0.0.1:8089 instead)\n",
		dir, strings.Join(p.files(), ", "), dir)
	return 0
}

func newFlags(args []string) (dir, source string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-h" || a == "--help":
			return "", "", errHelp
		case a == "--source" && i+1 < len(args):
			source = args[i+1]
			i++
		case strings.HasPrefix(a, "--source="):
			source = strings.TrimPrefix(a, "--source=")
		case strings.HasPrefix(a, "-") || dir != "":
			return "", "", fmt.Errorf("gust: new: unexpected %q: want gust new [--source DIR] DIR", a)
		default:
			dir = a
		}
	}
	if dir == "" {
		return "", "", errors.New("gust: new: give the folder to write the test into: gust new DIR")
	}
	return dir, source, nil
}

// newProject decides where go.mod takes gust from (see newUsage).
func newProject(dir, source string) (*project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	p := &project{Name: filepath.Base(abs), Module: moduleName(filepath.Base(abs)), Go: "1.26"}
	if source != "" {
		if !isGustCheckout(source) {
			return nil, fmt.Errorf("--source %s: not a gust checkout (no go.mod of %s there)", source, gustModule)
		}
		return p, p.useCheckout(source)
	}
	v := buildVersion()
	if isRelease(v) {
		p.Version = v
		return p, nil
	}
	if root, ok := findCheckout(); ok {
		return p, p.useCheckout(root)
	}
	if v != "" && v != "(devel)" && !strings.HasSuffix(v, "+dirty") {
		p.Version = v
		return p, nil
	}
	return nil, errors.New("cannot find the gust checkout this binary was built from: give it with --source DIR")
}

// files names the files that write writes.
func (p *project) files() []string {
	if p.sum != nil {
		return []string{"main.go", "go.mod", "go.sum", "README.md"}
	}
	return []string{"main.go", "go.mod", "README.md"}
}

// write writes the project's files into dir, refusing to overwrite any.
func (p *project) write(dir string) error {
	files := map[string][]byte{}
	for _, name := range p.files() {
		if name == "go.sum" {
			files[name] = p.sum
			continue
		}
		b, err := p.render(name)
		if err != nil {
			return err
		}
		files[name] = b
	}
	for name := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s already exists: gust new writes only into a new or empty folder", filepath.Join(dir, name))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (p *project) render(name string) ([]byte, error) {
	t, err := template.ParseFS(newTemplates, "newtmpl/"+name+".tmpl")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// moduleName makes a module path of a folder's name.
func moduleName(base string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '-'
	}, base)
	if strings.Trim(name, "-._") == "" {
		return "loadtest"
	}
	return name
}

// useCheckout makes go.mod replace gust with the checkout at root: gust's
// own requirements are listed as indirect ones and its go.sum is copied, so
// that go run . needs no network.
func (p *project) useCheckout(root string) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	p.sum, err = os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	p.Replace, p.Version = root, "v0.0.0-00010101000000-000000000000"
	p.Go, p.Indirect = parseGoMod(mod)
	return nil
}

// parseGoMod reads the go line and the requirements ("path version") of a
// go.mod file.
func parseGoMod(b []byte) (goVersion string, reqs []string) {
	goVersion, block := "1.26", false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "go":
			goVersion = f[1]
		case len(f) >= 1 && f[0] == "require" && strings.HasSuffix(line, "("):
			block = true
		case len(f) == 1 && f[0] == ")":
			block = false
		case block && len(f) == 2:
			reqs = append(reqs, f[0]+" "+f[1])
		case len(f) == 3 && f[0] == "require":
			reqs = append(reqs, f[1]+" "+f[2])
		}
	}
	return goVersion, reqs
}

// buildVersion is the version of gust this binary was built from: a module
// version when it was installed with go install ...@VERSION, "(devel)" or a
// VCS-derived pseudo-version when built in a checkout.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == gustModule {
		return bi.Main.Version
	}
	return ""
}

// isRelease reports whether v is a tagged release (v1.2.3, v1.2.3-rc.1), as
// opposed to "(devel)" or a pseudo-version of some commit, which the module
// proxy may not have.
func isRelease(v string) bool {
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") {
		return false
	}
	return !pseudoVersion.MatchString(v)
}

// pseudoVersion matches the end of a pseudo-version: a time and a commit.
var pseudoVersion = regexp.MustCompile(`[-.][0-9]{14}-[0-9a-f]{12}$`)

// findCheckout looks for the gust checkout this binary was built from: the
// source path compiled into it (absent with -trimpath), then the folders
// above the executable and above the working directory. A copy in the module
// cache (gust@VERSION) does not count.
func findCheckout() (string, bool) {
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, s := range starts {
		for dir := s; ; dir = filepath.Dir(dir) {
			if isGustCheckout(dir) && !strings.Contains(filepath.Base(dir), "@") {
				return dir, true
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", false
}

// isGustCheckout reports whether dir holds gust's go.mod.
func isGustCheckout(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(first) == "module "+gustModule
}
