package modfetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
)

// knownSumDBs are the verifier keys of the public checksum databases.
var knownSumDBs = map[string]string{
	"sum.golang.org": "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
}

// checker verifies module hashes against the checksum database, keeping
// the lines it verified in CacheDir/cache/download/gokernel.sum (go.sum
// format) so that a module checked once needs no network again.
type checker struct {
	cfg *Config

	mu       sync.Mutex
	verified map[string]string // "path version" or "path version/go.mod" -> h1:...
	loaded   bool
	client   *sumdb.Client
	name     string
	dialErr  error
}

// enabled reports whether module path must be checked.
func (k *checker) enabled(path string) bool {
	c := k.cfg
	return c.SumDB != "off" && !c.NoSumCheck && !module.MatchPrefixPatterns(c.NoSumDB, path)
}

func (k *checker) sumFile() string {
	return filepath.Join(k.cfg.CacheDir, "cache", "download", "gokernel.sum")
}

func (k *checker) load() {
	if k.loaded {
		return
	}
	k.loaded = true
	k.verified = map[string]string{}
	b, err := os.ReadFile(k.sumFile())
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 {
			k.verified[f[0]+" "+f[1]] = f[2]
		}
	}
}

// check verifies that hash is the checksum database's hash of mod's zip
// (goMod false) or go.mod (goMod true). Modules the rules exempt pass.
func (k *checker) check(ctx context.Context, mod module.Version, goMod bool, hash string) error {
	if !k.enabled(mod.Path) {
		return nil
	}
	vers := mod.Version
	if goMod {
		vers += "/go.mod"
	}
	key := mod.Path + " " + vers
	k.mu.Lock()
	k.load()
	want, ok := k.verified[key]
	k.mu.Unlock()
	if !ok {
		lines, err := k.lookup(ctx, mod.Path, vers)
		if err != nil {
			return fmt.Errorf("verifying %s@%s: checksum database: %w (GONOSUMDB or GOSUMDB=off skips the check)", mod.Path, vers, err)
		}
		k.mu.Lock()
		for _, l := range lines {
			if f := strings.Fields(l); len(f) == 3 {
				k.verified[f[0]+" "+f[1]] = f[2]
			}
		}
		want, ok = k.verified[key]
		if ok {
			k.appendLines(lines)
		}
		k.mu.Unlock()
		if !ok {
			return fmt.Errorf("verifying %s@%s: the checksum database has no line for it", mod.Path, vers)
		}
	}
	if want != hash {
		return fmt.Errorf("verifying %s@%s: checksum mismatch\n\tdownloaded: %s\n\t%s:  %s\n"+
			"SECURITY ERROR: the downloaded module is not the one the checksum database recorded", mod.Path, vers, hash, k.cfg.SumDB, want)
	}
	return nil
}

func (k *checker) appendLines(lines []string) {
	f := k.sumFile()
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		return
	}
	fh, err := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer fh.Close()
	fh.WriteString(strings.Join(lines, "\n") + "\n") // one write: concurrent kernels append whole lines
}

func (k *checker) lookup(ctx context.Context, path, vers string) ([]string, error) {
	k.mu.Lock()
	if k.client == nil && k.dialErr == nil {
		k.client, k.name, k.dialErr = k.dial()
	}
	cl, err := k.client, k.dialErr
	k.mu.Unlock()
	if err != nil {
		return nil, err
	}
	type res struct {
		lines []string
		err   error
	}
	ch := make(chan res, 1)
	go func() { l, err := cl.Lookup(path, vers); ch <- res{l, err} }()
	select {
	case r := <-ch:
		return r.lines, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// dial makes a sumdb client for GOSUMDB, as the go command does: the
// database is reached through the first proxy that supports it, else
// directly (or at the URL GOSUMDB names).
func (k *checker) dial() (*sumdb.Client, string, error) {
	f := strings.Fields(k.cfg.SumDB)
	if len(f) == 0 || len(f) > 2 {
		return nil, "", fmt.Errorf("invalid GOSUMDB %q", k.cfg.SumDB)
	}
	if f[0] == "sum.golang.google.cn" {
		f = []string{"sum.golang.org", "https://sum.golang.google.cn"}
	}
	if key, ok := knownSumDBs[f[0]]; ok {
		f[0] = key
	}
	v, err := note.NewVerifier(f[0])
	if err != nil {
		return nil, "", fmt.Errorf("invalid GOSUMDB: %v", err)
	}
	ops := &sumdbOps{cfg: k.cfg, key: f[0], name: v.Name()}
	if len(f) == 2 {
		ops.base = strings.TrimRight(f[1], "/")
	}
	return sumdb.NewClient(ops), v.Name(), nil
}

// sumdbOps is sumdb.ClientOps over HTTP with the configuration and tile
// cache under CacheDir/cache/download/sumdb (the go command's layout).
type sumdbOps struct {
	cfg       *Config
	key, name string

	once sync.Once
	base string
	mu   sync.Mutex
}

func (o *sumdbOps) dir() string { return filepath.Join(o.cfg.CacheDir, "cache", "download", "sumdb") }

func (o *sumdbOps) initBase() {
	if o.base != "" {
		return
	}
	for _, p := range o.cfg.Proxies {
		if p.URL == "direct" || p.URL == "off" {
			break
		}
		_, err := o.cfg.get(context.Background(), p.URL+"/sumdb/"+o.name+"/supported")
		if err == nil {
			o.base = p.URL + "/sumdb/" + o.name
			return
		}
		if !p.FallbackOnAny && !errors.Is(err, ErrNotFound) {
			break
		}
	}
	o.base = "https://" + o.name
}

func (o *sumdbOps) ReadRemote(path string) ([]byte, error) {
	o.once.Do(o.initBase)
	return o.cfg.get(context.Background(), o.base+path)
}

func (o *sumdbOps) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(o.key), nil
	}
	b, err := os.ReadFile(filepath.Join(o.dir(), filepath.FromSlash(file)))
	if errors.Is(err, os.ErrNotExist) {
		return []byte{}, nil
	}
	return b, err
}

func (o *sumdbOps) WriteConfig(file string, old, new []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	p := filepath.Join(o.dir(), filepath.FromSlash(file))
	cur, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if !bytes.Equal(cur, old) {
		return sumdb.ErrWriteConflict
	}
	return writeFileAtomic(p, new)
}

func (o *sumdbOps) ReadCache(file string) ([]byte, error) {
	return os.ReadFile(filepath.Join(o.dir(), filepath.FromSlash(file)))
}

func (o *sumdbOps) WriteCache(file string, data []byte) {
	writeFileAtomic(filepath.Join(o.dir(), filepath.FromSlash(file)), data)
}

func (o *sumdbOps) Log(string) {}

func (o *sumdbOps) SecurityError(msg string) {
	fmt.Fprintln(os.Stderr, "gokernel: checksum database:", msg)
}

// goModHash is the go.sum hash of a go.mod file's content.
func goModHash(data []byte) (string, error) {
	return dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
}

// writeFileAtomic writes data to a temporary file and renames it into
// place, so that readers (other kernels) never see half a file.
func writeFileAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
