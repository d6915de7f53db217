package install_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/gokernel/gokernel/install"
)

func ExampleSpec() {
	spec := install.Spec("/usr/local/bin/gokernel")
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(data))
	// Output:
	// {
	//   "argv": [
	//     "/usr/local/bin/gokernel",
	//     "kernel",
	//     "{connection_file}"
	//   ],
	//   "display_name": "Go (gokernel)",
	//   "language": "go",
	//   "interrupt_mode": "message",
	//   "metadata": {}
	// }
}

func ExampleKernelDir() {
	dataDir, err := install.PrefixDataDir("/opt/conda")
	if err != nil {
		panic(err)
	}
	fmt.Println(filepath.ToSlash(install.KernelDir(dataDir, install.DefaultName)))
	// Output: /opt/conda/share/jupyter/kernels/gokernel
}
