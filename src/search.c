/*
 * search.c: finding text in a tab's lines (lines.c), for the scrollback
 * view. Plain text by default, a regular expression on request
 * (Oniguruma's Ruby syntax, as the regexes of Tera Term's macros); both
 * ignore case when the pattern has no capital letter (as
 * less -i and vim's smartcase). A line is searched as UTF-8 text with the
 * column each byte came from, so matches come back as columns.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "tterm.h"
#include "onig-lib.h"

struct search {
	char	       *pat;
	size_t		patlen;
	int		regex;
	int		icase;
	OnigRegex	re;
	OnigRegion     *region;
	struct buf	text;		/* the line being searched */
	struct buf	cols;		/* a column (uint16_t) per byte */
};

/* Whether the pattern has a capital letter (then case matters). */
static int
search_has_upper(const char *s)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		k;

	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		k = mbrtowc(&wc, s, strlen(s), &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			k = 1;
		} else if (iswupper(wc))
			return (1);
		s += k;
	}
	return (0);
}

/* A search for pattern; NULL with *cause set if the regex is bad. */
struct search *
search_new(const char *pattern, int regex, char **cause)
{
	OnigErrorInfo	 info;
	OnigUChar	 err[ONIG_MAX_ERROR_MESSAGE_LEN];
	struct search	*s;
	size_t		 i;
	int		 r;

	if (regex && oniglib_start(cause) != 0)
		return (NULL);
	s = xcalloc(1, sizeof *s);
	s->pat = xstrdup(pattern);
	s->patlen = strlen(pattern);
	s->regex = regex;
	s->icase = !search_has_upper(pattern);
	if (regex) {
		r = onig_new(&s->re, (const OnigUChar *)pattern,
		    (const OnigUChar *)pattern + s->patlen, s->icase ?
		    ONIG_OPTION_IGNORECASE : ONIG_OPTION_NONE,
		    ONIG_ENCODING_UTF8, ONIG_SYNTAX_RUBY, &info);
		if (r != ONIG_NORMAL) {
			onig_error_code_to_str(err, r, &info);
			xasprintf(cause, "%s", (char *)err);
			free(s->pat);
			free(s);
			return (NULL);
		}
		s->region = onig_region_new();
	} else if (s->icase) {
		for (i = 0; i < s->patlen; i++)
			s->pat[i] = tolower((u_char)s->pat[i]);
	}
	return (s);
}

void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	if (s->regex) {
		onig_region_free(s->region, 1);
		onig_free(s->re);
	}
	free(s->pat);
	buf_free(&s->text);
	buf_free(&s->cols);
	free(s);
}

/* The pattern as typed, for the status bar. */
const char *
search_pattern(const struct search *s)
{
	return (s->pat);
}

/* The next match in the text from byte off: its bytes [*b0, *b1). */
static int
search_next(struct search *s, size_t off, size_t *b0, size_t *b1)
{
	const OnigUChar	*u = (const OnigUChar *)s->text.data;
	const char	*p;
	int		 r;

	if (off > s->text.len || s->text.len == 0)
		return (0);	/* (nothing to find in an empty line) */
	if (!s->regex) {
		if (s->patlen == 0)
			return (0);
		p = memmem(s->text.data + off, s->text.len - off, s->pat,
		    s->patlen);
		if (p == NULL)
			return (0);
		*b0 = p - s->text.data;
		*b1 = *b0 + s->patlen;
		return (1);
	}
	/* From off, with the line's start still its start (for ^). */
	r = onig_search(s->re, u, u + s->text.len, u + off, u + s->text.len,
	    s->region, ONIG_OPTION_NONE);
	if (r < 0)
		return (0);
	*b0 = s->region->beg[0];
	*b1 = s->region->end[0];
	return (1);
}

/*
 * The matches in line i of t, as columns [x0, x1), at most max of them
 * into out; returns how many there are (all of them, even past max).
 */
u_int
search_line(struct search *s, struct term *t, u_int i,
    struct search_match *out, u_int max)
{
	struct grid		*g;
	const struct cell	*row = lines_get(t, i, &g);
	const uint16_t		*cols;
	size_t			 off = 0, b0, b1, k;
	u_int			 n = 0, x1;

	s->text.len = 0;
	s->cols.len = 0;
	lines_text(g, row, 0, lines_used(row, g->cols), &s->text, &s->cols);
	if (!s->regex && s->icase) {
		for (k = 0; k < s->text.len; k++)
			s->text.data[k] = tolower((u_char)s->text.data[k]);
	}
	cols = (const uint16_t *)s->cols.data;
	while (off <= s->text.len && search_next(s, off, &b0, &b1)) {
		if (b1 == b0) {
			/* An empty match: no text to show; step on by a
			 * character. */
			off = b0 + 1;
			while (off < s->text.len &&
			    ((u_char)s->text.data[off] & 0xc0) == 0x80)
				off++;
			continue;
		}
		if (n < max) {
			out[n].x0 = cols[b0];
			x1 = cols[b1 - 1];
			out[n].x1 = x1 + ((CELL_ATTR(&row[x1]) & ATTR_WIDE) ?
			    2 : 1);
		}
		n++;
		off = b1;
	}
	return (n);
}
