package py

import (
	"math/big"
	"sockrepl/internal/msg"
	"strconv"
	"strings"
)

type parser struct {
	open  bool // a bracket is still open at the end of the source
	toks  []token
	pos   int
	depth int
}

// Parse reads a module's source: a sequence of statements. An open block
// or bracket at the end of src is an *Incomplete error.
func Parse(src string) (stmts []stmt, err error) {
	lx := &lexer{src: src, line: 1, indents: []int{0}, atStart: true}
	if err := lx.run(); err != nil {
		return nil, err
	}
	p := &parser{toks: lx.toks, open: lx.depth > 0}
	defer func() {
		if r := recover(); r != nil {
			if inc, ok := r.(*Incomplete); ok {
				err = inc
				return
			}
			se, ok := r.(*SyntaxError)
			if !ok {
				panic(r)
			}
			if p.open && p.atEnd() && !strings.HasPrefix(se.Msg, "too many") {
				err = &Incomplete{*se}
				return
			}
			err = se
		}
	}()
	for p.peek().kind != tEOF {
		stmts = append(stmts, p.statement()...)
	}
	return stmts, nil
}

// atEnd reports whether only the end of input is left: a failure there
// means the source could go on.
func (p *parser) atEnd() bool {
	for _, t := range p.toks[p.pos:] {
		if t.kind != tEOF && t.kind != tDedent && t.kind != tNewline {
			return false
		}
	}
	return true
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) fail(msg string) {
	panic(&SyntaxError{Msg: msg, Line: p.peek().line})
}

func (p *parser) isOp(op string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == op
}

func (p *parser) isKw(kw string) bool {
	t := p.peek()
	return t.kind == tName && t.text == kw
}

func (p *parser) accept(op string) bool {
	if p.isOp(op) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) acceptKw(kw string) bool {
	if p.isKw(kw) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expect(op string) {
	if !p.accept(op) {
		if p.peek().kind == tEOF || p.peek().kind == tNewline && op != ":" {
			p.fail("unexpected EOF while parsing")
		}
		if op == ":" {
			p.fail("expected ':'")
		}
		p.fail("invalid syntax")
	}
}

func (p *parser) nameTok() string {
	t := p.peek()
	if t.kind != tName || keywords[t.text] {
		p.fail("invalid syntax")
	}
	p.pos++
	return t.text
}

var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// enter bounds the parser's recursion, as CPython's does.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxNesting*3 {
		p.fail("too many nested parentheses")
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) statement() []stmt {
	t := p.peek()
	if t.kind == tIndent {
		p.fail("unexpected indent")
	}
	if t.kind == tName {
		switch t.text {
		case "if":
			return []stmt{p.ifStmt()}
		case "while":
			p.next()
			cond := p.namedTest()
			body := p.block()
			var els []stmt
			if p.acceptKw("else") {
				els = p.block()
			}
			return []stmt{&whileStmt{cond, body, els}}
		case "for":
			p.next()
			target := p.targetList()
			if !p.acceptKw("in") {
				p.fail("invalid syntax")
			}
			iter := p.testList()
			body := p.block()
			var els []stmt
			if p.acceptKw("else") {
				els = p.block()
			}
			return []stmt{&forStmt{target, iter, body, els}}
		case "try":
			return []stmt{p.tryStmt()}
		case "with":
			p.next()
			var items []withItem
			for {
				x := p.test()
				var target expr
				if p.acceptKw("as") {
					target = p.atomTarget()
				}
				items = append(items, withItem{x, target})
				if !p.accept(",") {
					break
				}
			}
			return []stmt{&withStmt{items, p.block()}}
		case "def":
			p.next()
			name := p.nameTok()
			p.expect("(")
			ps := p.params(")")
			p.expect(")")
			if p.accept("->") {
				p.test()
			}
			return []stmt{&defStmt{name, ps, p.block()}}
		case "class", "async", "yield", "nonlocal", "await":
			panic(&SyntaxError{Msg: msgNoKeyword.S(msg.A("word", t.text)), Line: t.line})
		}
	}
	if t.kind == tOp && t.text == "@" {
		panic(&SyntaxError{Msg: msgNoDecorators.S(), Line: t.line})
	}
	return p.simpleStmts()
}

// block reads `: simple` or `: NEWLINE INDENT stmts DEDENT`.
func (p *parser) block() []stmt {
	p.expect(":")
	if p.peek().kind != tNewline {
		return p.simpleStmts()
	}
	p.next()
	if p.peek().kind != tIndent {
		if p.atEnd() {
			panic(&Incomplete{SyntaxError{Msg: "expected an indented block", Line: p.peek().line}})
		}
		p.fail("expected an indented block")
	}
	p.next()
	p.enter()
	defer p.leave()
	var body []stmt
	for p.peek().kind != tDedent && p.peek().kind != tEOF {
		body = append(body, p.statement()...)
	}
	if p.peek().kind == tDedent {
		p.next()
	}
	return body
}

func (p *parser) ifStmt() stmt {
	p.next() // if or elif
	cond := p.namedTest()
	body := p.block()
	var els []stmt
	if p.isKw("elif") {
		els = []stmt{p.ifStmt()}
	} else if p.acceptKw("else") {
		els = p.block()
	}
	return &ifStmt{cond, body, els}
}

func (p *parser) tryStmt() stmt {
	p.next()
	ts := &tryStmt{body: p.block()}
	for p.isKw("except") {
		p.next()
		var h handler
		if !p.isOp(":") {
			h.typ = p.test()
			if p.accept(",") {
				p.fail("multiple exception types must be parenthesized")
			}
			if p.acceptKw("as") {
				h.name = p.nameTok()
			}
		}
		h.body = p.block()
		ts.handlers = append(ts.handlers, h)
	}
	if p.acceptKw("else") {
		ts.els = p.block()
	}
	if p.acceptKw("finally") {
		ts.finally = p.block()
	}
	if ts.handlers == nil && ts.finally == nil {
		if p.atEnd() {
			panic(&Incomplete{SyntaxError{Msg: "expected 'except' or 'finally' block", Line: p.peek().line}})
		}
		p.fail("expected 'except' or 'finally' block")
	}
	return ts
}

func (p *parser) simpleStmts() []stmt {
	var out []stmt
	for {
		out = append(out, p.smallStmt())
		if !p.accept(";") {
			break
		}
		if p.peek().kind == tNewline {
			break
		}
	}
	switch p.peek().kind {
	case tNewline:
		p.next()
	case tEOF:
	default:
		if e, ok := out[len(out)-1].(*exprStmt); ok {
			if n, ok := e.x.(*nameExpr); ok && (n.name == "print" || n.name == "exec") {
				p.fail("Missing parentheses in call to '" + n.name + "'. Did you mean " + n.name + "(...)?")
			}
		}
		p.fail("invalid syntax")
	}
	return out
}

func (p *parser) smallStmt() stmt {
	t := p.peek()
	if t.kind == tName {
		switch t.text {
		case "pass":
			p.next()
			return &passStmt{}
		case "break":
			p.next()
			return &breakStmt{}
		case "continue":
			p.next()
			return &continueStmt{}
		case "return":
			p.next()
			var x expr
			if !p.endOfStmt() {
				x = p.testListStar()
			}
			return &returnStmt{x}
		case "raise":
			p.next()
			var x, cause expr
			if !p.endOfStmt() {
				x = p.test()
				if p.acceptKw("from") {
					cause = p.test()
				}
			}
			return &raiseStmt{x, cause}
		case "global":
			p.next()
			g := &globalStmt{}
			for {
				g.names = append(g.names, p.nameTok())
				if !p.accept(",") {
					break
				}
			}
			return g
		case "del":
			p.next()
			return &delStmt{targets: exprList(p.targetList())}
		case "assert":
			p.next()
			a := &assertStmt{test: p.test()}
			if p.accept(",") {
				a.msg = p.test()
			}
			return a
		case "import":
			p.next()
			mod := p.dotted()
			as := ""
			if p.acceptKw("as") {
				as = p.nameTok()
			}
			if p.isOp(",") {
				p.fail("import one module a line here")
			}
			return &importStmt{mod, as}
		case "from":
			p.next()
			mod := p.dotted()
			if !p.acceptKw("import") {
				p.fail("invalid syntax")
			}
			fs := &fromStmt{module: mod}
			if p.accept("*") {
				fs.names = [][2]string{{"*", ""}}
				return fs
			}
			paren := p.accept("(")
			for {
				n := p.nameTok()
				as := n
				if p.acceptKw("as") {
					as = p.nameTok()
				}
				fs.names = append(fs.names, [2]string{n, as})
				if !p.accept(",") || paren && p.isOp(")") {
					break
				}
			}
			if paren {
				p.expect(")")
			}
			return fs
		}
	}
	x := p.testListStar()
	if t := p.peek(); t.kind == tOp && len(t.text) >= 2 && strings.HasSuffix(t.text, "=") && t.text != "==" && t.text != "<=" && t.text != ">=" && t.text != "!=" {
		p.next()
		checkTarget(x, p, true)
		return &augStmt{x, strings.TrimSuffix(t.text, "="), p.testList()}
	}
	if p.isOp("=") {
		a := &assignStmt{targets: []expr{x}}
		for p.accept("=") {
			a.targets = append(a.targets, p.testListStar())
		}
		a.x = a.targets[len(a.targets)-1]
		a.targets = a.targets[:len(a.targets)-1]
		for _, tg := range a.targets {
			checkTarget(tg, p, false)
		}
		return a
	}
	return &exprStmt{x}
}

func exprList(x expr) []expr {
	if t, ok := x.(*tupleExpr); ok {
		return t.elts
	}
	return []expr{x}
}

// checkTarget rejects assignments to what cannot be assigned, with
// CPython's words.
func checkTarget(x expr, p *parser, aug bool) {
	switch t := x.(type) {
	case *nameExpr, *attrExpr, *indexExpr:
		return
	case *tupleExpr:
		if !aug {
			for _, e := range t.elts {
				checkTarget(e, p, false)
			}
			return
		}
	case *listExpr:
		if !aug {
			for _, e := range t.elts {
				checkTarget(e, p, false)
			}
			return
		}
	case *starExpr:
		if !aug {
			checkTarget(t.x, p, false)
			return
		}
	case *callExpr:
		p.fail("cannot assign to function call here. Maybe you meant '==' instead of '='?")
	case *constExpr:
		p.fail("cannot assign to literal here. Maybe you meant '==' instead of '='?")
	}
	if aug {
		p.fail("'" + exprKind(x) + "' is an illegal expression for augmented assignment")
	}
	p.fail("cannot assign to " + exprKind(x))
}

func exprKind(x expr) string {
	switch x.(type) {
	case *tupleExpr:
		return "tuple"
	case *listExpr:
		return "list"
	case *binExpr, *unaryExpr:
		return "expression"
	case *compExpr:
		return "comprehension"
	case *cmpExpr:
		return "comparison"
	}
	return "expression"
}

func (p *parser) endOfStmt() bool {
	t := p.peek()
	return t.kind == tNewline || t.kind == tEOF || t.kind == tOp && t.text == ";"
}

func (p *parser) dotted() string {
	n := p.nameTok()
	for p.accept(".") {
		n += "." + p.nameTok()
	}
	return n
}

func (p *parser) params(end string) *params {
	ps := &params{}
	kwonly := false
	for !p.isOp(end) {
		switch {
		case p.accept("**"):
			ps.starstar = p.nameTok()
		case p.accept("*"):
			kwonly = true
			if !p.isOp(",") && !p.isOp(end) {
				ps.star = p.nameTok()
			}
		default:
			n := p.nameTok()
			if end == ")" && p.accept(":") {
				p.test()
			}
			var def expr
			if p.accept("=") {
				def = p.test()
			}
			if kwonly {
				ps.kwonly = append(ps.kwonly, n)
				ps.kwdefs = append(ps.kwdefs, def)
			} else {
				if def == nil && len(ps.defaults) > 0 {
					p.fail("non-default argument follows default argument")
				}
				ps.names = append(ps.names, n)
				if def != nil {
					ps.defaults = append(ps.defaults, def)
				}
			}
		}
		if !p.accept(",") {
			break
		}
	}
	return ps
}

// targetList is a for/del target: expressions up to `in`.
func (p *parser) targetList() expr {
	var elts []expr
	trailing := false
	for {
		elts = append(elts, p.orExpr(true))
		trailing = false
		if !p.accept(",") {
			break
		}
		trailing = true
		if p.isKw("in") || p.isOp("=") || p.endOfStmt() {
			break
		}
	}
	if len(elts) == 1 && !trailing {
		return elts[0]
	}
	return &tupleExpr{elts}
}

func (p *parser) atomTarget() expr { return p.orExpr(false) }

// testListStar is a comma list that may hold *x; one element without a
// comma is itself.
func (p *parser) testListStar() expr {
	var elts []expr
	trailing := false
	for {
		if p.accept("*") {
			elts = append(elts, &starExpr{p.orExpr(false)})
		} else {
			elts = append(elts, p.test())
		}
		trailing = false
		if !p.accept(",") {
			break
		}
		trailing = true
		if p.endOfStmt() || p.isOp("=") || p.isOp(")") {
			break
		}
	}
	if len(elts) == 1 && !trailing {
		if _, ok := elts[0].(*starExpr); ok {
			p.fail("can't use starred expression here")
		}
		return elts[0]
	}
	return &tupleExpr{elts}
}

func (p *parser) testList() expr { return p.testListStar() }

func (p *parser) namedTest() expr {
	x := p.test()
	if p.isOp(":=") {
		p.fail(msgNoWalrus.S())
	}
	return x
}

func (p *parser) test() expr {
	p.enter()
	defer p.leave()
	if p.acceptKw("lambda") {
		ps := p.params(":")
		p.expect(":")
		return &lambdaExpr{ps, p.test()}
	}
	x := p.orTest()
	if p.acceptKw("if") {
		cond := p.orTest()
		if !p.acceptKw("else") {
			p.fail("expected 'else' after 'if' expression")
		}
		return &ifExpr{cond, x, p.test()}
	}
	return x
}

func (p *parser) orTest() expr {
	x := p.andTest()
	for p.acceptKw("or") {
		x = &boolExpr{"or", x, p.andTest()}
	}
	return x
}

func (p *parser) andTest() expr {
	x := p.notTest()
	for p.acceptKw("and") {
		x = &boolExpr{"and", x, p.notTest()}
	}
	return x
}

func (p *parser) notTest() expr {
	if p.acceptKw("not") {
		p.enter()
		defer p.leave()
		return &unaryExpr{"not", p.notTest()}
	}
	return p.comparison()
}

func (p *parser) comparison() expr {
	x := p.orExpr(false)
	var ops []string
	var rest []expr
	for {
		t := p.peek()
		op := ""
		switch {
		case t.kind == tOp && (t.text == "<" || t.text == ">" || t.text == "==" || t.text == ">=" || t.text == "<=" || t.text == "!="):
			op = t.text
			p.next()
		case t.kind == tName && t.text == "in":
			op = "in"
			p.next()
		case t.kind == tName && t.text == "not" && p.toks[p.pos+1].kind == tName && p.toks[p.pos+1].text == "in":
			op = "not in"
			p.pos += 2
		case t.kind == tName && t.text == "is":
			p.next()
			op = "is"
			if p.acceptKw("not") {
				op = "is not"
			}
		}
		if op == "" {
			break
		}
		ops = append(ops, op)
		rest = append(rest, p.orExpr(false))
	}
	if ops == nil {
		return x
	}
	return &cmpExpr{x, ops, rest}
}

// binary operator levels, loosest first.
var binLevels = [][]string{{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}}

// orExpr parses a bitwise-or expression; inFor stops at `in`.
func (p *parser) orExpr(inFor bool) expr { return p.binary(0) }

func (p *parser) binary(level int) expr {
	if level == len(binLevels) {
		return p.unary()
	}
	x := p.binary(level + 1)
	for {
		t := p.peek()
		if t.kind != tOp || !contains(binLevels[level], t.text) {
			return x
		}
		p.next()
		x = &binExpr{t.text, x, p.binary(level + 1)}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *parser) unary() expr {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+" || t.text == "~") {
		p.next()
		p.enter()
		defer p.leave()
		x := p.unary()
		if c, ok := x.(*constExpr); ok && t.text == "-" {
			switch v := c.v.(type) {
			case Int:
				return &constExpr{Int{new(big.Int).Neg(v.b)}}
			case Float:
				return &constExpr{-v}
			}
		}
		return &unaryExpr{t.text, x}
	}
	return p.power()
}

func (p *parser) power() expr {
	x := p.primary()
	if p.accept("**") {
		p.enter()
		defer p.leave()
		return &binExpr{"**", x, p.unary()}
	}
	return x
}

func (p *parser) primary() expr {
	x := p.atom()
	for {
		switch {
		case p.accept("."):
			x = &attrExpr{x, p.nameTok()}
		case p.accept("("):
			x = p.call(x)
		case p.accept("["):
			x = &indexExpr{x, p.subscript()}
			p.expect("]")
		default:
			return x
		}
	}
}

func (p *parser) call(fn expr) expr {
	p.enter()
	defer p.leave()
	c := &callExpr{fn: fn}
	for !p.isOp(")") {
		switch {
		case p.accept("**"):
			c.kwargs = append(c.kwargs, kwarg{"", p.test()})
		case p.accept("*"):
			c.args = append(c.args, &starExpr{p.test()})
		default:
			t := p.peek()
			if t.kind == tName && p.toks[p.pos+1].kind == tOp && p.toks[p.pos+1].text == "=" {
				p.pos += 2
				c.kwargs = append(c.kwargs, kwarg{t.text, p.test()})
				break
			}
			x := p.test()
			if p.isKw("for") {
				x = p.comprehension('(', x, nil)
			}
			if len(c.kwargs) > 0 {
				p.fail("positional argument follows keyword argument")
			}
			c.args = append(c.args, x)
		}
		if !p.accept(",") {
			break
		}
	}
	p.expect(")")
	return c
}

func (p *parser) subscript() expr {
	var items []expr
	for {
		var lo, hi, step expr
		isSlice := false
		if !p.isOp(":") {
			lo = p.test()
		}
		if p.accept(":") {
			isSlice = true
			if !p.isOp("]") && !p.isOp(":") && !p.isOp(",") {
				hi = p.test()
			}
			if p.accept(":") && !p.isOp("]") && !p.isOp(",") {
				step = p.test()
			}
		}
		if isSlice {
			items = append(items, &sliceExpr{lo, hi, step})
		} else {
			items = append(items, lo)
		}
		if !p.accept(",") || p.isOp("]") {
			break
		}
	}
	if len(items) == 1 {
		return items[0]
	}
	return &tupleExpr{items}
}

func (p *parser) comprehension(kind byte, elt, val expr) expr {
	c := &compExpr{kind: kind, elt: elt, val: val}
	for p.acceptKw("for") {
		cl := compClause{target: p.targetList()}
		if !p.acceptKw("in") {
			p.fail("invalid syntax")
		}
		cl.iter = p.orTest()
		for p.acceptKw("if") {
			cl.ifs = append(cl.ifs, p.orTestNoCond())
		}
		c.clauses = append(c.clauses, cl)
	}
	return c
}

func (p *parser) orTestNoCond() expr { return p.orTest() }

func (p *parser) atom() expr {
	p.enter()
	defer p.leave()
	t := p.next()
	switch t.kind {
	case tName:
		switch t.text {
		case "None":
			return &constExpr{None}
		case "True":
			return &constExpr{True}
		case "False":
			return &constExpr{False}
		}
		if keywords[t.text] {
			p.pos--
			p.fail("invalid syntax")
		}
		return &nameExpr{t.text}
	case tInt:
		if digits := strings.ReplaceAll(t.text, "_", ""); len(digits) > maxStrDigits && (len(digits) < 2 || !strings.ContainsRune("xXoObB", rune(digits[1]))) {
			p.pos--
			p.fail(strDigitsMsg(": value has "+itoa(len(digits))+" digits") + " - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.")
		}
		n, ok := new(big.Int).SetString(t.text, 0)
		if !ok {
			if len(t.text) > 1 && t.text[0] == '0' && strings.Trim(t.text, "0") != "" {
				p.pos--
				p.fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
			}
			n, _ = new(big.Int).SetString(strings.TrimLeft(t.text, "0")+"0", 10)
			n.Div(n, big.NewInt(10))
		}
		return &constExpr{Int{n}}
	case tFloat:
		f, _ := strconv.ParseFloat(t.text, 64)
		return &constExpr{Float(f)}
	case tStr, tBytes, tFStr:
		return p.strings(t)
	case tOp:
		switch t.text {
		case "(":
			if p.accept(")") {
				return &tupleExpr{}
			}
			var x expr
			if p.accept("*") {
				x = &starExpr{p.orExpr(false)}
			} else {
				x = p.test()
			}
			if p.isKw("for") {
				x = p.comprehension('(', x, nil)
				p.expect(")")
				return x
			}
			if p.accept(")") {
				return x
			}
			elts := []expr{x}
			for p.accept(",") {
				if p.isOp(")") {
					break
				}
				if p.accept("*") {
					elts = append(elts, &starExpr{p.orExpr(false)})
				} else {
					elts = append(elts, p.test())
				}
			}
			p.expect(")")
			return &tupleExpr{elts}
		case "[":
			var elts []expr
			for !p.isOp("]") {
				var x expr
				if p.accept("*") {
					x = &starExpr{p.orExpr(false)}
				} else {
					x = p.test()
				}
				if len(elts) == 0 && p.isKw("for") {
					x = p.comprehension('[', x, nil)
					p.expect("]")
					return x
				}
				elts = append(elts, x)
				if !p.accept(",") {
					break
				}
			}
			p.expect("]")
			return &listExpr{elts}
		case "{":
			if p.accept("}") {
				return &dictExpr{}
			}
			if p.accept("**") {
				d := &dictExpr{keys: []expr{nil}, vals: []expr{p.orExpr(false)}}
				p.dictRest(d)
				return d
			}
			k := p.test()
			if p.accept(":") {
				v := p.test()
				if p.isKw("for") {
					x := p.comprehension('d', k, v)
					p.expect("}")
					return x
				}
				d := &dictExpr{keys: []expr{k}, vals: []expr{v}}
				p.dictRest(d)
				return d
			}
			if p.isKw("for") {
				x := p.comprehension('{', k, nil)
				p.expect("}")
				return x
			}
			elts := []expr{k}
			for p.accept(",") && !p.isOp("}") {
				elts = append(elts, p.test())
			}
			p.expect("}")
			return &setExpr{elts}
		case "...":
			return &constExpr{Ellipsis}
		}
	case tEOF, tNewline:
		p.pos--
		if t.kind == tEOF {
			p.fail("unexpected EOF while parsing")
		}
		p.fail("invalid syntax")
	case tIndent:
		p.pos--
		p.fail("unexpected indent")
	}
	p.pos--
	p.fail("invalid syntax")
	return nil
}

func (p *parser) dictRest(d *dictExpr) {
	for p.accept(",") && !p.isOp("}") {
		if p.accept("**") {
			d.keys = append(d.keys, nil)
			d.vals = append(d.vals, p.orExpr(false))
			continue
		}
		d.keys = append(d.keys, p.test())
		p.expect(":")
		d.vals = append(d.vals, p.test())
	}
	p.expect("}")
}

// strings joins adjacent literals; str and bytes cannot mix.
func (p *parser) strings(first token) expr {
	toks := []token{first}
	for k := p.peek().kind; k == tStr || k == tBytes || k == tFStr; k = p.peek().kind {
		toks = append(toks, p.next())
	}
	isBytes := first.kind == tBytes
	var parts []fpart
	hasF := false
	var lit strings.Builder
	for _, t := range toks {
		if (t.kind == tBytes) != isBytes {
			p.fail("cannot mix bytes and nonbytes literals")
		}
		switch t.kind {
		case tStr, tBytes:
			lit.WriteString(t.text)
		case tFStr:
			hasF = true
			fp := p.fstring(t.text[1:], t.text[0] == 'r', t.line)
			for _, part := range fp {
				if part.x == nil {
					lit.WriteString(part.lit)
					continue
				}
				if lit.Len() > 0 {
					parts = append(parts, fpart{lit: lit.String()})
					lit.Reset()
				}
				parts = append(parts, part)
			}
		}
	}
	if isBytes {
		return &constExpr{Bytes(lit.String())}
	}
	if !hasF {
		return &constExpr{Str(lit.String())}
	}
	if lit.Len() > 0 {
		parts = append(parts, fpart{lit: lit.String()})
	}
	return &fstrExpr{parts}
}

// fstring splits an f-string's body into text and {expressions}.
func (p *parser) fstring(body string, raw bool, line int) []fpart {
	var parts []fpart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			s := lit.String()
			if !raw {
				var err error
				if s, err = unescape(s, false); err != nil {
					panic(&SyntaxError{Msg: err.Error(), Line: line})
				}
			}
			parts = append(parts, fpart{lit: s})
			lit.Reset()
		}
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '}' {
			if i+1 < len(body) && body[i+1] == '}' {
				lit.WriteByte('}')
				i++
				continue
			}
			panic(&SyntaxError{Msg: "f-string: single '}' is not allowed", Line: line})
		}
		if c != '{' {
			lit.WriteByte(c)
			continue
		}
		if i+1 < len(body) && body[i+1] == '{' {
			lit.WriteByte('{')
			i++
			continue
		}
		flush()
		// Find the expression's end: a ! : or } at bracket depth 0.
		depth := 0
		j := i + 1
		var quote byte
		for ; j < len(body); j++ {
			ch := body[j]
			if quote != 0 {
				if ch == quote {
					quote = 0
				}
				continue
			}
			switch ch {
			case '\'', '"':
				quote = ch
			case '(', '[', '{':
				depth++
			case ')', ']':
				depth--
			case '}':
				if depth == 0 {
					goto done
				}
				depth--
			case '!', ':':
				if depth == 0 && !(ch == '!' && j+1 < len(body) && body[j+1] == '=') {
					goto done
				}
			}
		}
	done:
		if j >= len(body) {
			panic(&SyntaxError{Msg: "f-string: expecting '}'", Line: line})
		}
		src := body[i+1 : j]
		if strings.TrimSpace(src) == "" {
			panic(&SyntaxError{Msg: "f-string: empty expression not allowed", Line: line})
		}
		x := p.subExpr(src, line)
		part := fpart{x: x}
		if body[j] == '!' {
			if j+1 >= len(body) || (body[j+1] != 'r' && body[j+1] != 's' && body[j+1] != 'a') {
				panic(&SyntaxError{Msg: "f-string: invalid conversion character: expected 's', 'r', or 'a'", Line: line})
			}
			part.conv = body[j+1]
			j += 2
		}
		if j < len(body) && body[j] == ':' {
			k := j + 1
			d := 0
			for ; k < len(body); k++ {
				if body[k] == '{' {
					d++
				} else if body[k] == '}' {
					if d == 0 {
						break
					}
					d--
				}
			}
			spec := p.fstring(body[j+1:k], raw, line)
			part.spec = &fstrExpr{spec}
			j = k
		}
		if j >= len(body) || body[j] != '}' {
			panic(&SyntaxError{Msg: "f-string: expecting '}'", Line: line})
		}
		parts = append(parts, part)
		i = j
	}
	flush()
	return parts
}

func (p *parser) subExpr(src string, line int) expr {
	toks, err := lex("(" + src + ")")
	if err != nil {
		panic(&SyntaxError{Msg: "f-string: " + err.(interface{ Error() string }).Error(), Line: line})
	}
	sub := &parser{toks: toks, depth: p.depth}
	x := sub.test()
	if sub.peek().kind != tNewline && sub.peek().kind != tEOF {
		panic(&SyntaxError{Msg: "f-string: invalid syntax", Line: line})
	}
	return x
}

func itoa(n int) string { return strconv.Itoa(n) }
