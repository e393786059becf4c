package py

import (
	"errors"
	"math/big"
	"sockrepl/internal/msg"
	"strings"
)

func (fr *frame) execBlock(stmts []stmt) error {
	for _, s := range stmts {
		if err := fr.exec(s); err != nil {
			return err
		}
	}
	return nil
}

func (fr *frame) exec(s stmt) error {
	switch s := s.(type) {
	case *exprStmt:
		v, err := fr.eval(s.x)
		if err != nil {
			return err
		}
		if fr.echo && fr.local == nil && v != None {
			if err := writeRepr(v, false, fr.in.Write, fr.in.Interrupted); err != nil {
				return err
			}
			fr.in.Write("\n")
			fr.in.Echoed++
		}
		return nil
	case *assignStmt:
		v, err := fr.eval(s.x)
		if err != nil {
			return err
		}
		for _, t := range s.targets {
			if err := fr.assign(t, v); err != nil {
				return err
			}
		}
		return nil
	case *augStmt:
		return fr.augAssign(s)
	case *passStmt:
		return nil
	case *breakStmt:
		return errBreak
	case *continueStmt:
		return errContinue
	case *returnStmt:
		if fr.local == nil {
			return &SyntaxError{Msg: "'return' outside function"}
		}
		var v Value = None
		if s.x != nil {
			var err error
			if v, err = fr.eval(s.x); err != nil {
				return err
			}
		}
		return &returnSignal{v}
	case *raiseStmt:
		return fr.raise(s)
	case *globalStmt:
		if fr.local != nil {
			if fr.local.globals == nil {
				fr.local.globals = map[string]bool{}
			}
			for _, n := range s.names {
				fr.local.globals[n] = true
			}
		}
		return nil
	case *delStmt:
		return fr.delAll(s.targets)
	case *assertStmt:
		v, err := fr.eval(s.test)
		if err != nil {
			return err
		}
		if !Truth(v) {
			if s.msg != nil {
				m, err := fr.eval(s.msg)
				if err != nil {
					return err
				}
				return NewExc(AssertionError, m)
			}
			return NewExc(AssertionError)
		}
		return nil
	case *importStmt:
		mod, err := fr.importModule(s.module)
		if err != nil {
			return err
		}
		name := s.as
		if name == "" {
			name = strings.Split(s.module, ".")[0]
		}
		fr.setName(name, mod)
		return nil
	case *fromStmt:
		mod, err := fr.importModule(s.module)
		if err != nil {
			return err
		}
		for _, n := range s.names {
			if n[0] == "*" {
				for i, k := range mod.Attrs.keys {
					if ks, ok := k.(Str); ok && !strings.HasPrefix(string(ks), "_") {
						fr.setName(string(ks), mod.Attrs.vals[i])
					}
				}
				continue
			}
			v, ok := mod.Attrs.GetStr(n[0])
			if !ok {
				return excf(ImportError, "cannot import name '%s' from '%s' (unknown location)", n[0], s.module)
			}
			fr.setName(n[1], v)
		}
		return nil
	case *ifStmt:
		v, err := fr.eval(s.cond)
		if err != nil {
			return err
		}
		if Truth(v) {
			return fr.execBlock(s.body)
		}
		return fr.execBlock(s.els)
	case *whileStmt:
		for {
			if err := fr.checkInterrupt(); err != nil {
				return err
			}
			v, err := fr.eval(s.cond)
			if err != nil {
				return err
			}
			if !Truth(v) {
				return fr.execBlock(s.els)
			}
			if done, err := fr.runBody(s.body); done {
				return err
			}
		}
	case *forStmt:
		it, err := fr.iterate(s.iter)
		if err != nil {
			return err
		}
		for {
			v, ok, err := fr.step(it)
			if err != nil {
				return err
			}
			if !ok {
				return fr.execBlock(s.els)
			}
			if err := fr.assign(s.target, v); err != nil {
				return err
			}
			if done, err := fr.runBody(s.body); done {
				return err
			}
		}
	case *tryStmt:
		return fr.try(s)
	case *withStmt:
		return fr.with(s.items, s.body)
	case *defStmt:
		f, err := fr.makeFunc(s.name, s.params, s.body, nil)
		if err != nil {
			return err
		}
		fr.setName(s.name, f)
		return nil
	}
	return typeErr("unsupported statement")
}

// runBody runs a loop's body once. done: the loop ends here, by break
// (err nil) or by an error to pass on.
func (fr *frame) runBody(body []stmt) (done bool, err error) {
	switch err := fr.execBlock(body); err {
	case nil, errContinue:
		return false, nil
	case errBreak:
		return true, nil
	default:
		return true, err
	}
}

// step is one turn of a loop over it: Ctrl-C first, then the next item.
func (fr *frame) step(it *Iter) (Value, bool, error) {
	if err := fr.checkInterrupt(); err != nil {
		return nil, false, err
	}
	return it.next()
}

func (fr *frame) importModule(name string) (*Module, error) {
	if m, ok := fr.in.Modules[name]; ok {
		return m, nil
	}
	return nil, excf(ModuleNotFound, "%s", msgNoModule.S(msg.A("name", name), msg.A("have", strings.Join(fr.in.moduleNames(), ", "))))
}

func (in *Interp) moduleNames() []string {
	var out []string
	for n := range in.Modules {
		out = append(out, n)
	}
	sortStrings(out)
	return out
}

func (fr *frame) raise(s *raiseStmt) error {
	if s.x == nil {
		if fr.handling != nil {
			return fr.handling
		}
		return excf(RuntimeError, "No active exception to reraise")
	}
	v, err := fr.eval(s.x)
	if err != nil {
		return err
	}
	switch x := v.(type) {
	case *Class:
		if x.IsSub(BaseException) {
			inst, err := x.Instantiate(nil, nil)
			if err != nil {
				return err
			}
			return &Exception{inst.(*Instance)}
		}
	case *Instance:
		if x.Class.IsSub(BaseException) {
			return &Exception{x}
		}
	}
	return typeErr("exceptions must derive from BaseException")
}

func (fr *frame) try(s *tryStmt) (err error) {
	if len(s.finally) > 0 {
		defer func() {
			ferr := fr.execBlock(s.finally)
			if ferr != nil {
				err = ferr
			}
		}()
	}
	err = fr.execBlock(s.body)
	var exc *Exception
	if err == nil {
		return fr.execBlock(s.els)
	}
	if !errors.As(err, &exc) {
		return err
	}
	for _, h := range s.handlers {
		match := h.typ == nil
		if !match {
			t, terr := fr.eval(h.typ)
			if terr != nil {
				return terr
			}
			var merr error
			match, merr = excMatches(exc.Inst.Class, t)
			if merr != nil {
				return merr
			}
		}
		if !match {
			continue
		}
		if h.name != "" {
			fr.setName(h.name, exc.Inst)
		}
		outer := fr.handling
		fr.handling = exc
		herr := fr.execBlock(h.body)
		fr.handling = outer
		if h.name != "" {
			fr.delName(h.name)
		}
		return herr
	}
	return err
}

func excMatches(c *Class, t Value) (bool, error) {
	switch t := t.(type) {
	case *Class:
		return c.IsSub(t), nil
	case Tuple:
		for _, e := range t {
			ok, err := excMatches(c, e)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	return false, typeErr("catching classes that do not inherit from BaseException is not allowed")
}

func (fr *frame) with(items []withItem, body []stmt) error {
	if len(items) == 0 {
		return fr.execBlock(body)
	}
	it := items[0]
	cm, err := fr.eval(it.x)
	if err != nil {
		return err
	}
	enter, err := fr.getAttr(cm, "__enter__")
	if err != nil {
		return typeErr("'%s' object does not support the context manager protocol", TypeName(cm))
	}
	exit, err := fr.getAttr(cm, "__exit__")
	if err != nil {
		return typeErr("'%s' object does not support the context manager protocol", TypeName(cm))
	}
	v, err := fr.call(enter, nil, nil)
	if err != nil {
		return err
	}
	if it.target != nil {
		if err := fr.assign(it.target, v); err != nil {
			return err
		}
	}
	berr := fr.with(items[1:], body)
	var exc *Exception
	if errors.As(berr, &exc) {
		r, err := fr.call(exit, []Value{exc.Inst.Class, exc.Inst, None}, nil)
		if err != nil {
			return err
		}
		if Truth(r) {
			return nil
		}
		return berr
	}
	if _, err := fr.call(exit, []Value{None, None, None}, nil); err != nil {
		return err
	}
	return berr
}

func (fr *frame) makeFunc(name string, ps *params, body []stmt, lambda expr) (*Func, error) {
	f := &Func{Name: name, params: ps, body: body, lambda: lambda, globals: fr.globals, closure: fr.local}
	for _, d := range ps.defaults {
		v, err := fr.eval(d)
		if err != nil {
			return nil, err
		}
		f.defs = append(f.defs, v)
	}
	for _, d := range ps.kwdefs {
		var v Value
		if d != nil {
			var err error
			if v, err = fr.eval(d); err != nil {
				return nil, err
			}
		}
		f.kwdefs = append(f.kwdefs, v)
	}
	return f, nil
}

// assign stores v into a target: a name, a.b, a[i], or a tuple of them.
func (fr *frame) assign(t expr, v Value) error {
	switch t := t.(type) {
	case *nameExpr:
		fr.setName(t.name, v)
		return nil
	case *tupleExpr:
		return fr.unpack(t.elts, v)
	case *listExpr:
		return fr.unpack(t.elts, v)
	case *attrExpr:
		obj, err := fr.eval(t.x)
		if err != nil {
			return err
		}
		if inst, ok := obj.(*Instance); ok {
			inst.Attrs[t.name] = v
			return nil
		}
		if s, ok := obj.(interface {
			SetAttr(string, Value) error
		}); ok {
			return s.SetAttr(t.name, v)
		}
		return excf(AttributeError, "'%s' object attribute '%s' is read-only", TypeName(obj), t.name)
	case *indexExpr:
		obj, idx, err := fr.evalIndex(t)
		if err != nil {
			return err
		}
		return setItem(obj, idx, v)
	}
	return &SyntaxError{Msg: "cannot assign to expression"}
}

func (fr *frame) unpack(targets []expr, v Value) error {
	items, err := fr.listOf(v, "cannot unpack non-iterable %s object")
	if err != nil {
		return err
	}
	star := -1
	for i, t := range targets {
		if _, ok := t.(*starExpr); ok {
			star = i
		}
	}
	if star < 0 {
		if len(items) > len(targets) {
			return valueErr("too many values to unpack (expected %d)", len(targets))
		}
		if len(items) < len(targets) {
			return valueErr("not enough values to unpack (expected %d, got %d)", len(targets), len(items))
		}
		for i, t := range targets {
			if err := fr.assign(t, items[i]); err != nil {
				return err
			}
		}
		return nil
	}
	after := len(targets) - star - 1
	if len(items) < len(targets)-1 {
		return valueErr("not enough values to unpack (expected at least %d, got %d)", len(targets)-1, len(items))
	}
	for i := 0; i < star; i++ {
		if err := fr.assign(targets[i], items[i]); err != nil {
			return err
		}
	}
	mid := append([]Value(nil), items[star:len(items)-after]...)
	if err := fr.assign(targets[star].(*starExpr).x, &List{mid}); err != nil {
		return err
	}
	for i := 0; i < after; i++ {
		if err := fr.assign(targets[star+1+i], items[len(items)-after+i]); err != nil {
			return err
		}
	}
	return nil
}

func (fr *frame) augAssign(s *augStmt) error {
	var cur Value
	var err error
	var obj, idx Value
	switch t := s.target.(type) {
	case *nameExpr:
		cur, err = fr.lookup(t.name)
	case *attrExpr:
		if obj, err = fr.eval(t.x); err == nil {
			cur, err = fr.getAttr(obj, t.name)
		}
	case *indexExpr:
		if obj, idx, err = fr.evalIndex(t); err == nil {
			cur, err = getItem(obj, idx)
		}
	}
	if err != nil {
		return err
	}
	rhs, err := fr.eval(s.x)
	if err != nil {
		return err
	}
	var v Value
	if l, ok := cur.(*List); ok && s.op == "+" {
		items, err := fr.listOf(rhs, "'%s' object is not iterable")
		if err != nil {
			return err
		}
		if len(l.Items)+len(items) > MaxItems {
			return NewExc(MemoryError)
		}
		l.Items = append(l.Items, items...)
		v = l
	} else if v, err = binop(s.op, cur, rhs, fr.in.Interrupted); err != nil {
		return err
	}
	switch t := s.target.(type) {
	case *nameExpr:
		fr.setName(t.name, v)
	case *attrExpr:
		return fr.assign(t, v)
	case *indexExpr:
		return setItem(obj, idx, v)
	}
	return nil
}

func (fr *frame) del(t expr) error {
	switch t := t.(type) {
	case *nameExpr:
		return fr.delName(t.name)
	case *tupleExpr:
		return fr.delAll(t.elts)
	case *indexExpr:
		obj, idx, err := fr.evalIndex(t)
		if err != nil {
			return err
		}
		return delItem(obj, idx)
	}
	return &SyntaxError{Msg: "cannot delete expression"}
}

// delAll deletes each target in turn, as `del a, b` does.
func (fr *frame) delAll(targets []expr) error {
	for _, t := range targets {
		if err := fr.del(t); err != nil {
			return err
		}
	}
	return nil
}

// evalIndex evaluates the a and the i of a[i], in that order.
func (fr *frame) evalIndex(t *indexExpr) (obj, idx Value, err error) {
	if obj, err = fr.eval(t.x); err != nil {
		return nil, nil, err
	}
	idx, err = fr.eval(t.index)
	return obj, idx, err
}

// callFunc runs a user function.
func (fr *frame) callFunc(f *Func, args []Value, kw []KW) (Value, error) {
	in := fr.in
	if in.depth >= MaxDepth {
		return nil, excf(RecursionError, "maximum recursion depth exceeded")
	}
	if err := fr.checkInterrupt(); err != nil {
		return nil, err
	}
	in.depth++
	defer func() { in.depth-- }()
	sc := &scope{vars: map[string]Value{}, up: f.closure}
	if err := bindArgs(f, sc.vars, args, kw); err != nil {
		return nil, err
	}
	callee := &frame{in: in, globals: f.globals, local: sc}
	if f.lambda != nil {
		return callee.eval(f.lambda)
	}
	err := callee.execBlock(f.body)
	switch e := err.(type) {
	case nil:
		return None, nil
	case *returnSignal:
		return e.v, nil
	case *breakSignal, *continueSignal:
		return nil, &SyntaxError{Msg: "'break' outside loop"}
	}
	return nil, err
}

func bindArgs(f *Func, vars map[string]Value, args []Value, kw []KW) error {
	ps := f.params
	n := len(ps.names)
	for i, a := range args {
		if i < n {
			vars[ps.names[i]] = a
		}
	}
	if len(args) > n {
		if ps.star == "" {
			return typeErr("%s() takes %d positional argument%s but %d %s given", f.Name, n, plural(n), len(args), wasWere(len(args)))
		}
		vars[ps.star] = Tuple(append([]Value(nil), args[n:]...))
	} else if ps.star != "" {
		vars[ps.star] = Tuple{}
	}
	var extra *Dict
	if ps.starstar != "" {
		extra = NewDict()
		vars[ps.starstar] = extra
	}
	for _, k := range kw {
		found := false
		for i, name := range ps.names {
			if name == k.Name {
				if i < len(args) {
					return typeErr("%s() got multiple values for argument '%s'", f.Name, k.Name)
				}
				vars[name] = k.V
				found = true
			}
		}
		for _, name := range ps.kwonly {
			if name == k.Name {
				vars[name] = k.V
				found = true
			}
		}
		if !found {
			if extra == nil {
				return typeErr("%s() got an unexpected keyword argument '%s'", f.Name, k.Name)
			}
			extra.SetStr(k.Name, k.V)
		}
	}
	firstDef := n - len(ps.defaults)
	var missing []string
	for i, name := range ps.names {
		if _, ok := vars[name]; !ok {
			if i >= firstDef {
				vars[name] = f.defs[i-firstDef]
			} else {
				missing = append(missing, "'"+name+"'")
			}
		}
	}
	if len(missing) > 0 {
		list := missing[len(missing)-1]
		if len(missing) > 1 {
			list = strings.Join(missing[:len(missing)-1], ", ") + " and " + list
		}
		return typeErr("%s() missing %d required positional argument%s: %s", f.Name, len(missing), plural(len(missing)), list)
	}
	for i, name := range ps.kwonly {
		if _, ok := vars[name]; !ok {
			if f.kwdefs[i] == nil {
				return typeErr("%s() missing 1 required keyword-only argument: '%s'", f.Name, name)
			}
			vars[name] = f.kwdefs[i]
		}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func bigOf(n int64) *big.Int { return big.NewInt(n) }

// Unpack is `a, b = v` for n plain names, done by the caller: v's items,
// or the error Python raises.
func (in *Interp) Unpack(v Value, n int) ([]Value, error) {
	fr := &frame{in: in, globals: in.Globals}
	items, err := fr.listOf(v, "cannot unpack non-iterable %s object")
	if err != nil {
		return nil, err
	}
	if len(items) > n {
		return nil, valueErr("too many values to unpack (expected %d)", n)
	}
	if len(items) < n {
		return nil, valueErr("not enough values to unpack (expected %d, got %d)", n, len(items))
	}
	return items, nil
}
