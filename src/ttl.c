/*
 * ttl.c: the TTL interpreter's machine. A macro runs statement by
 * statement until it must wait (for received text, a timer or a form's
 * answer) and then returns to the loop: it is a state machine that
 * ttl_run() resumes, never a blocking call. Blocks (if, while, until,
 * do, for) were joined when the file was read (ttl-lex.c), so jumping
 * over one is one step, and goto knows which loops it leaves.
 */
#include "config.h"

#include <sys/wait.h>

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

static int	ttl_block_stmt(struct ttl *, struct ttl_cursor *, int);

static struct ttl_block *
ttl_push(struct ttl *vm, enum ttl_blockkind kind, u_int line)
{
	struct ttl_block	*b;

	if (vm->nblocks >= TTL_NEST_MAX) {
		ttl_error(vm, _("more than %d loops and calls are open (a goto "
		    "out of a loop, or a call without return?)"), TTL_NEST_MAX);
		return (NULL);
	}
	vm->blocks = xreallocarray(vm->blocks, vm->nblocks + 1,
	    sizeof *vm->blocks);
	b = &vm->blocks[vm->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->f = vm->f;
	b->line = line;
	return (b);
}

static struct ttl_block *
ttl_top(struct ttl *vm)
{
	return (vm->nblocks > 0 ? &vm->blocks[vm->nblocks - 1] : NULL);
}

/* The innermost loop of this call (NULL if there is none). */
static struct ttl_block *
ttl_loop(struct ttl *vm)
{
	struct ttl_block	*b = ttl_top(vm);

	if (b == NULL || b->kind == BK_CALL || b->kind == BK_INCLUDE)
		return (NULL);
	return (b);
}

/* Jump to a label of the running file, leaving the loops it is outside. */
int
ttl_goto(struct ttl *vm, const char *name)
{
	struct ttl_block	*b;
	u_int			 line, end;

	if (!ttl_file_label(vm->f, name, &line))
		return (ttl_error(vm, _("label '%s' is not in %s"), name,
		    vm->f->path));
	while ((b = ttl_loop(vm)) != NULL && b->f == vm->f) {
		end = b->f->lines[b->line].match;
		if (line > b->line && end != TTL_NONE && line < end)
			break;
		vm->nblocks--;
	}
	vm->pc = line;
	return (0);
}

/* Open a file with include (nesting up to 9). */
int
ttl_include(struct ttl *vm, const char *name)
{
	struct ttl_file	*f;
	char		*path, *cause;

	if (vm->includes >= TTL_INCLUDE_MAX)
		return (ttl_error(vm, _("include is nested more than %d deep"),
		    TTL_INCLUDE_MAX));
	path = ttl_path(vm, name);
	f = ttl_file_load(path, &cause);
	free(path);
	if (f == NULL) {
		ttl_error(vm, "include: %s", cause);
		free(cause);
		return (-1);
	}
	if (ttl_push(vm, BK_INCLUDE, vm->pc) == NULL) {
		ttl_file_free(f);
		return (-1);
	}
	vm->files = xreallocarray(vm->files, vm->nfiles + 1,
	    sizeof *vm->files);
	vm->files[vm->nfiles++] = f;
	vm->includes++;
	vm->f = f;
	vm->pc = 0;
	return (0);
}

/* Leave an included file (exit, or its end); the main file: the end. */
static void
ttl_leave_file(struct ttl *vm)
{
	struct ttl_block	*b;

	while ((b = ttl_top(vm)) != NULL && b->kind != BK_INCLUDE)
		vm->nblocks--;
	if (b == NULL) {
		vm->done = 1;
		return;
	}
	vm->f = b->f;
	vm->pc = b->line;
	vm->nblocks--;
	vm->includes--;
}

/* An if: a block's branches, or one statement on the same line. */
static int
ttl_if(struct ttl *vm, struct ttl_cursor *c, int block)
{
	const struct ttl_line	*l;
	int32_t			 cond;
	u_int			 i;

	if (ttl_arg_int(vm, c, &cond) != 0)
		return (-1);
	if (!block) {
		if (!ttl_arg_more(c))
			return (ttl_error(vm, _("if needs a statement or "
			    "then")));
		return (cond ? ttl_statement(vm, c) : 0);
	}
	if (!ttl_tok_is(c, "then"))
		return (ttl_error(vm, _("then is missing")));
	if (cond)
		return (0);
	/* The next branch whose condition holds, else, or endif. */
	for (i = vm->f->lines[vm->cur].match; i != TTL_NONE; i = l->match) {
		l = &vm->f->lines[i];
		if (l->kw == KW_ELSEIF) {
			vm->cur = i;
			c->l = l;
			c->i = 1;
			if (ttl_arg_int(vm, c, &cond) != 0)
				return (-1);
			if (!ttl_tok_is(c, "then"))
				return (ttl_error(vm, _("then is missing")));
		}
		if (l->kw != KW_ELSEIF || cond) {
			vm->pc = i + 1;
			return (0);
		}
	}
	return (ttl_error(vm, _("if without endif")));
}

/* A branch ran to its end: over the rest of the block to its endif. */
static int
ttl_if_done(struct ttl *vm)
{
	u_int	i = vm->cur;

	while (vm->f->lines[i].kw != KW_ENDIF) {
		if ((i = vm->f->lines[i].match) == TTL_NONE)
			return (ttl_error(vm, _("if without endif")));
	}
	vm->pc = i + 1;
	return (0);
}

/* A loop's condition, optional for do and loop ("while x", "until x"). */
static int
ttl_loop_cond(struct ttl *vm, struct ttl_cursor *c, int *go)
{
	int32_t	n;
	int	until;

	*go = 1;
	if (!ttl_arg_more(c))
		return (0);
	if (ttl_tok_is(c, "while"))
		until = 0;
	else if (ttl_tok_is(c, "until"))
		until = 1;
	else
		return (ttl_error(vm, _("while or until is expected")));
	c->i++;
	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	*go = until ? n == 0 : n != 0;
	return (0);
}

/* Past the end of the loop opened on line open. */
static int
ttl_skip_loop(struct ttl *vm, u_int open)
{
	u_int	end = vm->f->lines[open].match;

	if (end == TTL_NONE)
		return (ttl_error(vm, _("%s without its end"),
		    vm->f->lines[open].tok[0].s));
	vm->pc = end + 1;
	return (0);
}

static int
ttl_while(struct ttl *vm, struct ttl_cursor *c, int until)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (until ? n != 0 : n == 0)
		return (ttl_skip_loop(vm, vm->cur));
	return (ttl_push(vm, until ? BK_UNTIL : BK_WHILE, vm->cur) != NULL ?
	    0 : -1);
}

static int
ttl_do(struct ttl *vm, struct ttl_cursor *c)
{
	int	go;

	if (ttl_loop_cond(vm, c, &go) != 0)
		return (-1);
	if (!go)
		return (ttl_skip_loop(vm, vm->cur));
	return (ttl_push(vm, BK_DO, vm->cur) != NULL ? 0 : -1);
}

static int
ttl_for(struct ttl *vm, struct ttl_cursor *c)
{
	struct ttl_ref		 r;
	struct ttl_block	*b;
	int32_t			 first, last;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 ||
	    ttl_arg_int(vm, c, &first) != 0 ||
	    ttl_arg_int(vm, c, &last) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (ttl_ref_set_int(vm, &r, first) != 0)
		return (-1);
	if ((b = ttl_push(vm, BK_FOR, vm->cur)) == NULL)
		return (-1);
	b->var = r;
	b->last = last;
	b->step = first <= last ? 1 : -1;
	return (0);
}

/* The end of a loop's body: again from its top, or past its end. */
static int
ttl_loop_end(struct ttl *vm, struct ttl_cursor *c, enum ttl_blockkind kind)
{
	struct ttl_block	*b = ttl_loop(vm);
	struct ttl_value	 v;
	int			 go;

	if (b == NULL || b->kind != kind || b->f != vm->f ||
	    vm->f->lines[b->line].match != vm->cur)
		return (ttl_error(vm, _("%s does not close the loop open here"),
		    c->l->tok[0].s));
	if (kind == BK_FOR) {
		if (ttl_arg_end(vm, c) != 0 || ttl_ref_get(vm, &b->var, &v) != 0)
			return (-1);
		if (b->step > 0 ? v.n >= b->last : v.n <= b->last) {
			vm->nblocks--;
			return (0);
		}
		vm->pc = b->line + 1;
		return (ttl_ref_set_int(vm, &b->var,
		    (int32_t)((uint32_t)v.n + (uint32_t)b->step)));
	}
	if (kind == BK_DO) {
		if (ttl_loop_cond(vm, c, &go) != 0)
			return (-1);
		vm->nblocks--;
		if (go)
			vm->pc = b->line;
		return (0);
	}
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->nblocks--;
	vm->pc = b->line;	/* its condition again */
	return (0);
}

/* break leaves the innermost loop; continue goes to its end's line. */
static int
ttl_break(struct ttl *vm, struct ttl_cursor *c, int cont)
{
	struct ttl_block	*b = ttl_loop(vm);
	u_int			 end;

	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	if (b == NULL || b->f != vm->f)
		return (ttl_error(vm, _("%s outside a loop"), cont ?
		    "continue" : "break"));
	if ((end = vm->f->lines[b->line].match) == TTL_NONE)
		return (ttl_error(vm, _("the loop has no end")));
	if (cont) {
		vm->pc = end;
		return (0);
	}
	vm->nblocks--;
	vm->pc = end + 1;
	return (0);
}

static int	ttl_label_arg(struct ttl *, struct ttl_cursor *, const char **);

static int
ttl_call(struct ttl *vm, struct ttl_cursor *c)
{
	const char	*name;
	u_int		 line;

	if (ttl_label_arg(vm, c, &name) != 0)
		return (-1);
	if (!ttl_file_label(vm->f, name, &line))
		return (ttl_error(vm, _("label '%s' is not in %s"), name,
		    vm->f->path));
	if (ttl_push(vm, BK_CALL, vm->pc) == NULL)
		return (-1);
	vm->pc = line;
	return (0);
}

static int
ttl_return(struct ttl *vm)
{
	struct ttl_block	*b;

	while ((b = ttl_top(vm)) != NULL && b->kind != BK_CALL) {
		if (b->kind == BK_INCLUDE)
			break;
		vm->nblocks--;
	}
	if (b == NULL || b->kind != BK_CALL)
		return (ttl_error(vm, _("return without call")));
	vm->f = b->f;
	vm->pc = b->line;
	vm->nblocks--;
	return (0);
}

static int
ttl_label_arg(struct ttl *vm, struct ttl_cursor *c, const char **name)
{
	const struct ttl_token	*t = c->i < c->l->ntok ? &c->l->tok[c->i] : NULL;
	static char		 num[16];

	if (t == NULL || (t->type != TK_ID && t->type != TK_INT))
		return (ttl_error(vm, _("a label is needed")));
	c->i++;
	if (t->type == TK_INT) {
		snprintf(num, sizeof num, "%d", t->n);
		*name = num;
	} else
		*name = t->s;
	return (ttl_arg_end(vm, c));
}

/* execcmnd 'statement': one statement from a string. */
static int
ttl_execcmnd(struct ttl *vm, struct ttl_cursor *c)
{
	struct ttl_line		l = { 0 };
	struct ttl_cursor	sc = { &l, 0 };
	char			*s;
	int			 comment = 0, rc;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	if (ttl_tokenize(&l, s, strlen(s), &comment) != 0 || l.label != NULL) {
		ttl_set_int(vm, "result", 1);
		rc = 0;
	} else if (l.ntok == 0)
		rc = 0;
	else {
		ttl_set_int(vm, "result", 0);
		rc = ttl_statement(vm, &sc);
	}
	ttl_line_clear(&l);
	free(s);
	return (rc);
}

/* A statement whose first word is a block or flow keyword; 1 if not one. */
static int
ttl_block_stmt(struct ttl *vm, struct ttl_cursor *c, int kw)
{
	const char	*w = c->l->tok[c->i - 1].s, *name;
	char		*s;
	int		 r;

	switch (kw) {
	case KW_IF: return (ttl_if(vm, c, 1));
	case KW_ELSEIF: case KW_ELSE: return (ttl_if_done(vm));
	case KW_ENDIF: return (ttl_arg_end(vm, c));
	case KW_WHILE: return (ttl_while(vm, c, 0));
	case KW_UNTIL: return (ttl_while(vm, c, 1));
	case KW_DO: return (ttl_do(vm, c));
	case KW_FOR: return (ttl_for(vm, c));
	case KW_ENDWHILE: return (ttl_loop_end(vm, c, BK_WHILE));
	case KW_ENDUNTIL: return (ttl_loop_end(vm, c, BK_UNTIL));
	case KW_LOOP: return (ttl_loop_end(vm, c, BK_DO));
	case KW_NEXT: return (ttl_loop_end(vm, c, BK_FOR));
	}
	if (strcmp(w, "if") == 0)
		return (ttl_if(vm, c, 0));
	if (strcmp(w, "break") == 0 || strcmp(w, "continue") == 0)
		return (ttl_break(vm, c, w[0] == 'c'));
	if (strcmp(w, "goto") == 0)
		return (ttl_label_arg(vm, c, &name) != 0 ? -1 :
		    ttl_goto(vm, name));
	if (strcmp(w, "call") == 0)
		return (ttl_call(vm, c));
	if (strcmp(w, "return") == 0)
		return (ttl_arg_end(vm, c) != 0 ? -1 : ttl_return(vm));
	if (strcmp(w, "end") == 0) {
		vm->done = 1;
		return (ttl_arg_end(vm, c));
	}
	if (strcmp(w, "exit") == 0) {
		ttl_leave_file(vm);
		return (ttl_arg_end(vm, c));
	}
	if (strcmp(w, "execcmnd") == 0)
		return (ttl_execcmnd(vm, c));
	if (strcmp(w, "include") == 0) {
		if (ttl_arg_str(vm, c, &s) != 0)
			return (-1);
		r = ttl_arg_end(vm, c) != 0 ? -1 : ttl_include(vm, s);
		free(s);
		return (r);
	}
	return (1);
}

/* name = expr, or name[i] = expr: the first assignment fixes the type. */
static int
ttl_assign(struct ttl *vm, struct ttl_cursor *c)
{
	const struct ttl_token	*t = &c->l->tok[c->i];
	struct ttl_var		*v = ttl_var_find(vm, t->s);
	struct ttl_ref		 r;
	struct ttl_value	 x;
	int			 rc;

	if (ttl_cmd_find(t->s) != NULL && v == NULL)
		return (ttl_error(vm, _("'%s' is a command"), t->s));
	/* The value first: a new variable takes its type. */
	c->i++;
	if (c->l->tok[c->i].type == TK_OP && c->l->tok[c->i].op == OP_LB) {
		if (v == NULL)
			return (ttl_error(vm, _("'%s' is not an array (intdim, "
			    "strdim)"), t->s));
		c->i--;
		if (ttl_arg_ref(vm, c, TV_NONE, &r) != 0)
			return (-1);
	} else
		memset(&r, 0, sizeof r);
	c->i++;		/* the = */
	if (ttl_expr(vm, c, &x) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0)
		return (ttl_value_clear(&x), -1);
	if (r.v == NULL)
		r.v = ttl_var_make(vm, t->s, x.type);
	if (x.type == TV_INT)
		rc = ttl_ref_set_int(vm, &r, x.n);
	else
		rc = ttl_ref_set_str(vm, &r, x.s, strlen(x.s));
	ttl_value_clear(&x);
	return (rc);
}

/* One statement from the cursor (a line, the tail of an if, execcmnd). */
int
ttl_statement(struct ttl *vm, struct ttl_cursor *c)
{
	const struct ttl_token	*t = &c->l->tok[c->i], *n;
	const char		*why;
	ttl_cmd_fn		 fn;
	int			 r, kw = KW_NONE;

	if (t->type != TK_ID)
		return (ttl_error(vm, _("a command or a variable is "
		    "expected")));
	n = c->i + 1 < c->l->ntok ? &c->l->tok[c->i + 1] : NULL;
	if (n != NULL && n->type == TK_OP && (n->op == OP_EQ ||
	    n->op == OP_LB))
		return (ttl_assign(vm, c));
	if (c->i == 0)
		kw = c->l->kw;
	c->i++;
	if ((r = ttl_block_stmt(vm, c, kw)) != 1)
		return (r);
	if ((fn = ttl_cmd_find(t->s)) == NULL) {
		if ((why = ttl_cmd_missing(t->s)) != NULL)
			return (ttl_error(vm, _("%s is not available in tterm: "
			    "%s"), t->s, _(why)));
		return (ttl_error(vm, _("unknown command '%s'"), t->s));
	}
	return (fn(vm, c));
}

/* The system variables, and the command line's params. */
static void
ttl_params(struct ttl *vm, const char *path, int argc, char **argv)
{
	struct ttl_var	*v;
	struct buf	 all = { 0 };
	char		 name[32];
	int		 i, n = argc + 1;

	ttl_set_int(vm, "result", 0);
	ttl_set_int(vm, "timeout", 0);
	ttl_set_int(vm, "mtimeout", 0);
	ttl_set_str(vm, "inputstr", "");
	ttl_set_str(vm, "matchstr", "");
	for (i = 1; i <= 9; i++) {
		snprintf(name, sizeof name, "groupmatchstr%d", i);
		ttl_set_str(vm, name, "");
	}
	v = ttl_var_make(vm, "params", TV_STRARR);
	v->size = n + 1 > 10 ? n + 1 : 10;
	v->sa = xcalloc(v->size, sizeof *v->sa);
	buf_printf(&all, "%s", path);
	v->sa[1] = xstrdup(path);
	for (i = 0; i < argc; i++) {
		buf_printf(&all, " %s", argv[i]);
		v->sa[i + 2] = xstrndup(argv[i], TTL_STR_MAX);
	}
	v->sa[0] = buf_take(&all);
	if (strlen(v->sa[0]) > TTL_STR_MAX)
		v->sa[0][TTL_STR_MAX] = '\0';
	for (i = 0; (u_int)i < v->size; i++) {
		if (v->sa[i] == NULL)
			v->sa[i] = xstrdup("");
	}
	for (i = 1; i <= 9; i++) {
		snprintf(name, sizeof name, "param%d", i);
		ttl_set_str(vm, name, (u_int)i < v->size ? v->sa[i] : "");
	}
	ttl_set_int(vm, "paramcnt", n);
}

/* A macro from a file read already; it starts at its first line. */
struct ttl *
ttl_new(struct ttl_file *f, int argc, char **argv, const struct ttl_host *host,
    void *data)
{
	struct ttl	*vm = xcalloc(1, sizeof *vm);
	const char	*slash = strrchr(f->path, '/');

	vm->files = xcalloc(1, sizeof *vm->files);
	vm->files[0] = f;
	vm->nfiles = 1;
	vm->f = f;
	vm->host = host;
	vm->data = data;
	vm->name = xstrdup(slash != NULL ? slash + 1 : f->path);
	vm->cwd = xstrdup(f->dir);
	ttl_recv_init(&vm->recv);
	ttl_params(vm, f->path, argc, argv);
	return (vm);
}

/* A macro file, or NULL with a cause. */
struct ttl *
ttl_open(const char *path, int argc, char **argv, const struct ttl_host *host,
    void *data, char **cause)
{
	struct ttl_file	*f;

	if ((f = ttl_file_load(path, cause)) == NULL)
		return (NULL);
	return (ttl_new(f, argc, argv, host, data));
}

void
ttl_free(struct ttl *vm)
{
	u_int	i;

	if (vm == NULL)
		return;
	ttl_wait_clear(&vm->wait);
	for (i = 0; i < vm->nfiles; i++)
		ttl_file_free(vm->files[i]);
	free(vm->files);
	free(vm->blocks);
	ttl_var_free_all(vm);
	ttl_recv_free(&vm->recv);
	ttl_file_free_all(vm);
	freezero_str(vm->answer);
	free(vm->name);
	free(vm->cwd);
	free(vm->error);
	free(vm->where);
	free(vm->statusbox);
	free(vm);
}

#define TTL_WHERE_TOKENS 10	/* of a statement in an error */

/* A token as the macro wrote it, for a message (strings cut short). */
static void
ttl_where_token(struct buf *b, const struct ttl_token *t)
{
	static const char *ops[] = {
		[OP_LP] = "(", [OP_RP] = ")", [OP_LB] = "[", [OP_RB] = "]",
		[OP_COMMA] = ",", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*",
		[OP_DIV] = "/", [OP_MOD] = "%", [OP_SHR] = ">>", [OP_SHL] = "<<",
		[OP_SHRU] = ">>>", [OP_AND] = "&", [OP_XOR] = "^", [OP_OR] = "|",
		[OP_LT] = "<", [OP_GT] = ">", [OP_LE] = "<=", [OP_GE] = ">=",
		[OP_EQ] = "=", [OP_NE] = "<>", [OP_LAND] = "&&", [OP_LOR] = "||",
		[OP_LNOT] = "!", [OP_BNOT] = "~"
	};

	switch (t->type) {
	case TK_ID:
		buf_printf(b, " %s", t->s);
		break;
	case TK_INT:
		buf_printf(b, " %d", t->n);
		break;
	case TK_STR:
		buf_printf(b, " '%.20s%s'", t->s, t->len > 20 ? "..." : "");
		break;
	case TK_OP:
		buf_printf(b, " %s", ops[t->op]);
		break;
	}
}

/* The error with the file, line and statement it stopped at. */
static void
ttl_where(struct ttl *vm)
{
	struct buf	 b = { 0 };
	const char	*slash = strrchr(vm->f->path, '/');
	u_int		 i;

	buf_printf(&b, "%s:%u:", slash != NULL ? slash + 1 : vm->f->path,
	    vm->cur + 1);
	/* The statement whole, unless long (it was cut after three
	 * tokens, before the mistake: "x = 1" for "x = 1 +"). */
	for (i = 0; i < vm->f->lines[vm->cur].ntok && i < TTL_WHERE_TOKENS;
	    i++)
		ttl_where_token(&b, &vm->f->lines[vm->cur].tok[i]);
	if (i < vm->f->lines[vm->cur].ntok)
		buf_printf(&b, " ...");
	buf_printf(&b, ": %s", vm->error);
	vm->where = buf_take(&b);
}

/* The wait in progress ended? Its deadline counts as its end. */
static int
ttl_wait_over(struct ttl *vm)
{
	struct ttl_wait	*w = &vm->wait;

	if (w->kind == WK_ANSWER) {
		if (!vm->answered)
			return (0);
		ttl_wait_clear(w);
		return (1);
	}
	if (w->kind == WK_LINK) {	/* connect: made, failed or gone */
		if (vm->host->connecting(vm->data))
			return (0);
		ttl_set_int(vm, "result", vm->host->link(vm->data));
		ttl_wait_clear(w);
		return (1);
	}
	if (w->kind != WK_PAUSE && ttl_recv_check(vm))
		return (1);
	if (w->deadline != 0 && clock_now() >= w->deadline) {
		if (w->kind == WK_EVENT)
			ttl_set_int(vm, "result", 1);
		else if (w->kind != WK_PAUSE)
			ttl_set_int(vm, "result", 0);
		ttl_wait_clear(w);
		return (1);
	}
	return (0);
}

static int
ttl_line_run(struct ttl *vm)
{
	const struct ttl_line	*l = &vm->f->lines[vm->cur];
	struct ttl_cursor	 c = { l, 0 };

	if (l->error != NULL)
		return (ttl_error(vm, "%s", l->error));
	if (l->ntok == 0)
		return (0);
	return (ttl_statement(vm, &c));
}

/*
 * Run until the macro must wait, ends or fails; after TTL_SLICE statements
 * or TTL_SLICE_TIME seconds it gives the loop its turn (TTL_RUNNING: call
 * again soon).
 */
int
ttl_run(struct ttl *vm)
{
	double	end = clock_now() + TTL_SLICE_TIME;
	u_int	n;

	for (n = 0; n < TTL_SLICE; n++) {
		if (TTL_SLICE_TIME > 0 && (n & 31) == 31 &&
		    clock_now() >= end)
			break;
		if (vm->where != NULL)
			return (TTL_FAILED);
		if (vm->done)
			return (TTL_DONE);
		if (vm->wait.kind != WK_NONE) {
			if (!ttl_wait_over(vm))
				return (TTL_WAITING);
			continue;
		}
		if (vm->pc >= vm->f->nlines) {
			ttl_leave_file(vm);
			continue;
		}
		vm->cur = vm->pc++;
		if (ttl_line_run(vm) != 0) {
			ttl_where(vm);
			return (TTL_FAILED);
		}
	}
	return (TTL_RUNNING);
}

/* When a waiting macro's time is up (clock_now() seconds), or 0. */
double
ttl_deadline(const struct ttl *vm)
{
	return (vm->wait.kind != WK_NONE ? vm->wait.deadline : 0);
}

/* Bytes the tab received, as the terminal gets them (UTF-8). */
void
ttl_feed(struct ttl *vm, const char *buf, size_t len)
{
	ttl_recv_feed(&vm->recv, buf, len);
}

/* The link changed: TTL_EVENT_CONNECT or TTL_EVENT_DISCONNECT. */
void
ttl_event(struct ttl *vm, int ev)
{
	vm->recv.events |= ev;
	/* What the last connection sent is not the new one's: a wait for
	 * its prompt must not find the old prompt. */
	if (ev & TTL_EVENT_CONNECT)
		ttl_recv_flush(&vm->recv);
}

/* A dialog's answer came: the macro goes on at its next run. */
int
ttl_answered(const struct ttl *vm)
{
	return (vm->wait.kind == WK_ANSWER && vm->answered);
}

/*
 * A child ended (pid, its wait status): if the macro waits for it (exec
 * with wait), result is its exit status (-1 killed) and the macro goes on
 * at its next run; 1 if it was the macro's.
 */
int
ttl_child(struct ttl *vm, pid_t pid, int status)
{
	if (vm->wait.kind != WK_CHILD || vm->wait.n != (int32_t)pid)
		return (0);
	ttl_set_int(vm, "result", WIFEXITED(status) ? WEXITSTATUS(status) :
	    -1);
	ttl_wait_clear(&vm->wait);
	return (1);
}

/* A transfer the macro waits for (scpsend, ...) ended: result 1 if it
 * went well, else 0; the macro goes on at its next run. 1 if it waited. */
int
ttl_xfer_done(struct ttl *vm, int ok)
{
	if (vm->wait.kind != WK_XFER)
		return (0);
	ttl_set_int(vm, "result", ok ? 1 : 0);
	ttl_wait_clear(&vm->wait);
	return (1);
}

/* In setsync 1, whether the text not read yet should hold the tab. */
int
ttl_full(const struct ttl *vm)
{
	return (vm->recv.sync && vm->recv.len - vm->recv.start >=
	    TTL_RECV_MAX / 2);
}

const char *
ttl_name(const struct ttl *vm)
{
	return (vm->name);
}

/* "file:line: statement: why" after TTL_FAILED. */
const char *
ttl_failure(const struct ttl *vm)
{
	return (vm->where);
}

int
ttl_exit_code(const struct ttl *vm)
{
	return (vm->exitcode);
}

/* What the macro waits for (and its statusbox), for the status bar;
 * NULL while it runs with nothing to say. */
char *
ttl_status(const struct ttl *vm)
{
	char	*s, left[32] = "";
	double	 now = clock_now();

	if (vm->wait.kind == WK_NONE && vm->statusbox == NULL)
		return (NULL);
	if (vm->wait.deadline != 0)
		snprintf(left, sizeof left, _(" (%.0f s)"), vm->wait.deadline >
		    now ? vm->wait.deadline - now + 0.5 : 0.0);
	xasprintf(&s, "%s: %s%s%s%s%s", vm->name, vm->statusbox != NULL ?
	    "[" : "", vm->statusbox != NULL ? vm->statusbox : "",
	    vm->statusbox != NULL ? "] " : "", vm->wait.kind == WK_NONE ?
	    _("running") : vm->wait.what != NULL ? vm->wait.what :
	    _("waiting"), left);
	return (s);
}
