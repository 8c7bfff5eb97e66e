/*
 * ttl-expr.c: TTL's variables and expressions. Expressions are integer
 * only, with Tera Term's precedence (comparisons bind less tightly than the
 * bitwise operators, unlike C); a string is a whole argument or nothing. A
 * variable's type is fixed by its first assignment.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

/* Set the macro's error (the first one stays); always -1. */
int
ttl_error(struct ttl *vm, const char *fmt, ...)
{
	va_list	ap;

	if (vm->error == NULL) {
		va_start(ap, fmt);
		xvasprintf(&vm->error, fmt, ap);
		va_end(ap);
	}
	return (-1);
}

static u_int
ttl_hash(const char *name)
{
	u_int	h = 5381;

	while (*name != '\0')
		h = h * 33 + (u_char)*name++;
	return (h & 255);
}

struct ttl_var *
ttl_var_find(struct ttl *vm, const char *name)
{
	struct ttl_var	*v;

	for (v = vm->vars[ttl_hash(name)]; v != NULL; v = v->next) {
		if (strcmp(v->name, name) == 0)
			return (v);
	}
	return (NULL);
}

/* The variable, made with that type if it does not exist yet. */
struct ttl_var *
ttl_var_make(struct ttl *vm, const char *name, enum ttl_vtype type)
{
	struct ttl_var	*v;
	u_int		 h;

	if ((v = ttl_var_find(vm, name)) != NULL)
		return (v);
	h = ttl_hash(name);
	v = xcalloc(1, sizeof *v);
	v->name = xstrdup(name);
	v->type = type;
	if (type == TV_STR)
		v->s = xstrdup("");
	v->next = vm->vars[h];
	vm->vars[h] = v;
	return (v);
}

static void
ttl_var_free(struct ttl_var *v)
{
	u_int	i;

	if (v->type == TV_STRARR) {
		for (i = 0; i < v->size; i++)
			freezero_str(v->sa[i]);
	}
	free(v->sa);
	free(v->ia);
	freezero_str(v->s);
	free(v->name);
	free(v);
}

void
ttl_var_free_all(struct ttl *vm)
{
	struct ttl_var	*v, *next;
	u_int		 i;

	for (i = 0; i < 256; i++) {
		for (v = vm->vars[i]; v != NULL; v = next) {
			next = v->next;
			ttl_var_free(v);
		}
		vm->vars[i] = NULL;
	}
}

/* Set a system variable (result, inputstr, ...), whatever it held. */
void
ttl_set_int(struct ttl *vm, const char *name, int32_t n)
{
	struct ttl_var	*v = ttl_var_make(vm, name, TV_INT);

	if (v->type == TV_INT)
		v->n = n;
}

void
ttl_set_strn(struct ttl *vm, const char *name, const char *s, size_t len)
{
	struct ttl_ref	r = { .v = ttl_var_make(vm, name, TV_STR) };

	if (r.v->type == TV_STR)
		ttl_ref_set_str(vm, &r, s, strnlen(s, len));
}

void
ttl_set_str(struct ttl *vm, const char *name, const char *s)
{
	ttl_set_strn(vm, name, s, strlen(s));
}

void
ttl_value_clear(struct ttl_value *v)
{
	freezero_str(v->s);
	memset(v, 0, sizeof *v);
}

static const struct ttl_token *
ttl_peek(const struct ttl_cursor *c)
{
	return (c->i < c->l->ntok ? &c->l->tok[c->i] : NULL);
}

static int
ttl_peek_op(const struct ttl_cursor *c, int op)
{
	const struct ttl_token	*t = ttl_peek(c);

	return (t != NULL && t->type == TK_OP && t->op == op);
}

/* Whether the next token is that name (a keyword such as then). */
int
ttl_tok_is(const struct ttl_cursor *c, const char *name)
{
	const struct ttl_token	*t = ttl_peek(c);

	return (t != NULL && t->type == TK_ID && strcmp(t->s, name) == 0);
}

/* An element's index: "[expr]" after an array's name. */
static int
ttl_index(struct ttl *vm, struct ttl_cursor *c, const struct ttl_var *v,
    u_int *index)
{
	struct ttl_value	x = { 0 };

	c->i++;
	if (ttl_expr(vm, c, &x) != 0)
		return (-1);
	if (x.type != TV_INT)
		return (ttl_value_clear(&x), ttl_error(vm, _("an index must be "
		    "an integer")));
	if (!ttl_peek_op(c, OP_RB))
		return (ttl_error(vm, _("']' is missing")));
	c->i++;
	if (x.n < 0 || (u_int)x.n >= v->size)
		return (ttl_error(vm, _("index %d is out of %s[0..%u]"), x.n,
		    v->name, v->size - 1));
	*index = (u_int)x.n;
	return (0);
}

/* A name in an expression: a variable's value or an element's. */
static int
ttl_primary_name(struct ttl *vm, struct ttl_cursor *c, struct ttl_value *out)
{
	const struct ttl_token	*t = ttl_peek(c);
	struct ttl_ref		 r = { 0 };

	if ((r.v = ttl_var_find(vm, t->s)) == NULL)
		return (ttl_error(vm, _("'%s' is not defined"), t->s));
	c->i++;
	if (r.v->type == TV_INTARR || r.v->type == TV_STRARR) {
		if (!ttl_peek_op(c, OP_LB))
			return (ttl_error(vm, _("'%s' is an array: an index is "
			    "needed"), t->s));
		if (ttl_index(vm, c, r.v, &r.index) != 0)
			return (-1);
		r.element = 1;
	}
	return (ttl_ref_get(vm, &r, out));
}

static int	ttl_binary(struct ttl *, struct ttl_cursor *, int,
		    struct ttl_value *);

static int
ttl_primary(struct ttl *vm, struct ttl_cursor *c, struct ttl_value *out)
{
	const struct ttl_token	*t = ttl_peek(c);
	int			 op;

	memset(out, 0, sizeof *out);
	if (t == NULL)
		return (ttl_error(vm, _("a value is missing")));
	switch (t->type) {
	case TK_INT:
		c->i++;
		out->type = TV_INT;
		out->n = t->n;
		return (0);
	case TK_STR:
		c->i++;
		out->type = TV_STR;
		out->s = xstrndup(t->s, t->len);
		return (0);
	case TK_ID:
		if (strcmp(t->s, "not") == 0)
			break;
		return (ttl_primary_name(vm, c, out));
	case TK_OP:
		if (t->op == OP_LP) {
			c->i++;
			if (ttl_expr(vm, c, out) != 0)
				return (-1);
			if (!ttl_peek_op(c, OP_RP)) {
				ttl_value_clear(out);
				return (ttl_error(vm, _("')' is missing")));
			}
			c->i++;
			return (0);
		}
		break;
	}
	op = t->type == TK_ID ? OP_BNOT : t->op;
	if (op != OP_ADD && op != OP_SUB && op != OP_LNOT && op != OP_BNOT)
		return (ttl_error(vm, _("a value is missing")));
	c->i++;
	if (ttl_primary(vm, c, out) != 0)
		return (-1);
	if (out->type != TV_INT) {
		ttl_value_clear(out);
		return (ttl_error(vm, _("a string cannot take an operator")));
	}
	if (op == OP_SUB)
		out->n = (int32_t)(0u - (uint32_t)out->n);
	else if (op == OP_LNOT)
		out->n = !out->n;
	else if (op == OP_BNOT)
		out->n = ~out->n;
	return (0);
}

/* The binary operator next, and its level (1 binds least); 0 if none. */
static int
ttl_binop(const struct ttl_cursor *c, int *op)
{
	const struct ttl_token	*t = ttl_peek(c);
	static const int	 level[] = {
		[OP_LOR] = 1, [OP_LAND] = 2, [OP_EQ] = 3, [OP_NE] = 3,
		[OP_LT] = 4, [OP_GT] = 4, [OP_LE] = 4, [OP_GE] = 4,
		[OP_OR] = 5, [OP_XOR] = 6, [OP_AND] = 7,
		[OP_SHR] = 8, [OP_SHL] = 8, [OP_SHRU] = 8,
		[OP_ADD] = 9, [OP_SUB] = 9, [OP_MUL] = 10, [OP_DIV] = 10,
		[OP_MOD] = 10
	};

	if (t == NULL)
		return (0);
	if (t->type == TK_ID) {
		if (strcmp(t->s, "and") == 0)
			*op = OP_AND;
		else if (strcmp(t->s, "or") == 0)
			*op = OP_OR;
		else if (strcmp(t->s, "xor") == 0)
			*op = OP_XOR;
		else
			return (0);
		return (level[*op]);
	}
	if (t->type != TK_OP || t->op > OP_LOR)
		return (0);
	*op = t->op;
	return (level[*op]);
}

static int
ttl_apply(struct ttl *vm, int op, int32_t a, int32_t b, int32_t *r)
{
	uint32_t	ua = (uint32_t)a, ub = (uint32_t)b;

	switch (op) {
	case OP_ADD: *r = (int32_t)(ua + ub); break;
	case OP_SUB: *r = (int32_t)(ua - ub); break;
	case OP_MUL: *r = (int32_t)(ua * ub); break;
	case OP_DIV:
	case OP_MOD:
		if (b == 0)
			return (ttl_error(vm, _("division by zero")));
		if (a == INT32_MIN && b == -1)
			*r = op == OP_DIV ? a : 0;
		else
			*r = op == OP_DIV ? a / b : a % b;
		break;
	case OP_SHL: *r = (int32_t)(ua << (ub & 31)); break;
	case OP_SHR: *r = a < 0 ? (int32_t)~(~ua >> (ub & 31)) :
	    (int32_t)(ua >> (ub & 31)); break;
	case OP_SHRU: *r = (int32_t)(ua >> (ub & 31)); break;
	case OP_AND: *r = a & b; break;
	case OP_XOR: *r = a ^ b; break;
	case OP_OR: *r = a | b; break;
	case OP_LT: *r = a < b; break;
	case OP_GT: *r = a > b; break;
	case OP_LE: *r = a <= b; break;
	case OP_GE: *r = a >= b; break;
	case OP_EQ: *r = a == b; break;
	case OP_NE: *r = a != b; break;
	case OP_LAND: *r = a && b; break;
	case OP_LOR: *r = a || b; break;
	default: return (ttl_error(vm, _("unknown operator")));
	}
	return (0);
}

/* Operators of level min and above, by precedence climbing. */
static int
ttl_binary(struct ttl *vm, struct ttl_cursor *c, int min,
    struct ttl_value *out)
{
	struct ttl_value	rhs;
	int			op, level;

	if (ttl_primary(vm, c, out) != 0)
		return (-1);
	while ((level = ttl_binop(c, &op)) != 0 && level >= min) {
		if (out->type != TV_INT)
			return (ttl_value_clear(out), ttl_error(vm,
			    _("a string cannot take an operator: compare "
			    "strings with strcompare")));
		c->i++;
		if (ttl_binary(vm, c, level + 1, &rhs) != 0)
			return (-1);
		if (rhs.type != TV_INT)
			return (ttl_value_clear(&rhs), ttl_error(vm,
			    _("a string cannot take an operator: compare "
			    "strings with strcompare")));
		if (ttl_apply(vm, op, out->n, rhs.n, &out->n) != 0)
			return (-1);
	}
	return (0);
}

/* One expression from the cursor, as long as it goes (greedy). */
int
ttl_expr(struct ttl *vm, struct ttl_cursor *c, struct ttl_value *out)
{
	if (ttl_binary(vm, c, 1, out) != 0) {
		ttl_value_clear(out);
		return (-1);
	}
	return (0);
}

int
ttl_arg_more(const struct ttl_cursor *c)
{
	return (c->i < c->l->ntok);
}

int
ttl_arg_end(struct ttl *vm, struct ttl_cursor *c)
{
	if (ttl_arg_more(c))
		return (ttl_error(vm, _("too many arguments")));
	return (0);
}

int
ttl_arg_int(struct ttl *vm, struct ttl_cursor *c, int32_t *n)
{
	struct ttl_value	v;

	if (!ttl_arg_more(c))
		return (ttl_error(vm, _("an argument is missing")));
	if (ttl_expr(vm, c, &v) != 0)
		return (-1);
	if (v.type != TV_INT) {
		ttl_value_clear(&v);
		return (ttl_error(vm, _("an integer is needed, not a string")));
	}
	*n = v.n;
	return (0);
}

/* A string argument (the caller frees it). */
int
ttl_arg_str(struct ttl *vm, struct ttl_cursor *c, char **s)
{
	struct ttl_value	v;

	if (!ttl_arg_more(c))
		return (ttl_error(vm, _("an argument is missing")));
	if (ttl_expr(vm, c, &v) != 0)
		return (-1);
	if (v.type != TV_STR)
		return (ttl_error(vm, _("a string is needed, not an integer")));
	*s = v.s;
	return (0);
}

/*
 * A variable (or an element) to write: made with type if new; an existing
 * one of another type is an error.
 */
int
ttl_arg_ref(struct ttl *vm, struct ttl_cursor *c, enum ttl_vtype type,
    struct ttl_ref *r)
{
	const struct ttl_token	*t = ttl_peek(c);
	enum ttl_vtype		 is;

	memset(r, 0, sizeof *r);
	if (t == NULL || t->type != TK_ID)
		return (ttl_error(vm, _("a variable is needed")));
	c->i++;
	r->v = ttl_var_make(vm, t->s, type);
	is = r->v->type;
	if (is == TV_INTARR || is == TV_STRARR) {
		if (!ttl_peek_op(c, OP_LB))
			return (ttl_error(vm, _("'%s' is an array: an index is "
			    "needed"), t->s));
		if (ttl_index(vm, c, r->v, &r->index) != 0)
			return (-1);
		r->element = 1;
		is = is == TV_INTARR ? TV_INT : TV_STR;
	}
	if (type != TV_NONE && is != type)
		return (ttl_error(vm, is == TV_INT ?
		    _("'%s' is an integer variable") :
		    _("'%s' is a string variable"), t->s));
	return (0);
}

int
ttl_ref_set_int(struct ttl *vm, const struct ttl_ref *r, int32_t n)
{
	if (r->element && r->v->type == TV_INTARR)
		r->v->ia[r->index] = n;
	else if (!r->element && r->v->type == TV_INT)
		r->v->n = n;
	else
		return (ttl_error(vm, _("'%s' is not an integer variable"),
		    r->v->name));
	return (0);
}

int
ttl_ref_set_str(struct ttl *vm, const struct ttl_ref *r, const char *s,
    size_t len)
{
	char	**to;

	if (r->element && r->v->type == TV_STRARR)
		to = &r->v->sa[r->index];
	else if (!r->element && r->v->type == TV_STR)
		to = &r->v->s;
	else
		return (ttl_error(vm, _("'%s' is not a string variable"),
		    r->v->name));
	if (len > TTL_STR_MAX)
		len = TTL_STR_MAX;
	freezero_str(*to);
	*to = xstrndup(s, len);
	return (0);
}

int
ttl_ref_get(struct ttl *vm, const struct ttl_ref *r, struct ttl_value *out)
{
	memset(out, 0, sizeof *out);
	switch (r->v->type) {
	case TV_INT:
		out->type = TV_INT;
		out->n = r->v->n;
		return (0);
	case TV_STR:
		out->type = TV_STR;
		out->s = xstrdup(r->v->s);
		return (0);
	case TV_INTARR:
		out->type = TV_INT;
		out->n = r->v->ia[r->index];
		return (0);
	case TV_STRARR:
		out->type = TV_STR;
		out->s = xstrdup(r->v->sa[r->index] != NULL ?
		    r->v->sa[r->index] : "");
		return (0);
	default:
		return (ttl_error(vm, _("'%s' has no value"), r->v->name));
	}
}
