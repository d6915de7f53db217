package install

import "embed"

//go:generate go run genlogos.go

// logos holds logo-32x32.png, logo-64x64.png and logo-svg.svg. The SVG is
// drawn by hand; genlogos.go renders the same shapes into the PNGs.
//
//go:embed logos/logo-32x32.png logos/logo-64x64.png logos/logo-svg.svg
var logos embed.FS
