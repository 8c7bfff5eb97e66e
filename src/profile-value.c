/*
 * profile-value.c: one profile value read from its text and written back,
 * by the rules of its key's type (Tera Term's rules, which differ between
 * the core and [TTSSH]).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

#define FIELD(p, off)	((int *)((char *)(p) + (off)))
#define SFIELD(p, off)	((char **)((char *)(p) + (off)))

/*
 * The canonical spelling of a character set name, or NULL. Tera Term 5
 * compares the names case-sensitively (exact); Tera Term 4 did not, and
 * knew UTF8 and UTF8m too. codec.c has the names.
 */
const char *
prof_charset(const char *name, int exact)
{
	const char	*cs = codec_lookup(name);

	if (cs != NULL && exact && strcmp(cs, name) != 0 &&
	    strcmp(name, "EUC") != 0)
		return (NULL);
	return (cs);
}

/* GetPrivateProfileInt: leading digits count, text without any is 0. */
static long
prof_int(const char *v)
{
	long	n = 0;
	int	neg = 0;

	while (*v == ' ' || *v == '\t')
		v++;
	if (*v == '-') {
		neg = 1;
		v++;
	}
	while (isdigit((u_char)*v) && n < 100000000)
		n = n * 10 + (*v++ - '0');
	return (neg ? -n : n);
}

/* Tera Term's on/off: three characters; the default decides the rest. */
static int
prof_onoff(const char *v, int def)
{
	char	buf[4];

	snprintf(buf, sizeof buf, "%s", v);
	if (def)
		return (strcasecmp(buf, "off") != 0);
	return (strcasecmp(buf, "on") == 0);
}

/* TTSSH's booleans: a non-zero number, yes or y. */
static int
prof_bool(const char *v)
{
	return (prof_int(v) != 0 || strcasecmp(v, "yes") == 0 ||
	    strcasecmp(v, "y") == 0);
}

static int
prof_enum(const struct prof_key *k, const char *v, int *out)
{
	const struct pk_enum	*e;

	for (e = k->names; e->name != NULL; e++) {
		if ((k->flags & PKF_CASE) ? strcmp(e->name, v) == 0 :
		    strcasecmp(e->name, v) == 0) {
			*out = e->value;
			return (0);
		}
	}
	return (-1);
}

static const char *
prof_enum_name(const struct prof_key *k, int value)
{
	const struct pk_enum	*e;

	for (e = k->names; e->name != NULL; e++) {
		if (e->value == value)
			return (e->name);
	}
	return (NULL);
}

/* Up to max comma-separated numbers from 0 to top. */
static int
prof_numbers(const char *v, int *out, int max, long top)
{
	char	*end;
	long	 n;
	int	 i = 0;

	while (*v != '\0' && i < max) {
		while (*v == ' ' || *v == '\t')
			v++;
		n = strtol(v, &end, 10);
		if (end == v || n < 0 || n > top)
			return (-1);
		out[i++] = n;
		for (v = end; *v == ' ' || *v == '\t'; v++)
			;
		if (*v == ',')
			v++;
		else if (*v != '\0')
			return (-1);
	}
	return (*v == '\0' ? i : -1);
}

/*
 * ANSIColor: index,r,g,b groups in Tera Term's order, where indexes 1-7
 * are the bright colours and 9-15 the normal ones: swap them into xterm's.
 */
static int
prof_ansi(const char *v, int *ansi)
{
	int	n[64 * 4], i, count, idx;

	if ((count = prof_numbers(v, n, 64 * 4, 255)) < 0 || count % 4 != 0)
		return (-1);
	for (i = 0; i < count; i += 4) {
		if (n[i] > 15)
			return (-1);
		idx = n[i];
		if (idx >= 1 && idx <= 7)
			idx += 8;
		else if (idx >= 9)
			idx -= 8;
		ansi[idx] = (n[i + 1] << 16) | (n[i + 2] << 8) | n[i + 3];
	}
	return (0);
}

/* The type's default for a key without a value, or its "unset" state. */
void
prof_value_default(const struct prof_key *k, struct profile *p)
{
	int	i;

	switch (k->type) {
	case PK_STR:
	case PK_KEY:
	case PK_DIR:
	case PK_PATHS:
	case PK_ORDER:
	case PK_KANJI:
		free(*SFIELD(p, k->off));
		*SFIELD(p, k->off) = NULL;
		if (k->def != NULL)
			*SFIELD(p, k->off) = xstrdup(k->def);
		return;
	case PK_ANSI:
		for (i = 0; i < 16; i++)
			FIELD(p, k->off)[i] = -1;
		return;
	case PK_SIZE:
	case PK_RGB2:
		*FIELD(p, k->off) = *FIELD(p, k->off2) = -1;
		return;
	default:
		*FIELD(p, k->off) = -1;
		if (k->def != NULL)
			prof_value_set(k, p, k->def, NULL);
		return;
	}
}

/*
 * Set a field from the text of its key. Returns -1 with a note if the
 * value is not valid: the default stays.
 */
int
prof_value_set(const struct prof_key *k, struct profile *p, const char *v,
    char **note)
{
	int		*f = FIELD(p, k->off), n[6], x;
	long		 l;
	const char	*name;

	if (*v == '\0' && k->type != PK_STR && k->type != PK_ORDER) {
		prof_value_default(k, p);
		return (0);
	}
	switch (k->type) {
	case PK_ONOFF:
		*f = prof_onoff(v, k->def != NULL && strcmp(k->def, "on") == 0);
		return (0);
	case PK_BOOL:
		*f = prof_bool(v);
		return (0);
	case PK_INT:
		l = prof_int(v);
		if (l < k->min || l > k->max)
			goto bad;
		*f = l;
		return (0);
	case PK_ENUM:
		if (prof_enum(k, v, &x) != 0)
			goto bad;
		*f = x;
		return (0);
	case PK_SIZE:
		if (prof_numbers(v, n, 2, 100000) != 2)
			goto bad;
		/* Tera Term: 0 or less is the default, 1000x500 at most. */
		f[0] = n[0] > 0 ? (n[0] > 1000 ? 1000 : n[0]) : 80;
		*FIELD(p, k->off2) = n[1] > 0 ? (n[1] > 500 ? 500 : n[1]) : 24;
		return (0);
	case PK_RGB2:
		if (prof_numbers(v, n, 6, 255) != 6)
			goto bad;
		*f = (n[0] << 16) | (n[1] << 8) | n[2];
		*FIELD(p, k->off2) = (n[3] << 16) | (n[4] << 8) | n[5];
		return (0);
	case PK_ANSI:
		if (prof_ansi(v, f) != 0)
			goto bad;
		return (0);
	case PK_KANJI:
		if ((name = prof_charset(v, 1)) == NULL) {
			if ((name = prof_charset(v, 0)) == NULL)
				goto bad;
			if (note != NULL)
				xasprintf(note, _("read as %s (Tera Term 4's"
				    " spelling)"), name);
		}
		v = name;
		/* FALLTHROUGH */
	default:
		free(*SFIELD(p, k->off));
		*SFIELD(p, k->off) = xstrdup(v);
		return (0);
	}
bad:
	if (note != NULL) {
		if (k->type == PK_INT)
			xasprintf(note, _("not a number from %ld to %ld"),
			    k->min, k->max);
		else if (k->type == PK_KANJI)
			xasprintf(note, "%s", _("not a character set tterm"
			    " knows (names are case-sensitive, as in Tera"
			    " Term)"));
		else
			xasprintf(note, "%s", _("not a valid value"));
	}
	return (-1);
}

static char *
prof_rgb(int c)
{
	char	*s;

	xasprintf(&s, "%d,%d,%d", (c >> 16) & 0xff, (c >> 8) & 0xff,
	    c & 0xff);
	return (s);
}

/* Back from xterm's order to Tera Term's index,r,g,b groups. */
static char *
prof_ansi_text(const int *ansi)
{
	char	*s = xstrdup(""), *t, *rgb;
	int	 i, idx;

	for (i = 0; i < 16; i++) {
		idx = i >= 1 && i <= 7 ? i + 8 : (i >= 9 ? i - 8 : i);
		if (ansi[idx] < 0)
			continue;
		rgb = prof_rgb(ansi[idx]);
		xasprintf(&t, "%s%s%d,%s", s, *s != '\0' ? ", " : "", i, rgb);
		free(rgb);
		free(s);
		s = t;
	}
	if (*s == '\0') {
		free(s);
		return (NULL);
	}
	return (s);
}

/* The value as it would be written in the file, or NULL if unset. */
char *
prof_value_get(const struct prof_key *k, const struct profile *p)
{
	const int	*f = FIELD(p, k->off);
	const char	*name;
	char		*s, *a, *b;

	switch (k->type) {
	case PK_ONOFF:
		return (*f < 0 ? NULL : xstrdup(*f ? "on" : "off"));
	case PK_BOOL:
		return (*f < 0 ? NULL : xstrdup(*f ? "1" : "0"));
	case PK_INT:
		if (*f < 0)
			return (NULL);
		xasprintf(&s, "%d", *f);
		return (s);
	case PK_ENUM:
		if (*f < 0 || (name = prof_enum_name(k, *f)) == NULL)
			return (NULL);
		return (xstrdup(name));
	case PK_SIZE:
		if (*f < 0)
			return (NULL);
		xasprintf(&s, "%d,%d", *f, *FIELD(p, k->off2));
		return (s);
	case PK_RGB2:
		if (*f < 0)
			return (NULL);
		a = prof_rgb(*f);
		b = prof_rgb(*FIELD(p, k->off2));
		xasprintf(&s, "%s,%s", a, b);
		free(a);
		free(b);
		return (s);
	case PK_ANSI:
		return (prof_ansi_text(f));
	default:
		s = *SFIELD(p, k->off);
		return (s != NULL ? xstrdup(s) : NULL);
	}
}

/* Copy a field from one profile to another. */
void
prof_value_copy(const struct prof_key *k, struct profile *to,
    const struct profile *from)
{
	const char	*s;
	size_t		 n = 1;

	switch (k->type) {
	case PK_STR:
	case PK_KEY:
	case PK_DIR:
	case PK_PATHS:
	case PK_ORDER:
	case PK_KANJI:
		s = *SFIELD(from, k->off);
		free(*SFIELD(to, k->off));
		*SFIELD(to, k->off) = s != NULL ? xstrdup(s) : NULL;
		return;
	case PK_SIZE:
	case PK_RGB2:
		*FIELD(to, k->off2) = *FIELD(from, k->off2);
		break;
	case PK_ANSI:
		n = 16;
		break;
	default:
		break;
	}
	memcpy(FIELD(to, k->off), FIELD(from, k->off), n * sizeof (int));
}
