package py

// Expressions.
type (
	expr interface{}

	nameExpr  struct{ name string }
	constExpr struct{ v Value }
	fstrExpr  struct {
		parts []fpart
	}
	fpart struct {
		lit  string
		x    expr
		conv byte // 'r', 's' or 0
		spec expr // the format spec, itself an f-string; nil for none
	}
	tupleExpr struct{ elts []expr }
	listExpr  struct{ elts []expr }
	setExpr   struct{ elts []expr }
	dictExpr  struct{ keys, vals []expr } // a nil key is **mapping
	starExpr  struct{ x expr }
	compExpr  struct {
		kind    byte // '[' list, '(' generator, '{' set, 'd' dict
		elt     expr
		val     expr // dict comprehensions
		clauses []compClause
	}
	compClause struct {
		target expr
		iter   expr
		ifs    []expr
	}
	attrExpr struct {
		x    expr
		name string
	}
	indexExpr struct{ x, index expr }
	sliceExpr struct{ lo, hi, step expr }
	callExpr  struct {
		fn     expr
		args   []expr // starExpr for *args
		kwargs []kwarg
	}
	kwarg struct {
		name string // "" for **mapping
		x    expr
	}
	unaryExpr struct {
		op string
		x  expr
	}
	binExpr struct {
		op   string
		l, r expr
	}
	boolExpr struct {
		op   string // and, or
		l, r expr
	}
	cmpExpr struct {
		first expr
		ops   []string
		rest  []expr
	}
	ifExpr     struct{ cond, then, els expr }
	lambdaExpr struct {
		params *params
		body   expr
	}
)

// Statements.
type (
	stmt interface{}

	exprStmt   struct{ x expr }
	assignStmt struct {
		targets []expr
		x       expr
	}
	augStmt struct {
		target expr
		op     string
		x      expr
	}
	passStmt     struct{}
	breakStmt    struct{}
	continueStmt struct{}
	returnStmt   struct{ x expr }
	raiseStmt    struct{ x, cause expr }
	globalStmt   struct{ names []string }
	delStmt      struct{ targets []expr }
	assertStmt   struct{ test, msg expr }
	importStmt   struct {
		module string
		as     string
	}
	fromStmt struct {
		module string
		names  [][2]string // name, as; "*" for all
	}
	ifStmt struct {
		cond      expr
		body, els []stmt
	}
	whileStmt struct {
		cond      expr
		body, els []stmt
	}
	forStmt struct {
		target    expr
		iter      expr
		body, els []stmt
	}
	tryStmt struct {
		body     []stmt
		handlers []handler
		els      []stmt
		finally  []stmt
	}
	handler struct {
		typ  expr // nil: bare except
		name string
		body []stmt
	}
	withStmt struct {
		items []withItem
		body  []stmt
	}
	withItem struct {
		x      expr
		target expr
	}
	defStmt struct {
		name   string
		params *params
		body   []stmt
	}
	// lineStmt carries a statement's line for tracebacks and interrupts.
)

type params struct {
	names    []string
	defaults []expr // for the last len(defaults) of names
	star     string // *args
	kwonly   []string
	kwdefs   []expr // nil entries: required
	starstar string
}
