/*
 * ttl-str.c: TTL's string and conversion commands. Strings are bytes
 * (UTF-8 text in Tera Term 5): lengths and positions count bytes, and
 * positions start at 1, as Tera Term's do.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <oniguruma.h>

#include "tterm.h"
#include "ttl-int.h"

/* A variable and a string: "cmd var str" (the caller frees *s). */
static int
ttl_var_str(struct ttl *vm, struct ttl_cursor *c, struct ttl_ref *r, char **s)
{
	if (ttl_arg_ref(vm, c, TV_STR, r) != 0 || ttl_arg_str(vm, c, s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		free(*s);
		return (-1);
	}
	return (0);
}

/* The string a variable holds now (a copy). */
static char *
ttl_ref_str(struct ttl *vm, const struct ttl_ref *r)
{
	struct ttl_value	v;

	if (ttl_ref_get(vm, r, &v) != 0)
		return (xstrdup(""));
	return (v.s);
}

TTL_CMD(strconcat)
{
	struct ttl_ref	 r;
	char		*s, *now, *both;
	int		 rc;

	if (ttl_var_str(vm, c, &r, &s) != 0)
		return (-1);
	now = ttl_ref_str(vm, &r);
	xasprintf(&both, "%s%s", now, s);
	rc = ttl_ref_set_str(vm, &r, both, strlen(both));
	free(both);
	free(now);
	free(s);
	return (rc);
}

TTL_CMD(strcopy)
{
	struct ttl_ref	 r;
	char		*s;
	int32_t		 pos, len;
	size_t		 n;
	int		 rc;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_int(vm, c, &pos) != 0 || ttl_arg_int(vm, c, &len) != 0 ||
	    ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	n = strlen(s);
	if (pos < 1 || (size_t)pos > n || len < 0) {
		ttl_set_int(vm, "result", 1);
		rc = ttl_ref_set_str(vm, &r, "", 0);
	} else {
		if ((size_t)len > n - (pos - 1))
			len = (int32_t)(n - (pos - 1));
		ttl_set_int(vm, "result", 0);
		rc = ttl_ref_set_str(vm, &r, s + pos - 1, len);
	}
	free(s);
	return (rc);
}

TTL_CMD(strlen)
{
	char	*s;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	ttl_set_int(vm, "result", (int32_t)strlen(s));
	free(s);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(strscan)
{
	char	*s, *sub, *at;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &sub) != 0) {
		free(s);
		return (-1);
	}
	at = *sub == '\0' ? NULL : strstr(s, sub);
	ttl_set_int(vm, "result", at != NULL ? (int32_t)(at - s) + 1 : 0);
	free(s);
	free(sub);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(strcompare)
{
	char	*a, *b;
	int	 r;

	if (ttl_arg_str(vm, c, &a) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &b) != 0) {
		free(a);
		return (-1);
	}
	r = strcmp(a, b);
	ttl_set_int(vm, "result", r < 0 ? -1 : r > 0);
	free(a);
	free(b);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(strinsert)
{
	struct ttl_ref	 r;
	char		*s, *now, *out;
	int32_t		 pos;
	int		 rc = -1;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 ||
	    ttl_arg_int(vm, c, &pos) != 0 || ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	now = ttl_ref_str(vm, &r);
	if (ttl_arg_end(vm, c) == 0) {
		if (pos < 1 || (size_t)pos > strlen(now) + 1)
			ttl_error(vm, _("position %d is outside the string"),
			    pos);
		else {
			xasprintf(&out, "%.*s%s%s", pos - 1, now, s,
			    now + pos - 1);
			rc = ttl_ref_set_str(vm, &r, out, strlen(out));
			free(out);
		}
	}
	free(now);
	free(s);
	return (rc);
}

TTL_CMD(strremove)
{
	struct ttl_ref	 r;
	char		*now;
	int32_t		 pos, len;
	size_t		 n;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 ||
	    ttl_arg_int(vm, c, &pos) != 0 || ttl_arg_int(vm, c, &len) != 0 ||
	    ttl_arg_end(vm, c) != 0)
		return (-1);
	now = ttl_ref_str(vm, &r);
	n = strlen(now);
	if (pos < 1 || (size_t)pos > n || len < 0 ||
	    (size_t)len > n - (pos - 1)) {
		free(now);
		return (ttl_error(vm, _("position %d and length %d are outside "
		    "the string"), pos, len));
	}
	memmove(now + pos - 1, now + pos - 1 + len, n - (pos - 1) - len + 1);
	rc = ttl_ref_set_str(vm, &r, now, strlen(now));
	free(now);
	return (rc);
}

/* strmatch str regex: the offset of the match (matchstr, groups). */
TTL_CMD(strmatch)
{
	char	*s, *pat;
	void	*re;
	int	 at;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &pat) != 0) {
		free(s);
		return (-1);
	}
	if (ttl_arg_end(vm, c) != 0 || ttl_regex_new(vm, pat, &re) != 0) {
		free(s);
		free(pat);
		return (-1);
	}
	at = ttl_regex_search(vm, re, s, strlen(s), 1, NULL);
	ttl_set_int(vm, "result", at);
	ttl_regex_free(re);
	free(s);
	free(pat);
	return (0);
}

/* strreplace var pos regex new: the first match from pos replaced. */
TTL_CMD(strreplace)
{
	struct ttl_ref	 r;
	char		*pat = NULL, *new = NULL, *now, *out;
	void		*re = NULL;
	int32_t		 pos;
	size_t		 end;
	int		 at, rc = -1;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 ||
	    ttl_arg_int(vm, c, &pos) != 0 || ttl_arg_str(vm, c, &pat) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &new) != 0 || ttl_arg_end(vm, c) != 0 ||
	    ttl_regex_new(vm, pat, &re) != 0)
		goto out;
	now = ttl_ref_str(vm, &r);
	if (pos < 1 || (size_t)pos > strlen(now) + 1) {
		ttl_set_int(vm, "result", 0);
		free(now);
		rc = 0;
		goto out;
	}
	at = ttl_regex_search(vm, re, now + pos - 1, strlen(now + pos - 1), 1,
	    &end);
	ttl_set_int(vm, "result", at != 0);
	rc = 0;
	if (at != 0) {
		xasprintf(&out, "%.*s%s%s", pos - 1 + at - 1, now, new,
		    now + pos - 1 + end);
		rc = ttl_ref_set_str(vm, &r, out, strlen(out));
		free(out);
	}
	free(now);
out:
	ttl_regex_free(re);
	free(pat);
	free(new);
	return (rc);
}

/*
 * strsplit str sep [n]: the parts into groupmatchstr1..n (up to 9), the
 * rest in the last; without n, up to 9 parts and result 10 when there
 * were more (the rest dropped), as Tera Term.
 */
TTL_CMD(strsplit)
{
	char		*s, *sep, *p, *q, name[32];
	int32_t		 n = 9;
	int		 i, parts = 0, given;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &sep) != 0) {
		free(s);
		return (-1);
	}
	given = ttl_arg_more(c);
	if ((given && ttl_arg_int(vm, c, &n) != 0) ||
	    ttl_arg_end(vm, c) != 0 || strlen(sep) != 1 || n < 1 || n > 9) {
		free(s);
		free(sep);
		return (ttl_error(vm, _("strsplit takes one separator and up "
		    "to 9 parts")));
	}
	for (p = s, i = 1; i <= 9; i++) {
		snprintf(name, sizeof name, "groupmatchstr%d", i);
		if (p == NULL || i > n) {
			ttl_set_str(vm, name, "");
			continue;
		}
		if ((i < n || !given) && (q = strchr(p, sep[0])) != NULL)
			*q++ = '\0';
		else
			q = NULL;
		ttl_set_str(vm, name, p);
		parts++;
		p = q;
	}
	ttl_set_int(vm, "result", p != NULL ? 10 : parts);
	free(s);
	free(sep);
	return (0);
}

/* strjoin var sep [n]: groupmatchstr1..n joined into var. */
TTL_CMD(strjoin)
{
	struct ttl_ref	 r;
	struct ttl_var	*g;
	struct buf	 b = { 0 };
	char		*sep, name[32];
	int32_t		 n = 9;
	int		 i, rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_str(vm, c, &sep) != 0)
		return (-1);
	if ((ttl_arg_more(c) && ttl_arg_int(vm, c, &n) != 0) ||
	    ttl_arg_end(vm, c) != 0 || n < 1 || n > 9) {
		free(sep);
		return (ttl_error(vm, _("strjoin joins 1 to 9 parts")));
	}
	buf_add(&b, "", 0);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof name, "groupmatchstr%d", i);
		g = ttl_var_find(vm, name);
		buf_printf(&b, "%s%s", i > 1 ? sep : "", g != NULL &&
		    g->type == TV_STR ? g->s : "");
	}
	rc = ttl_ref_set_str(vm, &r, b.data, b.len);
	buf_free(&b);
	free(sep);
	return (rc);
}

/* strtrim var chars: those characters off both ends. */
TTL_CMD(strtrim)
{
	struct ttl_ref	 r;
	char		*set, *now, *p, *e;
	int		 rc;

	if (ttl_var_str(vm, c, &r, &set) != 0)
		return (-1);
	now = ttl_ref_str(vm, &r);
	for (p = now; *p != '\0' && strchr(set, *p) != NULL; p++)
		;
	for (e = p + strlen(p); e > p && strchr(set, e[-1]) != NULL; e--)
		;
	rc = ttl_ref_set_str(vm, &r, p, e - p);
	free(now);
	free(set);
	return (rc);
}

/* One escape of strspecial at s (after the backslash); its length. */
static size_t
ttl_escape(const char *s, char *out)
{
	static const char	 from[] = "abfnrtv\\'\"", to[] = "\a\b\f\n\r\t\v\\'\"";
	const char		*p;
	u_int			 n = 0, i = 0;

	if (*s != '\0' && (p = strchr(from, *s)) != NULL) {
		*out = to[p - from];
		return (1);
	}
	if (*s == 'x' && isxdigit((u_char)s[1])) {
		for (i = 1; i < 3 && isxdigit((u_char)s[i]); i++)
			n = n * 16 + (isdigit((u_char)s[i]) ? s[i] - '0' :
			    tolower((u_char)s[i]) - 'a' + 10);
		*out = (char)n;
		return (i);
	}
	if (*s >= '0' && *s <= '7') {
		for (i = 0; i < 3 && s[i] >= '0' && s[i] <= '7'; i++)
			n = n * 8 + (s[i] - '0');
		*out = (char)n;
		return (i);
	}
	*out = '\\';
	return (0);
}

/* A string with strspecial's escapes made into their bytes. */
char *
ttl_unescape(const char *s)
{
	struct buf	 b = { 0 };
	const char	*p;
	char		 ch;

	buf_add(&b, "", 0);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p += ttl_escape(p + 1, &ch);
			if (ch == '\0')
				continue;
		} else
			ch = *p;
		buf_add(&b, &ch, 1);
	}
	return (buf_take(&b));
}

/*
 * "cmd var [str]": var becomes str (or what var holds) made over by fn:
 * strspecial and expandenv.
 */
static int
ttl_remake(struct ttl *vm, struct ttl_cursor *c, char *(*fn)(const char *))
{
	struct ttl_ref	 r;
	char		*s = NULL, *out;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0)
		return (-1);
	if (ttl_arg_more(c) && ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	if (s == NULL)
		s = ttl_ref_str(vm, &r);
	out = fn(s);
	rc = ttl_ref_set_str(vm, &r, out, strlen(out));
	free(out);
	free(s);
	return (rc);
}

TTL_CMD(strspecial)
{
	return (ttl_remake(vm, c, ttl_unescape));
}

static int
ttl_case(struct ttl *vm, struct ttl_cursor *c, int upper)
{
	struct ttl_ref	 r;
	char		*s, *p;
	int		 rc;

	if (ttl_var_str(vm, c, &r, &s) != 0)
		return (-1);
	for (p = s; *p != '\0'; p++)
		*p = upper ? toupper((u_char)*p) : tolower((u_char)*p);
	rc = ttl_ref_set_str(vm, &r, s, strlen(s));
	free(s);
	return (rc);
}

TTL_CMD(tolower)
{
	return (ttl_case(vm, c, 0));
}

TTL_CMD(toupper)
{
	return (ttl_case(vm, c, 1));
}

TTL_CMD(int2str)
{
	struct ttl_ref	r;
	int32_t		n;
	char		s[16];

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 ||
	    ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	snprintf(s, sizeof s, "%d", n);
	return (ttl_ref_set_str(vm, &r, s, strlen(s)));
}

/* A number as str2int reads it: decimal, 0x or $ hexadecimal, a sign. */
int
ttl_parse_int(const char *s, int32_t *out)
{
	const char	*p = s;
	uint32_t	 n = 0;
	int		 neg = 0, base = 10, any = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p == '$') {
		base = 16;
		p++;
	} else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p != '\0'; p++) {
		if (isdigit((u_char)*p))
			n = n * base + (uint32_t)(*p - '0');
		else if (base == 16 && isxdigit((u_char)*p))
			n = n * 16 + (uint32_t)(tolower((u_char)*p) - 'a' + 10);
		else
			break;
		any = 1;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (!any || *p != '\0')
		return (-1);
	*out = (int32_t)(neg ? 0u - n : n);
	return (0);
}

TTL_CMD(str2int)
{
	struct ttl_ref	 r;
	char		*s;
	int32_t		 n;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 || ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_parse_int(s, &n) == 0) {
		ttl_set_int(vm, "result", 1);
		ttl_ref_set_int(vm, &r, n);
	} else
		ttl_set_int(vm, "result", 0);
	free(s);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(code2str)
{
	struct ttl_ref	r;
	int32_t		n;
	char		s[4];
	int		i, k = 0;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 ||
	    ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	for (i = 3; i >= 0; i--) {
		if (((uint32_t)n >> (i * 8)) & 0xff || k > 0)
			s[k++] = (char)(((uint32_t)n >> (i * 8)) & 0xff);
	}
	return (ttl_ref_set_str(vm, &r, s, k));
}

TTL_CMD(str2code)
{
	struct ttl_ref	 r;
	char		*s;
	uint32_t	 n = 0;
	size_t		 i, len;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 || ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	len = strlen(s);
	for (i = len > 4 ? len - 4 : 0; i < len; i++)
		n = n << 8 | (u_char)s[i];
	free(s);
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	return (ttl_ref_set_int(vm, &r, (int32_t)n));
}

TTL_CMD(expandenv)
{
	return (ttl_remake(vm, c, ttl_expand_env));
}

/* regexoption: Oniguruma's options by their names in Tera Term. */
TTL_CMD(regexoption)
{
	static const struct {
		const char	*name;
		int		 opt;
	} names[] = {
		{ "IGNORECASE", ONIG_OPTION_IGNORECASE },
		{ "EXTEND", ONIG_OPTION_EXTEND },
		{ "MULTILINE", ONIG_OPTION_MULTILINE },
		{ "SINGLELINE", ONIG_OPTION_SINGLELINE },
		{ "FIND_LONGEST", ONIG_OPTION_FIND_LONGEST },
		{ "FIND_NOT_EMPTY", ONIG_OPTION_FIND_NOT_EMPTY },
		{ "NEGATE_SINGLE_LINE", ONIG_OPTION_NEGATE_SINGLELINE },
		{ "DONT_CAPTURE_GROUP", ONIG_OPTION_DONT_CAPTURE_GROUP },
		{ "CAPTURE_GROUP", ONIG_OPTION_CAPTURE_GROUP },
		{ "ENCODING_UTF8", 0 }, { "SYNTAX_RUBY", 0 },
		{ "SYNTAX_DEFAULT", 0 }
	};
	char	*s;
	size_t	 i;
	int	 opt = 0;

	while (ttl_arg_more(c)) {
		if (ttl_arg_str(vm, c, &s) != 0)
			return (-1);
		for (i = 0; i < sizeof names / sizeof names[0]; i++) {
			if (strcasecmp(s, names[i].name) == 0)
				break;
		}
		if (i == sizeof names / sizeof names[0]) {
			ttl_error(vm, _("regexoption: '%s' is not an option "
			    "tterm knows (regular expressions are UTF-8, Ruby "
			    "syntax)"), s);
			free(s);
			return (-1);
		}
		opt |= names[i].opt;
		free(s);
	}
	vm->onig_opt = opt;
	return (0);
}

/*
 * One conversion of sprintf's format, with one argument. The spec is the
 * macro's, checked by ttl_format() to be one conversion of the argument's
 * type: flags, a width and a precision of digits only (no '*', no 'n').
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int
ttl_format_one(struct ttl *vm, struct ttl_cursor *c, const char *spec,
    char conv, struct buf *out)
{
	struct ttl_value	v;
	char			*s = NULL;
	double			 d;

	if (!ttl_arg_more(c))
		return (3);
	if (ttl_expr(vm, c, &v) != 0)
		return (-1);
	switch (conv) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'c':
		if (v.type != TV_INT)
			return (ttl_value_clear(&v), 3);
		xasprintf(&s, spec, v.n);
		break;
	case 's':
		if (v.type != TV_STR)
			return (ttl_value_clear(&v), 3);
		xasprintf(&s, spec, v.s);
		break;
	default:	/* e E f g G a A: a number written as a string */
		d = v.type == TV_INT ? v.n : strtod(v.s, NULL);
		xasprintf(&s, spec, d);
		break;
	}
	buf_add(out, s, strlen(s));
	free(s);
	ttl_value_clear(&v);
	return (0);
}
#pragma GCC diagnostic pop

/* sprintf's format: 0 done, 2 a conversion that is not one, 3 the
 * arguments do not fit (Tera Term's results). */
static int
ttl_format(struct ttl *vm, struct ttl_cursor *c, const char *fmt,
    struct buf *out)
{
	const char	*p, *q;
	char		 spec[32];
	int		 r;

	buf_add(out, "", 0);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			buf_add(out, p, 1);
			continue;
		}
		if (p[1] == '%') {
			buf_add(out, "%", 1);
			p++;
			continue;
		}
		q = p + 1 + strspn(p + 1, "-+ #0");
		/* A width or precision past a string's length is refused:
		 * its text could not be kept anyway (and a huge one fails). */
		if (strtoul(q, NULL, 10) > TTL_STR_MAX)
			return (2);
		q += strspn(q, "0123456789");
		if (*q == '.') {
			if (strtoul(q + 1, NULL, 10) > TTL_STR_MAX)
				return (2);
			q += 1 + strspn(q + 1, "0123456789");
		}
		if (*q == '\0' || strchr("diouxXceEfgGaAs", *q) == NULL ||
		    (size_t)(q - p) + 2 > sizeof spec)
			return (2);
		memcpy(spec, p, q - p + 1);
		spec[q - p + 1] = '\0';
		if ((r = ttl_format_one(vm, c, spec, *q, out)) != 0)
			return (r);
		p = q;
	}
	return (ttl_arg_more(c) ? 3 : 0);
}

static int
ttl_sprintf(struct ttl *vm, struct ttl_cursor *c, const struct ttl_ref *r)
{
	struct buf	 b = { 0 };
	char		*fmt;
	int		 rc;

	if (ttl_arg_str(vm, c, &fmt) != 0)
		return (-1);
	rc = ttl_format(vm, c, fmt, &b);
	free(fmt);
	if (rc < 0) {
		buf_free(&b);
		return (-1);
	}
	c->i = c->l->ntok;
	ttl_set_int(vm, "result", rc);
	if (rc == 0) {
		if (r != NULL)
			rc = ttl_ref_set_str(vm, r, b.data, b.len);
		else
			ttl_set_str(vm, "inputstr", b.data);
	}
	buf_free(&b);
	/* As Tera Term: a format that does not fit stops the macro. */
	if (rc == 2)
		return (ttl_error(vm, _("sprintf: a conversion of the format "
		    "is not one of diouxXcseEfgGaA (result 2)")));
	if (rc == 3)
		return (ttl_error(vm, _("sprintf: the arguments do not fit the "
		    "format (result 3)")));
	return (rc);
}

TTL_CMD(sprintf)
{
	return (ttl_sprintf(vm, c, NULL));
}

TTL_CMD(sprintf2)
{
	struct ttl_ref	r;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0)
		return (-1);
	return (ttl_sprintf(vm, c, &r));
}
