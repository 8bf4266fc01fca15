package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

// assets holds the UI: hand-written HTML, CSS and JavaScript, the report
// template and the vendored chart library (see assets/vendor/README.md).
//
//go:embed assets
var assets embed.FS

// etags maps each asset's URL path to a hash of its content, so browsers
// revalidate cheaply and never keep a stale script after an upgrade.
var etags = hashAssets()

func hashAssets() map[string]string {
	tags := map[string]string{}
	_ = fs.WalkDir(assets, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		tags["/"+path] = `"` + hex.EncodeToString(sum[:8]) + `"`
		return nil
	})
	return tags
}

// assetHandler serves /assets/... from the embedded files.
func assetHandler() http.Handler {
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tag, ok := etags[r.URL.Path]
		if !ok || strings.HasSuffix(r.URL.Path, ".tmpl") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", tag)
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// asset returns an embedded file's content; the names are fixed at build
// time, so a missing one is a programming error.
func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic("gust: web: missing embedded asset " + name)
	}
	return string(b)
}
