package cell

// PieceKind says what a top-level piece of a cell is, by its leading tokens.
type PieceKind int

const (
	PieceStmt    PieceKind = PieceKind(itemStmt)    // a statement, `x := e` included
	PieceImport  PieceKind = PieceKind(itemImport)  // an import declaration
	PieceDecl    PieceKind = PieceKind(itemDecl)    // a func, method, type, const or var declaration
	PiecePackage PieceKind = PieceKind(itemPackage) // a package clause, which the engine ignores
)

// Piece is a top-level piece of a cell: the bytes [Start, End) from its
// first token to the end of its last, without the terminating semicolon.
type Piece struct {
	Kind       PieceKind
	Start, End int
}

// Pieces cuts src as the engine does: at the semicolons, explicit or
// automatic, outside any bracket. Scanner errors are left to the parser.
func Pieces(src string) []Piece {
	spans := split(src)
	out := make([]Piece, len(spans))
	for i, s := range spans {
		out[i] = Piece{Kind: PieceKind(s.kind), Start: s.start, End: s.end}
	}
	return out
}
