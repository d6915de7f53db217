package cell

import "regexp"

// fileSuffix ends the file name of every line directive. yaegi registers a
// session's imports under the base name of the file it evaluates ("_.go", its
// default source name) but looks up a package named in a type (`sync.Mutex`)
// under the base name of the type's adjusted position: a directive file name
// whose base is not "_.go" makes that lookup fail (a nil dereference inside
// yaegi). So positions in yaegi's messages read "cell[3]/_.go:4:7";
// CleanPositions turns them into "cell[3]:4:7".
const fileSuffix = "/_.go"

var directiveFile = regexp.MustCompile(`/_\.go:(\d)`)

// CleanPositions rewrites the positions that yaegi prints for code of
// rewritten chunks, "cell[3]/_.go:4:7", into cell positions, "cell[3]:4:7".
// The session applies it to yaegi's error messages and panic traces.
func CleanPositions(s string) string {
	return directiveFile.ReplaceAllString(s, ":$1")
}
