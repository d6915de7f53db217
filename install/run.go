package install

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
)

// Options says where to install.
type Options struct {
	User      bool   // Jupyter's per-user data directory (the default)
	SysPrefix bool   // the active Python environment's sys.prefix/share/jupyter
	Prefix    string // PREFIX/share/jupyter
	Name      string // kernelspec name; default Name
}

// ParseArgs parses the flags of `gokernel install`. At most one of --user,
// --sys-prefix and --prefix may be given.
func ParseArgs(args []string) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.User, "user", false, "install for the current user (default)")
	fs.BoolVar(&o.SysPrefix, "sys-prefix", false, "install into the active Python environment")
	fs.StringVar(&o.Prefix, "prefix", "", "install into `DIR`/share/jupyter/kernels")
	fs.StringVar(&o.Name, "name", Name, "kernelspec name")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	n := 0
	for _, set := range []bool{o.User, o.SysPrefix, o.Prefix != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return o, errors.New("choose one of --user, --sys-prefix and --prefix")
	}
	if !validName.MatchString(o.Name) {
		return o, fmt.Errorf("kernelspec name %q must match [a-z0-9._-]+", o.Name)
	}
	return o, nil
}

// Dir returns the kernelspec directory the options select.
func (o Options) Dir() (string, error) {
	var data string
	var err error
	switch {
	case o.SysPrefix:
		var p string
		if p, err = SysPrefix(); err == nil {
			data, err = PrefixDataDir(p)
		}
	case o.Prefix != "":
		data, err = PrefixDataDir(o.Prefix)
	default:
		data, err = UserDataDir()
	}
	if err != nil {
		return "", err
	}
	name := o.Name
	if name == "" {
		name = Name
	}
	return filepath.Join(data, "kernels", name), nil
}

// Run installs the kernelspec for exe as `gokernel install args...` does and
// says on stdout where it went.
func Run(args []string, exe string, stdout io.Writer) error {
	o, err := ParseArgs(args)
	if err != nil {
		return err
	}
	dir, err := o.Dir()
	if err != nil {
		return err
	}
	if err := Write(dir, exe); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Installed kernelspec %s in %s\nRemove it with: jupyter kernelspec remove %s\n", o.nameOr(), dir, o.nameOr())
	return nil
}

func (o Options) nameOr() string {
	if o.Name == "" {
		return Name
	}
	return o.Name
}
