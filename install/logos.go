package install

import "embed"

//go:generate go run genlogos.go

// logos holds the kernelspec's logo files, copied into every kernelspec:
// logo-svg.svg (drawn by hand), and logo-32x32.png and logo-64x64.png
// (rendered from the same design by genlogos.go). Jupyter servers publish
// each logo-* file as the kernelspec resource named after it; JupyterLab
// shows logo-svg, else logo-64x64, and logo-32x32 in small places.
//
//go:embed logos/logo-svg.svg logos/logo-32x32.png logos/logo-64x64.png
var logos embed.FS

// logoDir is the directory of the logos inside [logos].
const logoDir = "logos"
