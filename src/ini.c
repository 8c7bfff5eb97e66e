/*
 * ini.c: TERATERM.INI files as Windows reads them, and written back the
 * same way.
 *
 * Tera Term goes through the Windows profile API, whose rules differ from
 * iniparser's: ';' and '#' inside a value belong to it, a trailing '\' is
 * literal, the first of duplicate keys wins, a bad line is skipped. Files
 * come as UTF-16LE with a BOM (Tera Term 5) or in the ANSI code page
 * (Tera Term 4, CP932 in Japan). So the file is split into lines in its
 * own encoding, each line decoded to UTF-8 and parsed here; iniparser's
 * dictionary holds the effective values for lookup.
 *
 * Each line keeps its original bytes. Saving re-encodes only the lines
 * that changed, so a file saved without changes is byte identical, and a
 * changed one keeps its comments, order, encoding, BOM and line endings.
 *
 * Reading stays linear in the size of the file (a hash table of the
 * effective values, not iniparser's dictionary, which searches linearly),
 * so that a huge or hostile file costs seconds, not hours.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tterm.h"

#define INI_MAX_SIZE	(16 * 1024 * 1024)
#define INI_MAX_PROBLEMS 100	/* bad lines listed; the rest are counted */

enum ini_kind { IL_BLANK, IL_COMMENT, IL_SECTION, IL_KEY, IL_BAD };

struct ini_line {
	char	       *raw;		/* original bytes, without the EOL */
	size_t		rawlen;
	char		eol[4];		/* original line ending bytes */
	size_t		eollen;
	char	       *text;		/* UTF-8, CR/LF stripped */
	enum ini_kind	kind;
	u_int		section;	/* index of its section's line */
	char	       *key;		/* IL_KEY: name as written */
	char	       *value;		/* IL_KEY: value, quotes removed */
	int		dirty;		/* text changed: encode it again */
	int		dup;		/* a later duplicate: never used */
};

/* An effective value: "section:key" in lower case, and its value. */
struct ini_entry {
	char		*key;
	char		*value;
};

struct ini {
	char		 encoding[16];	/* iconv name of the file's bytes */
	char		 bom[4];
	size_t		 bomlen;
	u_int		 unit;		/* 2 for UTF-16, else 1 */
	struct ini_line	*lines;
	u_int		 nlines;
	u_int		 nalloc;
	struct ini_entry *dict;		/* open addressing, a power of 2 */
	u_int		 dictsize;
	u_int		 dictused;
	char		*problems;	/* "line N: reason\n"... */
	size_t		 problemslen;
	size_t		 problemssize;
	u_int		 nproblems;
};

/* Add a line to the problems. */
static void
ini_problem_add(struct ini *ini, char *add)
{
	size_t	n = strlen(add);

	if (ini->problemslen + n + 1 > ini->problemssize) {
		ini->problemssize = (ini->problemslen + n + 1) * 2;
		ini->problems = xreallocarray(ini->problems,
		    ini->problemssize, 1);
	}
	memcpy(ini->problems + ini->problemslen, add, n + 1);
	ini->problemslen += n;
	free(add);
}

/* Note a bad line: the first INI_MAX_PROBLEMS, then only their number. */
static void
ini_problem(struct ini *ini, u_int line, const char *what)
{
	char	*add;

	if (++ini->nproblems > INI_MAX_PROBLEMS)
		return;
	xasprintf(&add, _("line %u: %s\n"), line, what);
	ini_problem_add(ini, add);
}

/* After the last line: how many bad lines were not listed. */
static void
ini_problems_end(struct ini *ini)
{
	char	*add;
	u_int	 n;

	if (ini->nproblems <= INI_MAX_PROBLEMS)
		return;
	n = ini->nproblems - INI_MAX_PROBLEMS;
	xasprintf(&add, ngettext("%u more bad line, not listed\n",
	    "%u more bad lines, not listed\n", n), n);
	ini_problem_add(ini, add);
}

/* A hash of a dictionary key (FNV-1a). */
static u_int
ini_hash(const char *k)
{
	uint32_t	h = 2166136261U;

	for (; *k != '\0'; k++)
		h = (h ^ (u_char)*k) * 16777619U;
	return (h);
}

/* The entry of key k, or the empty one where it would go. */
static struct ini_entry *
ini_slot(const struct ini *ini, const char *k)
{
	u_int	i, mask = ini->dictsize - 1;

	for (i = ini_hash(k) & mask; ini->dict[i].key != NULL;
	    i = (i + 1) & mask) {
		if (strcmp(ini->dict[i].key, k) == 0)
			break;
	}
	return (&ini->dict[i]);
}

/* Keep the table at most half full. */
static void
ini_dict_grow(struct ini *ini)
{
	struct ini_entry	*old = ini->dict, *e;
	u_int			 i, n = ini->dictsize;

	if (ini->dictused * 2 < ini->dictsize)
		return;
	ini->dictsize = n == 0 ? 64 : n * 2;
	ini->dict = xcalloc(ini->dictsize, sizeof *ini->dict);
	for (i = 0; i < n; i++) {
		if (old[i].key == NULL)
			continue;
		e = ini_slot(ini, old[i].key);
		*e = old[i];
	}
	free(old);
}

/* Set key k (owned by the table from now on); 0 if it was there and
 * replace is not set. */
static int
ini_dict_set(struct ini *ini, char *k, const char *value, int replace)
{
	struct ini_entry	*e;

	ini_dict_grow(ini);
	e = ini_slot(ini, k);
	if (e->key != NULL) {
		free(k);
		if (!replace)
			return (0);
		free(e->value);
	} else {
		e->key = k;
		ini->dictused++;
	}
	e->value = xstrdup(value);
	return (1);
}

/* Convert len bytes with iconv descriptor cd; NULL if invalid. */
static char *
ini_iconv_cd(iconv_t cd, const char *in, size_t len, size_t *outlen,
    int lossy)
{
	char	*out, *ip = (char *)in, *op;
	size_t	 size = len * 4 + 8, il = len, ol = size;

	iconv(cd, NULL, NULL, NULL, NULL);
	out = op = xmalloc(size);
	while (il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (!lossy || errno != EILSEQ || ol < 2) {
			free(out);
			return (NULL);
		}
		/* Not in the target set: Windows writes '?'. */
		*op++ = '?';
		ol--;
		ip++;
		il--;
		while (il > 0 && ((u_char)*ip & 0xc0) == 0x80) {
			ip++;
			il--;
		}
	}
	*outlen = op - out;
	out = xreallocarray(out, *outlen + 1, 1);
	out[*outlen] = '\0';
	return (out);
}

/* Convert len bytes from one set to another; NULL if invalid. */
static char *
ini_iconv(const char *from, const char *to, const char *in, size_t len,
    size_t *outlen, int lossy)
{
	iconv_t	 cd;
	char	*out;

	if ((cd = iconv_open(to, from)) == (iconv_t)-1)
		return (NULL);
	out = ini_iconv_cd(cd, in, len, outlen, lossy);
	iconv_close(cd);
	return (out);
}

/* Is buf plain ASCII without NUL (the same bytes in UTF-8)? */
static int
ini_ascii(const char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if ((u_char)buf[i] >= 0x80 || buf[i] == '\0')
			return (0);
	}
	return (1);
}

/* Is buf valid UTF-8? */
static int
ini_valid_utf8(const char *buf, size_t len)
{
	const u_char	*p = (const u_char *)buf, *end = p + len;
	int		 n;

	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3;
		else
			return (0);
		if (end - p <= n)
			return (0);
		for (p++; n > 0; n--, p++) {
			if ((*p & 0xc0) != 0x80)
				return (0);
		}
	}
	return (1);
}

/* Choose the encoding: a BOM, else UTF-8 if valid, else the code page. */
static void
ini_sniff(struct ini *ini, const char *buf, size_t len, const char *cp)
{
	const u_char	*p = (const u_char *)buf;
	const char	*enc = "UTF-8";

	ini->unit = 1;
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		enc = "UTF-16LE";
		ini->bomlen = 2;
		ini->unit = 2;
	} else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		enc = "UTF-16BE";
		ini->bomlen = 2;
		ini->unit = 2;
	} else if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		ini->bomlen = 3;
	else if (len >= 4 && p[0] != 0 && p[1] == 0 && p[2] != 0 && p[3] == 0) {
		enc = "UTF-16LE";	/* BOM lost on the way */
		ini->unit = 2;
	} else if (!ini_valid_utf8(buf, len))
		enc = cp != NULL ? cp : "CP932";
	memcpy(ini->bom, buf, ini->bomlen);
	snprintf(ini->encoding, sizeof ini->encoding, "%s", enc);
}

/* Is the code unit at p a line feed? */
static int
ini_is_lf(const struct ini *ini, const char *p)
{
	if (ini->unit == 1)
		return (*p == '\n');
	if (strcmp(ini->encoding, "UTF-16LE") == 0)
		return (p[0] == '\n' && p[1] == '\0');
	return (p[0] == '\0' && p[1] == '\n');
}

static int
ini_is_cr(const struct ini *ini, const char *p)
{
	if (ini->unit == 1)
		return (*p == '\r');
	if (strcmp(ini->encoding, "UTF-16LE") == 0)
		return (p[0] == '\r' && p[1] == '\0');
	return (p[0] == '\0' && p[1] == '\r');
}

/* Cut the text into its parts (Windows profile rules). */
static void
ini_classify(struct ini *ini, struct ini_line *l, u_int no, u_int *section)
{
	char	*s = l->text, *eq, *e;
	size_t	 n;

	while (*s == ' ' || *s == '\t')
		s++;
	l->section = *section;
	if (*s == '\0')
		l->kind = IL_BLANK;
	else if (*s == ';' || *s == '#')
		l->kind = IL_COMMENT;
	else if (*s == '[') {
		if ((e = strchr(s, ']')) == NULL) {
			l->kind = IL_BAD;
			ini_problem(ini, no, _("a section without ']'"));
			return;
		}
		l->kind = IL_SECTION;
		*section = l->section = l - ini->lines;
	} else if ((eq = strchr(s, '=')) == NULL || eq == s) {
		l->kind = IL_BAD;
		ini_problem(ini, no, eq == NULL ? _("no '=' in the line") :
		    _("no name before '='"));
	} else if (*section == (u_int)-1) {
		l->kind = IL_BAD;
		ini_problem(ini, no, _("a value outside any section"));
	} else {
		l->kind = IL_KEY;
		for (e = eq; e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		l->key = xstrndup(s, e - s);
		for (s = eq + 1; *s == ' ' || *s == '\t'; s++)
			;
		n = strlen(s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
			s++;
			n -= 2;
		}
		l->value = xstrndup(s, n);
	}
}

/* The section's name of a line, as written. */
static char *
ini_section_name(const struct ini *ini, u_int section)
{
	const char	*s, *e;

	if (section == (u_int)-1)
		return (xstrdup(""));
	s = strchr(ini->lines[section].text, '[') + 1;
	e = strchr(s, ']');
	while (s < e && isspace((u_char)*s))
		s++;
	while (e > s && isspace((u_char)e[-1]))
		e--;
	return (xstrndup(s, e - s));
}

/* "section:key" in lower case, as iniparser's dictionary wants it. */
static char *
ini_dict_key(const char *section, const char *key)
{
	char	*k, *p;

	xasprintf(&k, "%s:%s", section, key);
	for (p = k; *p != '\0'; p++)
		*p = tolower((u_char)*p);
	return (k);
}

/* Put a key line's value in the dictionary unless one came before. */
static void
ini_remember(struct ini *ini, struct ini_line *l, int replace)
{
	char	*sec = ini_section_name(ini, l->section);

	if (!ini_dict_set(ini, ini_dict_key(sec, l->key), l->value, replace))
		l->dup = 1;
	free(sec);
}

/* Room for one more line (doubling: a file of many lines stays linear). */
static void
ini_grow(struct ini *ini)
{
	if (ini->nlines < ini->nalloc)
		return;
	ini->nalloc = ini->nalloc == 0 ? 64 : ini->nalloc * 2;
	ini->lines = xreallocarray(ini->lines, ini->nalloc,
	    sizeof *ini->lines);
}

/* Split the bytes into lines and decode each one. */
static void
ini_split(struct ini *ini, const char *buf, size_t len)
{
	const char	*p = buf + ini->bomlen, *end = buf + len, *start;
	struct ini_line	*l;
	u_int		 section = (u_int)-1, unit = ini->unit;
	size_t		 n;
	iconv_t		 cd;
	char		*what;
	int		 utf8 = strcmp(ini->encoding, "UTF-8") == 0;

	if ((end - p) % unit != 0)
		end--;
	/* One descriptor for every line: opening one costs more than a
	 * short line's conversion. */
	cd = iconv_open("UTF-8", ini->encoding);
	while (p < end) {
		ini_grow(ini);
		l = &ini->lines[ini->nlines++];
		memset(l, 0, sizeof *l);
		for (start = p; p < end && !ini_is_lf(ini, p); p += unit)
			;
		n = p - start;
		if (p < end) {
			p += unit;
			if (n >= unit && ini_is_cr(ini, start + n - unit))
				n -= unit;
		}
		l->rawlen = n;
		l->raw = xmalloc(n + 1);
		memcpy(l->raw, start, n);
		l->eollen = (p - start) - n;
		memcpy(l->eol, start + n, l->eollen);
		l->text = NULL;
		if (utf8 && ini_ascii(l->raw, n))
			l->text = xstrndup(l->raw, n);	/* no conversion */
		else if (cd != (iconv_t)-1)
			l->text = ini_iconv_cd(cd, l->raw, n, &n, 0);
		if (l->text == NULL || memchr(l->text, '\0', n) != NULL) {
			free(l->text);
			l->text = xstrdup("");
			l->kind = IL_BAD;
			xasprintf(&what, _("not valid %s"), ini->encoding);
			ini_problem(ini, ini->nlines, what);
			free(what);
			continue;
		}
		ini_classify(ini, l, ini->nlines, &section);
		if (l->kind == IL_KEY)
			ini_remember(ini, l, 0);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* Parse a file's bytes; cp is the code page for files not in UTF-8. */
struct ini *
ini_parse(const char *buf, size_t len, const char *cp)
{
	struct ini	*ini = xcalloc(1, sizeof *ini);

	ini_sniff(ini, buf, len, cp);
	ini_split(ini, buf, len);
	ini_problems_end(ini);
	return (ini);
}

/* Read a file; NULL with a cause if it cannot be read at all. */
struct ini *
ini_load(const char *path, const char *cp, char **cause)
{
	struct ini	*ini;
	char		*buf;
	size_t		 len;

	if ((buf = file_read(path, INI_MAX_SIZE, &len, cause)) == NULL)
		return (NULL);
	ini = ini_parse(buf, len, cp);
	free(buf);
	return (ini);
}

void
ini_free(struct ini *ini)
{
	u_int	i;

	if (ini == NULL)
		return;
	for (i = 0; i < ini->nlines; i++) {
		free(ini->lines[i].raw);
		free(ini->lines[i].text);
		free(ini->lines[i].key);
		free(ini->lines[i].value);
	}
	free(ini->lines);
	for (i = 0; i < ini->dictsize; i++) {
		free(ini->dict[i].key);
		free(ini->dict[i].value);
	}
	free(ini->dict);
	free(ini->problems);
	free(ini);
}

/* The effective value of a key (the first one), or NULL. */
const char *
ini_get(const struct ini *ini, const char *section, const char *key)
{
	char		*k;
	const char	*v = NULL;

	if (ini->dictsize == 0)
		return (NULL);
	k = ini_dict_key(section, key);
	v = ini_slot(ini, k)->value;
	free(k);
	return (v);
}

const char *
ini_encoding(const struct ini *ini)
{
	return (ini->encoding);
}

const char *
ini_problems(const struct ini *ini)
{
	return (ini->problems);
}

/*
 * Walk the effective keys: *i starts at 0. Returns 0 at the end. Later
 * duplicates are skipped, as Windows never sees them.
 */
int
ini_next(const struct ini *ini, u_int *i, char **section, const char **key,
    const char **value)
{
	const struct ini_line	*l;

	for (; *i < ini->nlines; (*i)++) {
		l = &ini->lines[*i];
		if (l->kind != IL_KEY || l->dup)
			continue;
		*section = ini_section_name(ini, l->section);
		*key = l->key;
		*value = l->value;
		(*i)++;
		return (1);
	}
	return (0);
}

/* The effective line of a key, or -1. */
static int
ini_find(const struct ini *ini, const char *section, const char *key)
{
	const struct ini_line	*l;
	char			*sec;
	u_int			 i;
	int			 found;

	for (i = 0; i < ini->nlines; i++) {
		l = &ini->lines[i];
		if (l->kind != IL_KEY || l->dup || strcasecmp(l->key, key) != 0)
			continue;
		sec = ini_section_name(ini, l->section);
		found = strcasecmp(sec, section) == 0;
		free(sec);
		if (found)
			return (i);
	}
	return (-1);
}

/* Does the file have this section? */
int
ini_has_section(const struct ini *ini, const char *section)
{
	char	*sec;
	u_int	 i;
	int	 found = 0;

	for (i = 0; i < ini->nlines && !found; i++) {
		if (ini->lines[i].kind != IL_SECTION)
			continue;
		sec = ini_section_name(ini, i);
		found = strcasecmp(sec, section) == 0;
		free(sec);
	}
	return (found);
}

/* The last line that belongs to a section (its header at least), or -1. */
static int
ini_section_end(const struct ini *ini, const char *section)
{
	char	*sec;
	u_int	 i;
	int	 last = -1, in = 0;

	for (i = 0; i < ini->nlines; i++) {
		if (ini->lines[i].kind == IL_SECTION) {
			sec = ini_section_name(ini, i);
			in = last == -1 && strcasecmp(sec, section) == 0;
			free(sec);
			if (in)
				last = i;
		} else if (in && ini->lines[i].kind == IL_KEY)
			last = i;
	}
	return (last);
}

/* Insert a new line of text after line at (-1: at the end). */
static struct ini_line *
ini_insert(struct ini *ini, int at, const char *text)
{
	struct ini_line	*l;
	u_int		 pos = at < 0 ? ini->nlines : (u_int)at + 1, i;

	ini_grow(ini);
	memmove(&ini->lines[pos + 1], &ini->lines[pos],
	    (ini->nlines - pos) * sizeof *ini->lines);
	ini->nlines++;
	for (i = 0; i < ini->nlines; i++) {
		if (ini->lines[i].section != (u_int)-1 &&
		    ini->lines[i].section >= pos && i != pos)
			ini->lines[i].section++;
	}
	l = &ini->lines[pos];
	memset(l, 0, sizeof *l);
	l->text = xstrdup(text);
	l->dirty = 1;
	/* The file's own line ending: the one of its first line. */
	if (ini->nlines > 1) {
		i = pos == 0 ? 1 : 0;
		memcpy(l->eol, ini->lines[i].eol, ini->lines[i].eollen);
		l->eollen = ini->lines[i].eollen;
	}
	if (l->eollen == 0) {
		l->eollen = 2 * ini->unit;
		memset(l->eol, 0, sizeof l->eol);
		if (strcmp(ini->encoding, "UTF-16BE") == 0) {
			l->eol[1] = '\r';
			l->eol[3] = '\n';
		} else {
			l->eol[0] = '\r';
			l->eol[ini->unit] = '\n';
		}
	}
	/* A last line without an ending gets one before anything follows. */
	if (pos > 0 && ini->lines[pos - 1].eollen == 0) {
		memcpy(ini->lines[pos - 1].eol, l->eol, l->eollen);
		ini->lines[pos - 1].eollen = l->eollen;
	}
	return (l);
}

/*
 * The quote a value needs to be read back as it is: one with blanks at
 * either end, or already in matching quotes, is written in quotes.
 */
const char *
ini_quote(const char *value)
{
	size_t	n = strlen(value);

	if (n > 0 && (isspace((u_char)value[0]) ||
	    isspace((u_char)value[n - 1]) || (n >= 2 && (value[0] == '"' ||
	    value[0] == '\'') && value[n - 1] == value[0])))
		return (strchr(value, '"') == NULL ? "\"" : "'");
	return ("");
}

/*
 * Set a key: the line that holds it is rewritten with the new value, or a
 * line is added at the end of its section (the section at the end of the
 * file if there is none).
 */
void
ini_set(struct ini *ini, const char *section, const char *key,
    const char *value)
{
	struct ini_line	*l;
	const char	*q;
	char		*text;
	int		 at;

	q = ini_quote(value);
	if ((at = ini_find(ini, section, key)) != -1) {
		l = &ini->lines[at];
		if (strcmp(l->value, value) == 0)
			return;
		xasprintf(&text, "%s=%s%s%s", l->key, q, value, q);
		free(l->text);
		l->text = text;
		l->dirty = 1;
		free(l->value);
		l->value = xstrdup(value);
		ini_remember(ini, l, 1);
		return;
	}
	if ((at = ini_section_end(ini, section)) == -1) {
		xasprintf(&text, "[%s]", section);
		l = ini_insert(ini, -1, text);
		free(text);
		l->kind = IL_SECTION;
		at = ini->nlines - 1;
		l->section = at;
	}
	xasprintf(&text, "%s=%s%s%s", key, q, value, q);
	l = ini_insert(ini, at, text);
	free(text);
	l->kind = IL_KEY;
	l->section = ini->lines[at].kind == IL_SECTION ? (u_int)at :
	    ini->lines[at].section;
	l->key = xstrdup(key);
	l->value = xstrdup(value);
	ini_remember(ini, l, 1);
}

/* Does line i belong to the section (its header too), or is it the key? */
static int
ini_doomed(const struct ini *ini, u_int i, const char *section,
    const char *key)
{
	const struct ini_line	*l = &ini->lines[i];
	u_int			 head;
	char			*sec;
	int			 in;

	head = l->kind == IL_SECTION ? i : l->section;
	if (head >= ini->nlines || ini->lines[head].kind != IL_SECTION)
		return (0);
	if (key != NULL && (l->kind != IL_KEY || strcasecmp(l->key, key) != 0))
		return (0);
	sec = ini_section_name(ini, head);
	in = strcasecmp(sec, section) == 0;
	free(sec);
	return (in);
}

/* Take out line at; the lines after it keep their sections right. */
static void
ini_remove(struct ini *ini, u_int at)
{
	struct ini_line	*l = &ini->lines[at];
	u_int		 i;

	free(l->raw);
	free(l->text);
	free(l->key);
	free(l->value);
	memmove(l, l + 1, (ini->nlines - at - 1) * sizeof *l);
	ini->nlines--;
	for (i = at; i < ini->nlines; i++) {
		if (ini->lines[i].section != (u_int)-1 &&
		    ini->lines[i].section > at)
			ini->lines[i].section--;
	}
}

/* The effective values again, after lines went. */
static void
ini_reindex(struct ini *ini)
{
	u_int	i;

	for (i = 0; i < ini->dictsize; i++) {
		free(ini->dict[i].key);
		free(ini->dict[i].value);
	}
	if (ini->dictsize != 0)
		memset(ini->dict, 0, ini->dictsize * sizeof *ini->dict);
	ini->dictused = 0;
	for (i = 0; i < ini->nlines; i++) {
		ini->lines[i].dup = 0;
		if (ini->lines[i].kind == IL_KEY)
			ini_remember(ini, &ini->lines[i], 0);
	}
}

/*
 * Remove a key from a section (each line of it, duplicates too), or with
 * key NULL the section with all its lines, as Windows does for a NULL
 * key. 0 if there was nothing to remove.
 */
int
ini_unset(struct ini *ini, const char *section, const char *key)
{
	u_int	i;
	int	n = 0;

	/* From the end: a section's lines go before its header. */
	for (i = ini->nlines; i-- > 0;) {
		if (ini_doomed(ini, i, section, key)) {
			ini_remove(ini, i);
			n++;
		}
	}
	if (n > 0)
		ini_reindex(ini);
	return (n > 0);
}

/* The file's bytes: unchanged lines as read, changed ones encoded anew. */
char *
ini_encode(const struct ini *ini, size_t *lenp)
{
	const struct ini_line	*l;
	char			*out, *enc;
	size_t			 len = ini->bomlen, size = len + 1, n;
	u_int			 i;

	out = xmalloc(size);
	memcpy(out, ini->bom, ini->bomlen);
	for (i = 0; i < ini->nlines; i++) {
		l = &ini->lines[i];
		enc = NULL;
		if (l->dirty) {
			enc = ini_iconv("UTF-8", ini->encoding, l->text,
			    strlen(l->text), &n, 1);
			if (enc == NULL)
				enc = xstrdup("");
		} else
			n = l->rawlen;
		if (len + n + l->eollen >= size) {
			size = (len + n + l->eollen) * 2;
			out = xreallocarray(out, size, 1);
		}
		memcpy(out + len, enc != NULL ? enc : l->raw, n);
		memcpy(out + len + n, l->eol, l->eollen);
		len += n + l->eollen;
		free(enc);
	}
	*lenp = len;
	return (out);
}

/* Write the file back through a temporary file beside it. */
int
ini_save(const struct ini *ini, const char *path, char **cause)
{
	char	*buf;
	size_t	 len;
	int	 r;

	buf = ini_encode(ini, &len);
	r = file_write(path, buf, len, cause);
	free(buf);
	return (r);
}
