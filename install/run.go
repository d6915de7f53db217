package install

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Scope says which Jupyter data directory a kernelspec is installed into.
type Scope int

const (
	// User is the user's own data directory ([UserDataDir]); the default.
	User Scope = iota
	// SysPrefix is the active Python environment's ([SysPrefixDataDir]).
	SysPrefix
	// Prefix is the one under a given prefix ([PrefixDataDir]).
	Prefix
)

// String returns the flag that selects s: "--user", "--sys-prefix" or
// "--prefix".
func (s Scope) String() string {
	switch s {
	case User:
		return "--user"
	case SysPrefix:
		return "--sys-prefix"
	case Prefix:
		return "--prefix"
	}
	return fmt.Sprintf("Scope(%d)", int(s))
}

// Options are the parsed flags of `gokernel install`.
type Options struct {
	// Scope selects the data directory.
	Scope Scope
	// Prefix is the --prefix directory; set only when Scope is Prefix.
	Prefix string
	// Name is the kernelspec name, valid and lower-cased.
	Name string
}

// usage is the help text of `gokernel install`.
const usage = `usage: gokernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]

Writes the Jupyter kernelspec of this gokernel binary (kernel.json and logos)
into DATADIR/kernels/NAME, replacing an existing one.

  --user        DATADIR is the Jupyter user data directory (the default):
                $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter or
                ~/.local/share/jupyter (Linux), ~/Library/Jupyter (macOS),
                %APPDATA%\jupyter (Windows)
  --sys-prefix  DATADIR is PREFIX/share/jupyter of the active Python
                environment: $VIRTUAL_ENV, else $CONDA_PREFIX, else python3's
                sys.prefix
  --prefix DIR  DATADIR is DIR/share/jupyter
  --name NAME   the kernelspec name (default gokernel): letters, digits, '.',
                '_' and '-'
`

// ParseArgs parses the arguments that follow "install". Flags take one or
// two dashes, and --prefix and --name take their value as the next
// argument or after '='. At most one of --user, --sys-prefix and --prefix
// may be given; none means --user. The name is checked and lower-cased by
// [CheckName]. Positional arguments are an error. -h or --help returns an
// error wrapping [flag.ErrHelp].
func ParseArgs(args []string) (Options, error) {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // Run prints usage itself
	user := fs.Bool("user", false, "")
	sysPrefix := fs.Bool("sys-prefix", false, "")
	prefix := fs.String("prefix", "", "")
	name := fs.String("name", DefaultName, "")
	if err := fs.Parse(args); err != nil {
		return Options{}, fmt.Errorf("install: %w", err)
	}
	if fs.NArg() > 0 {
		return Options{}, fmt.Errorf("install: unexpected argument %q", fs.Arg(0))
	}
	var scopes []string
	opts := Options{Scope: User}
	if *user {
		scopes = append(scopes, User.String())
	}
	if *sysPrefix {
		scopes = append(scopes, SysPrefix.String())
		opts.Scope = SysPrefix
	}
	prefixSet := false
	fs.Visit(func(f *flag.Flag) { prefixSet = prefixSet || f.Name == "prefix" })
	if prefixSet {
		if *prefix == "" {
			return Options{}, fmt.Errorf("install: --prefix needs a directory")
		}
		scopes = append(scopes, Prefix.String())
		opts.Scope, opts.Prefix = Prefix, *prefix
	}
	if len(scopes) > 1 {
		return Options{}, fmt.Errorf("install: %s cannot be used together", strings.Join(scopes, " and "))
	}
	n, err := CheckName(*name)
	if err != nil {
		return Options{}, err
	}
	opts.Name = n
	return opts, nil
}

// DataDir returns the Jupyter data directory that o selects, absolute.
func (o Options) DataDir() (string, error) {
	switch o.Scope {
	case User:
		return UserDataDir()
	case SysPrefix:
		return SysPrefixDataDir()
	case Prefix:
		return PrefixDataDir(o.Prefix)
	}
	return "", fmt.Errorf("install: unknown scope %v", o.Scope)
}

// Dir returns the kernelspec directory that o selects:
// KernelDir(o.DataDir(), o.Name).
func (o Options) Dir() (string, error) {
	dataDir, err := o.DataDir()
	if err != nil {
		return "", err
	}
	return KernelDir(dataDir, o.Name), nil
}

// Run is `gokernel install`: args are the arguments after "install" (see
// [ParseArgs]) and exe is the absolute path of the running gokernel binary.
// It writes the kernelspec into the directory [Options.Dir] names with
// [Write] and prints to stdout where it went and how to remove it. With -h
// or --help it prints the usage to stdout and returns nil. Errors are
// returned, not printed.
func Run(args []string, exe string, stdout io.Writer) error {
	opts, err := ParseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		_, err := io.WriteString(stdout, usage)
		return err
	}
	if err != nil {
		return err
	}
	dataDir, err := opts.DataDir()
	if err != nil {
		return err
	}
	dir := KernelDir(dataDir, opts.Name)
	if err := Write(dir, exe); err != nil {
		return err
	}
	msg := fmt.Sprintf("Installed kernelspec %s in %s\n", opts.Name, dir)
	if opts.Scope == Prefix {
		msg += fmt.Sprintf("Jupyter finds it if %s is the sys.prefix of its Python or %s is in JUPYTER_PATH.\n", filepath.Dir(filepath.Dir(dataDir)), dataDir)
	}
	msg += fmt.Sprintf("Remove it with: jupyter kernelspec remove %s\n", opts.Name)
	_, err = io.WriteString(stdout, msg)
	return err
}
