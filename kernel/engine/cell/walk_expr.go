package cell

// The expression and type walk: identifiers are uses (writes for assigned
// variables and &x); field, parameter and method names in types are not.

import (
	"go/ast"
	"go/token"
)

// lhs walks an assigned expression; a plain variable is a write.
func (a *analyzer) lhs(e ast.Expr) {
	switch x := unparen(e).(type) {
	case nil:
	case *ast.Ident:
		a.use(x, true)
	default:
		a.expr(x)
	}
}

func (a *analyzer) exprs(list []ast.Expr) {
	for _, e := range list {
		a.expr(e)
	}
}

func (a *analyzer) expr(e ast.Expr) {
	switch e := e.(type) {
	case nil:
	case *ast.Ident:
		a.use(e, false)
	case *ast.BasicLit, *ast.BadExpr:
	case *ast.CompositeLit:
		a.c.rewriteTargetField(a, e)
		a.typ(e.Type)
		if a.c.fieldKeys(e) {
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if _, ok := kv.Key.(*ast.Ident); ok {
						a.expr(kv.Value) // the key is a field name, not a use
						continue
					}
				}
				a.expr(el)
			}
		} else {
			a.exprs(e.Elts)
		}
	case *ast.FuncLit:
		a.funcLit(e)
	case *ast.ParenExpr:
		a.expr(e.X)
	case *ast.SelectorExpr:
		a.expr(e.X)
	case *ast.IndexExpr:
		a.expr(e.X)
		a.expr(e.Index)
	case *ast.IndexListExpr:
		a.expr(e.X)
		a.exprs(e.Indices)
	case *ast.SliceExpr:
		a.expr(e.X)
		a.expr(e.Low)
		a.expr(e.High)
		a.expr(e.Max)
	case *ast.TypeAssertExpr:
		a.expr(e.X)
		a.typ(e.Type)
	case *ast.CallExpr:
		a.call(e)
	case *ast.StarExpr:
		a.expr(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			a.addressOf(e.X)
		} else {
			a.expr(e.X)
		}
	case *ast.BinaryExpr:
		a.expr(e.X)
		a.expr(e.Y)
	case *ast.KeyValueExpr:
		a.expr(e.Key)
		a.expr(e.Value)
	default:
		a.typ(e)
	}
}

// addressOf walks &x: taking the address of (a part of) a variable counts as
// a write, since the variable may change through the pointer.
func (a *analyzer) addressOf(e ast.Expr) {
	root := unparen(e)
	for {
		switch x := root.(type) {
		case *ast.SelectorExpr:
			root = unparen(x.X)
			continue
		case *ast.IndexExpr:
			a.expr(x.Index)
			root = unparen(x.X)
			continue
		}
		break
	}
	if id, ok := root.(*ast.Ident); ok {
		a.use(id, true)
		return
	}
	a.expr(e)
}

// typ walks a type expression: names in it are uses; field, parameter and
// method names are not.
func (a *analyzer) typ(e ast.Expr) {
	switch t := e.(type) {
	case nil:
	case *ast.Ident:
		a.use(t, false)
	case *ast.ArrayType:
		a.expr(t.Len)
		a.typ(t.Elt)
	case *ast.MapType:
		a.typ(t.Key)
		a.typ(t.Value)
	case *ast.ChanType:
		a.typ(t.Value)
	case *ast.StarExpr:
		a.typ(t.X)
	case *ast.Ellipsis:
		a.typ(t.Elt)
	case *ast.FuncType:
		a.fieldTypes(t.TypeParams)
		a.fieldTypes(t.Params)
		a.fieldTypes(t.Results)
	case *ast.StructType:
		a.fieldTypes(t.Fields)
	case *ast.InterfaceType:
		a.fieldTypes(t.Methods)
	case *ast.ParenExpr:
		a.typ(t.X)
	case *ast.BinaryExpr: // constraint unions
		a.typ(t.X)
		a.typ(t.Y)
	case *ast.UnaryExpr: // ~T
		a.typ(t.X)
	default:
		a.expr(e)
	}
}

func (a *analyzer) fieldTypes(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		a.typ(f.Type)
	}
}

// fieldKeys reports whether the keys of a composite literal are struct
// field names rather than expressions: its type is written out and is not
// a map, slice or array type literal, nor a name the cell declares as one.
// (`&Sentence{words: w}` must not depend on a var `words` of the cell.) A
// literal whose type is elided or comes from an earlier cell as a map type
// is taken as a struct literal only in the first case: elided types keep
// their keys as uses.
func (c *cellParse) fieldKeys(lit *ast.CompositeLit) bool {
	switch t := unparen(lit.Type).(type) {
	case nil, *ast.MapType, *ast.ArrayType:
		return false
	case *ast.StructType:
		return true
	case *ast.Ident:
		for _, it := range c.items {
			gd, ok := it.decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, sp := range gd.Specs {
				if ts, ok := sp.(*ast.TypeSpec); ok && ts.Name.Name == t.Name {
					_, isStruct := unparen(ts.Type).(*ast.StructType)
					return isStruct
				}
			}
		}
	}
	return true
}
