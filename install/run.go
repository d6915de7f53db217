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
	// DisplayName is the name front ends show ("" for [DisplayName]).
	DisplayName string
	// Env holds the KEY=VALUE pairs of --env, in order, for kernel.json's env.
	Env []string
	// Notes are what Run says about flags it accepted but has no use for.
	Notes []string
}

// Spec returns the kernelspec o describes for the binary exe.
func (o Options) Spec(exe string) KernelSpec {
	s := Spec(exe)
	if o.DisplayName != "" {
		s.DisplayName = o.DisplayName
	}
	for _, kv := range o.Env {
		k, v, _ := strings.Cut(kv, "=")
		if s.Env == nil {
			s.Env = map[string]string{}
		}
		s.Env[k] = v
	}
	return s
}

// usage is the help text of `gokernel install`.
const usage = `usage: gokernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                        [--display-name TEXT] [--env KEY VALUE]...

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
  --display-name TEXT
                the name front ends show (default "Go (gokernel)")
  --env KEY VALUE
                an environment variable for the kernel (kernel.json "env";
                Jupyter expands ${VAR} in VALUE); may be repeated

The flags of other kernels' installers work too: ipykernel's (--user,
--sys-prefix, --prefix, --name, --display-name, --env), jupyter kernelspec
install's --replace (gokernel always replaces), GoNB's --install (also as
"gokernel --install"), and underscores for dashes (--display_name). Flags
that mean nothing here (--profile, --uninstall, --force_copy, …) are errors
that say what to type instead.
`

// foreign maps flags of other kernels' installers that gokernel has no use
// for to what to type instead.
var foreign = map[string]string{
	"profile":        "gokernel has no IPython profiles: leave out --profile",
	"uninstall":      "remove the kernelspec with: jupyter kernelspec remove NAME (NAME is gokernel unless you chose --name)",
	"remove":         "remove the kernelspec with: jupyter kernelspec remove NAME (NAME is gokernel unless you chose --name)",
	"force-copy":     "kernel.json runs this gokernel binary where it is; to install a copy, copy the binary first and run `COPY install`",
	"kernel":         "Jupyter starts the kernel as `gokernel kernel CONNECTION_FILE` (kernel.json says so); install takes no --kernel",
	"frozen-modules": "that is a Python option; gokernel install needs none",
	"spec-file":      "gokernel writes its own kernel.json; use --name, --display-name and --env to change it",
	"language":       "the kernelspec language is always go",
	"debug":          "set GOKERNEL_LOG or run `gokernel kernel FILE` by hand to debug; install takes no --debug",
}

// normalize rewrites other installers' spellings into gokernel's: --flag
// with underscores as --flag-with-dashes, and ipykernel's two-argument
// `--env KEY VALUE` as --env=KEY=VALUE. Arguments after "--" are kept.
func normalize(args []string) ([]string, error) {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...), nil
		}
		if !strings.HasPrefix(a, "-") {
			out = append(out, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		name = strings.ReplaceAll(name, "_", "-")
		if advice, ok := foreign[name]; ok {
			return nil, fmt.Errorf("install: --%s is not a gokernel flag: %s", name, advice)
		}
		if name == "env" && !hasValue {
			if i+2 >= len(args) {
				return nil, fmt.Errorf("install: --env needs a KEY and a VALUE: --env KEY VALUE")
			}
			out = append(out, "--env="+args[i+1]+"="+args[i+2])
			i += 2
			continue
		}
		if hasValue {
			out = append(out, "--"+name+"="+value)
		} else {
			out = append(out, "--"+name)
		}
	}
	return out, nil
}

// ParseArgs parses the arguments that follow "install". Flags take one or
// two dashes, and --prefix and --name take their value as the next
// argument or after '='. At most one of --user, --sys-prefix and --prefix
// may be given; none means --user. The name is checked and lower-cased by
// [CheckName]. Positional arguments are an error. -h or --help returns an
// error wrapping [flag.ErrHelp].
func ParseArgs(args []string) (Options, error) {
	args, err := normalize(args)
	if err != nil {
		return Options{}, err
	}
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // Run prints usage itself
	user := fs.Bool("user", false, "")
	sysPrefix := fs.Bool("sys-prefix", false, "")
	prefix := fs.String("prefix", "", "")
	name := fs.String("name", DefaultName, "")
	displayName := fs.String("display-name", "", "")
	replace := fs.Bool("replace", false, "")
	fs.Bool("install", false, "") // GoNB's spelling: installing is what this command does
	var env []string
	fs.Func("env", "", func(kv string) error {
		k, _, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return fmt.Errorf("want --env KEY VALUE, got %q", kv)
		}
		env = append(env, kv)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if strings.Contains(err.Error(), "provided but not defined") {
			return Options{}, fmt.Errorf("install: %w (see gokernel install --help)", err)
		}
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
	opts.DisplayName, opts.Env = *displayName, env
	if *replace {
		opts.Notes = append(opts.Notes, "--replace is not needed: gokernel install always replaces an existing kernelspec")
	}
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
	if err := WriteSpec(dir, opts.Spec(exe)); err != nil {
		return err
	}
	msg := ""
	for _, n := range opts.Notes {
		msg += "Note: " + n + "\n"
	}
	msg += fmt.Sprintf("Installed kernelspec %s in %s\n", opts.Name, dir)
	if opts.Scope == Prefix {
		msg += fmt.Sprintf("Jupyter finds it if %s is the sys.prefix of its Python or %s is in JUPYTER_PATH.\n", filepath.Dir(filepath.Dir(dataDir)), dataDir)
	}
	msg += fmt.Sprintf("Remove it with: jupyter kernelspec remove %s\n", opts.Name)
	_, err = io.WriteString(stdout, msg)
	return err
}
