/*
 * ttl-lex.c: a macro file read as Tera Term reads it. The bytes are decoded
 * (a BOM says UTF-8 or UTF-16; without one, UTF-8 if it is valid, else
 * CP932 as Tera Term 4 wrote), split into lines, and each line into tokens
 * once: a line that does not tokenize keeps its error, said only if the
 * macro runs it, as Tera Term does.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

/* Convert with iconv; NULL if the bytes are not in that set. */
static char *
ttl_iconv(const char *from, const char *buf, size_t len, size_t *outlen)
{
	iconv_t	 cd;
	char	*out, *in = (char *)buf, *o;
	size_t	 size = len * 3 + 4, left = size, inleft = len;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return (NULL);
	out = o = xmalloc(size);
	if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		return (NULL);
	}
	iconv_close(cd);
	*outlen = size - left;
	out[*outlen] = '\0';
	return (out);
}

/* The file's text as UTF-8 (always ended by a NUL). */
char *
ttl_decode(const char *buf, size_t len, size_t *outlen)
{
	const u_char	*u = (const u_char *)buf;
	char		*out;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		buf += 3;
		len -= 3;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		if ((out = ttl_iconv("UTF-16LE", buf + 2, (len - 2) & ~1UL,
		    outlen)) != NULL)
			return (out);
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		if ((out = ttl_iconv("UTF-16BE", buf + 2, (len - 2) & ~1UL,
		    outlen)) != NULL)
			return (out);
	} else if (!text_utf8_valid(buf, len)) {
		if ((out = ttl_iconv("CP932", buf, len, outlen)) != NULL)
			return (out);
	}
	*outlen = len;
	return (xstrndup(buf, len));
}

static void
ttl_tok_add(struct ttl_line *l, const struct ttl_token *t)
{
	l->tok = xreallocarray(l->tok, l->ntok + 1, sizeof *l->tok);
	l->tok[l->ntok++] = *t;
}

/* A string: quoted pieces and #codes with nothing between them. */
static const char *
ttl_lex_string(struct ttl_line *l, const char *p, const char *end)
{
	struct ttl_token	 t = { .type = TK_STR };
	struct buf		 b = { 0 };
	const char		*q;
	char			 quote, c;
	long			 n;

	buf_add(&b, "", 0);
	while (p < end && (*p == '\'' || *p == '"' || *p == '#')) {
		if (*p == '#') {
			p++;
			if (p < end && *p == '$') {
				p++;
				for (n = 0, q = p; p < end && isxdigit((u_char)*p) &&
				    n < 0x1000; p++)
					n = n * 16 + (isdigit((u_char)*p) ? *p - '0' :
					    tolower((u_char)*p) - 'a' + 10);
			} else {
				for (n = 0, q = p; p < end && isdigit((u_char)*p) &&
				    n < 0x1000; p++)
					n = n * 10 + (*p - '0');
			}
			if (p == q || n < 1 || n > 255) {
				l->error = xstrdup(_("a #code must be 1 to "
				    "255"));
				buf_free(&b);
				return (NULL);
			}
			c = (char)n;
			buf_add(&b, &c, 1);
			continue;
		}
		quote = *p++;
		for (q = p; p < end && *p != quote; p++)
			;
		if (p == end) {
			l->error = xstrdup(_("a string is not closed"));
			buf_free(&b);
			return (NULL);
		}
		buf_add(&b, q, p - q);
		p++;
	}
	t.len = b.len;
	if (t.len > TTL_STR_MAX)
		t.len = TTL_STR_MAX;
	t.s = buf_take(&b);
	t.s[t.len] = '\0';
	ttl_tok_add(l, &t);
	return (p);
}

static const char *
ttl_lex_number(struct ttl_line *l, const char *p, const char *end)
{
	struct ttl_token	 t = { .type = TK_INT };
	uint32_t		 n = 0;
	int			 hex = (*p == '$'), any = 0;

	if (hex)
		p++;
	for (; p < end && (hex ? isxdigit((u_char)*p) : isdigit((u_char)*p));
	    p++) {
		any = 1;
		n = hex ? n * 16 + (isdigit((u_char)*p) ? (uint32_t)(*p - '0') :
		    (uint32_t)(tolower((u_char)*p) - 'a' + 10)) :
		    n * 10 + (uint32_t)(*p - '0');
	}
	if (!any || (p < end && (isalpha((u_char)*p) || *p == '_'))) {
		l->error = xstrdup(_("a number is not valid"));
		return (NULL);
	}
	t.n = (int32_t)n;
	ttl_tok_add(l, &t);
	return (p);
}

static const char *
ttl_lex_name(struct ttl_line *l, const char *p, const char *end)
{
	struct ttl_token	 t = { .type = TK_ID };
	const char		*q = p;
	size_t			 i;

	while (p < end && (isalnum((u_char)*p) || *p == '_'))
		p++;
	if ((size_t)(p - q) > TTL_NAME_MAX) {
		l->error = xstrdup(_("a name is longer than 31 characters"));
		return (NULL);
	}
	t.s = xstrndup(q, p - q);
	for (i = 0; t.s[i] != '\0'; i++)
		t.s[i] = tolower((u_char)t.s[i]);
	ttl_tok_add(l, &t);
	return (p);
}

static const struct {
	const char	*text;
	int		 op;
} ttl_ops[] = {
	{ ">>>", OP_SHRU }, { ">>", OP_SHR }, { "<<", OP_SHL },
	{ "<=", OP_LE }, { ">=", OP_GE }, { "<>", OP_NE }, { "!=", OP_NE },
	{ "==", OP_EQ }, { "&&", OP_LAND }, { "||", OP_LOR },
	{ "(", OP_LP }, { ")", OP_RP }, { "[", OP_LB }, { "]", OP_RB },
	{ ",", OP_COMMA }, { "+", OP_ADD }, { "-", OP_SUB }, { "*", OP_MUL },
	{ "/", OP_DIV }, { "%", OP_MOD }, { "<", OP_LT }, { ">", OP_GT },
	{ "=", OP_EQ }, { "&", OP_AND }, { "|", OP_OR }, { "^", OP_XOR },
	{ "!", OP_LNOT }, { "~", OP_BNOT }
};

static const char *
ttl_lex_op(struct ttl_line *l, const char *p, const char *end)
{
	struct ttl_token	t = { .type = TK_OP };
	size_t			i, n;

	for (i = 0; i < sizeof ttl_ops / sizeof ttl_ops[0]; i++) {
		n = strlen(ttl_ops[i].text);
		if ((size_t)(end - p) >= n && memcmp(p, ttl_ops[i].text, n) == 0) {
			t.op = ttl_ops[i].op;
			ttl_tok_add(l, &t);
			return (p + n);
		}
	}
	xasprintf(&l->error, _("unexpected character '%c'"),
	    isprint((u_char)*p) ? *p : '?');
	return (NULL);
}

/* A label line: ":name" (a name, or all digits). */
static int
ttl_lex_label(struct ttl_line *l, const char *p, const char *end)
{
	const char	*q;
	size_t		 i;

	for (q = ++p; q < end && (isalnum((u_char)*q) || *q == '_'); q++)
		;
	if (q == p || q - p > TTL_NAME_MAX) {
		l->error = xstrdup(_("a label needs a name"));
		return (-1);
	}
	l->label = xstrndup(p, q - p);
	for (i = 0; l->label[i] != '\0'; i++)
		l->label[i] = tolower((u_char)l->label[i]);
	return (0);
}

/*
 * Tokens of one line; *comment carries a C comment open at its end to the
 * next line. Returns -1 with l->error set.
 */
int
ttl_tokenize(struct ttl_line *l, const char *p, size_t len, int *comment)
{
	const char	*end = p + (len > TTL_LINE_MAX ? TTL_LINE_MAX : len);

	while (p != NULL && p < end) {
		if (*comment) {
			if (end - p >= 2 && p[0] == '*' && p[1] == '/') {
				*comment = 0;
				p += 2;
			} else
				p++;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		if (*p == ';')
			break;
		if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			*comment = 1;
			p += 2;
		} else if (*p == ':' && l->ntok == 0 && l->label == NULL) {
			if (ttl_lex_label(l, p, end) != 0)
				return (-1);
			p = end;
		} else if (*p == '\'' || *p == '"' || *p == '#')
			p = ttl_lex_string(l, p, end);
		else if (isdigit((u_char)*p) || *p == '$')
			p = ttl_lex_number(l, p, end);
		else if (isalpha((u_char)*p) || *p == '_')
			p = ttl_lex_name(l, p, end);
		else
			p = ttl_lex_op(l, p, end);
	}
	return (p == NULL ? -1 : 0);
}

void
ttl_line_clear(struct ttl_line *l)
{
	u_int	i;

	for (i = 0; i < l->ntok; i++)
		free(l->tok[i].s);
	free(l->tok);
	free(l->label);
	free(l->error);
	memset(l, 0, sizeof *l);
}

/* A line's block keyword (an if is a block only when it ends in then). */
static int
ttl_line_kw(const struct ttl_line *l)
{
	static const struct {
		const char	*name;
		int		 kw;
	} kws[] = {
		{ "if", KW_IF }, { "elseif", KW_ELSEIF }, { "else", KW_ELSE },
		{ "endif", KW_ENDIF }, { "while", KW_WHILE },
		{ "endwhile", KW_ENDWHILE }, { "until", KW_UNTIL },
		{ "enduntil", KW_ENDUNTIL }, { "do", KW_DO }, { "loop", KW_LOOP },
		{ "for", KW_FOR }, { "next", KW_NEXT }
	};
	const struct ttl_token	*last;
	size_t			 i;

	if (l->ntok == 0 || l->tok[0].type != TK_ID || l->error != NULL)
		return (KW_NONE);
	for (i = 0; i < sizeof kws / sizeof kws[0]; i++) {
		if (strcmp(l->tok[0].s, kws[i].name) != 0)
			continue;
		last = &l->tok[l->ntok - 1];
		if (kws[i].kw == KW_IF && (l->ntok < 2 ||
		    last->type != TK_ID || strcmp(last->s, "then") != 0))
			return (KW_NONE);
		return (kws[i].kw);
	}
	return (KW_NONE);
}

/* The opener a closing keyword needs. */
static int
ttl_kw_opener(int kw)
{
	switch (kw) {
	case KW_ELSEIF: case KW_ELSE: case KW_ENDIF: return (KW_IF);
	case KW_ENDWHILE: return (KW_WHILE);
	case KW_ENDUNTIL: return (KW_UNTIL);
	case KW_LOOP: return (KW_DO);
	case KW_NEXT: return (KW_FOR);
	default: return (KW_NONE);
	}
}

/*
 * Join each block's lines: an opener (and each elseif or else) gets the
 * line of the next part of its block, a loop's end gets its opener. A
 * block that does not close, or a closer without its opener, is an error
 * on that line.
 */
static void
ttl_file_match(struct ttl_file *f)
{
	u_int		*stack = xreallocarray(NULL, f->nlines + 1, sizeof *stack);
	u_int		 n = 0, i, top;
	struct ttl_line	*l;
	int		 opener;

	for (i = 0; i < f->nlines; i++) {
		l = &f->lines[i];
		l->match = TTL_NONE;
		if ((l->kw = ttl_line_kw(l)) == KW_NONE)
			continue;
		if ((opener = ttl_kw_opener(l->kw)) == KW_NONE) {
			stack[n++] = i;
			continue;
		}
		top = n > 0 ? stack[n - 1] : TTL_NONE;
		if (top == TTL_NONE || (f->lines[top].kw != opener &&
		    !(opener == KW_IF && (f->lines[top].kw == KW_ELSEIF ||
		    f->lines[top].kw == KW_ELSE)))) {
			xasprintf(&l->error, _("'%s' without its opening line"),
			    l->tok[0].s);
			l->kw = KW_NONE;
			continue;
		}
		f->lines[top].match = i;
		if (l->kw == KW_ELSEIF || l->kw == KW_ELSE)
			stack[n - 1] = i;
		else {
			n--;
			if (opener != KW_IF)
				l->match = top;
		}
	}
	while (n > 0) {
		l = &f->lines[stack[--n]];
		xasprintf(&l->error, _("'%s' has no end"), l->tok[0].s);
		l->kw = KW_NONE;
	}
	free(stack);
}

/* A macro from its bytes (name: for messages and relative paths). */
struct ttl_file *
ttl_file_parse(const char *name, const char *buf, size_t len)
{
	struct ttl_file	*f = xcalloc(1, sizeof *f);
	char		*text, *p, *end, *line, *slash;
	size_t		 tlen;
	int		 comment = 0;

	f->path = xstrdup(name);
	f->dir = xstrdup(name);
	if ((slash = strrchr(f->dir, '/')) != NULL)
		slash[slash == f->dir] = '\0';
	else {
		free(f->dir);
		f->dir = xstrdup(".");
	}
	text = ttl_decode(buf, len, &tlen);
	p = text;
	end = text + tlen;
	while (file_line(&p, end, &line)) {
		f->lines = xreallocarray(f->lines, f->nlines + 1,
		    sizeof *f->lines);
		memset(&f->lines[f->nlines], 0, sizeof *f->lines);
		ttl_tokenize(&f->lines[f->nlines], line, strlen(line),
		    &comment);
		f->nlines++;
	}
	free(text);
	ttl_file_match(f);
	return (f);
}

/* A macro file; NULL with a cause if it cannot be read. */
struct ttl_file *
ttl_file_load(const char *path, char **cause)
{
	struct ttl_file	*f;
	char		*buf;
	size_t		 len;

	if ((buf = file_read(path, 16 << 20, &len, cause)) == NULL)
		return (NULL);
	f = ttl_file_parse(path, buf, len);
	free(buf);
	return (f);
}

void
ttl_file_free(struct ttl_file *f)
{
	u_int	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nlines; i++)
		ttl_line_clear(&f->lines[i]);
	free(f->lines);
	free(f->path);
	free(f->dir);
	free(f);
}

/* The line of a label (lower case name); 0 if there is none. */
int
ttl_file_label(const struct ttl_file *f, const char *name, u_int *line)
{
	u_int	i;

	for (i = 0; i < f->nlines; i++) {
		if (f->lines[i].label != NULL &&
		    strcmp(f->lines[i].label, name) == 0) {
			*line = i;
			return (1);
		}
	}
	return (0);
}
