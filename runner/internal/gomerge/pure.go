package gomerge

import (
	"go/ast"
	"go/token"
)

// builtins are the predeclared functions an initialiser may call: they
// run no code of anyone's. (make and new of a type with a literal size
// cannot panic either; a variable size is refused below.)
var builtins = map[string]bool{
	"make": true, "new": true, "len": true, "cap": true,
	"complex": true, "real": true, "imag": true, "min": true, "max": true,
}

// basicTypes are the predeclared types, whose calls are conversions.
var basicTypes = map[string]bool{
	"bool": true, "byte": true, "rune": true, "string": true, "error": true, "any": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true,
}

// pure returns why evaluating the package-level initialiser e might do
// more than compute a value (call code, panic, block, or read a global
// registry), or "" when it cannot. types are the file's package-level
// names, true for a type; imports its import names.
func pure(e ast.Expr, types map[string]bool, imports map[string]string) string {
	switch e := e.(type) {
	case nil, *ast.BasicLit, *ast.FuncLit, *ast.Ident:
		return ""
	case *ast.ParenExpr:
		return pure(e.X, types, imports)
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if why := pure(el, types, imports); why != "" {
				return why
			}
		}
		return ""
	case *ast.KeyValueExpr:
		if why := pure(e.Key, types, imports); why != "" {
			return why
		}
		return pure(e.Value, types, imports)
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			return "receives from a channel"
		}
		return pure(e.X, types, imports)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.QUO, token.REM, token.SHL, token.SHR:
			// By a variable, these can panic (zero, a negative shift).
			if _, lit := e.Y.(*ast.BasicLit); !lit {
				return "divides or shifts by a variable"
			}
		}
		if why := pure(e.X, types, imports); why != "" {
			return why
		}
		return pure(e.Y, types, imports)
	case *ast.SelectorExpr:
		return pureSelector(e, imports)
	case *ast.CallExpr:
		return pureCall(e, types, imports)
	}
	return "initialised by an expression that may run code or panic"
}

// pureSelector allows pkg.Name, except in the registries and os.Args,
// and refuses x.f of a variable, which may be a nil pointer's.
func pureSelector(e *ast.SelectorExpr, imports map[string]string) string {
	x, ok := e.X.(*ast.Ident)
	if !ok {
		return "initialised by a field or method of an expression"
	}
	path, ok := imports[x.Name]
	switch {
	case !ok:
		return "initialised by a field or method of a variable"
	case registries[path]:
		return "initialised from package " + path + ", a global registry"
	case path == "os" && e.Sel.Name == "Args":
		return "initialised from os.Args"
	}
	return ""
}

// pureCall allows conversions, a few builtins and errors.New of a
// literal.
func pureCall(e *ast.CallExpr, types map[string]bool, imports map[string]string) string {
	args := func() string {
		for _, a := range e.Args {
			if why := pure(a, types, imports); why != "" {
				return why
			}
		}
		return ""
	}
	switch fun := e.Fun.(type) {
	case *ast.ParenExpr:
		if isTypeExpr(fun.X, types) {
			return args()
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType:
		return args()
	case *ast.Ident:
		_, declared := types[fun.Name]
		switch {
		case types[fun.Name] || basicTypes[fun.Name] && !declared:
			return args()
		case (fun.Name == "make" || fun.Name == "new") && !declared:
			// A type, then sizes: literal ones only.
			for _, a := range e.Args[min(1, len(e.Args)):] {
				if _, lit := a.(*ast.BasicLit); !lit {
					return "makes a value of variable size"
				}
			}
			return ""
		case builtins[fun.Name] && !declared:
			return args()
		}
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && imports[x.Name] == "errors" && fun.Sel.Name == "New" && len(e.Args) == 1 {
			if _, lit := e.Args[0].(*ast.BasicLit); lit {
				return ""
			}
		}
	}
	return "initialised by a call"
}

// isTypeExpr reports whether e is spelled as a type: a type literal, a
// pointer to one, or one of the file's or the predeclared type names.
func isTypeExpr(e ast.Expr, types map[string]bool) bool {
	switch e := e.(type) {
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType:
		return true
	case *ast.StarExpr:
		if _, arr := e.X.(*ast.ArrayType); arr {
			return false // a slice to array pointer conversion can panic
		}
		return isTypeExpr(e.X, types)
	case *ast.Ident:
		_, declared := types[e.Name]
		return types[e.Name] || basicTypes[e.Name] && !declared
	case *ast.ParenExpr:
		return isTypeExpr(e.X, types)
	}
	return false
}
