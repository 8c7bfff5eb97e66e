/*
 * view-search.c: searching in the scrollback view. / searches down, ? up
 * (as less and vi), n and N again; the prompt is a line of the status bar
 * where Ctrl+R turns the pattern into a regular expression. Matches are
 * marked where the view shows them, the cursor's own in another colour,
 * and the status bar says which of how many it is.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "view-int.h"

#define VIEW_SEARCH_MAX	256	/* matches in one line marked */

/* How many matches come before (line i, column x), and in all. */
static void
view_search_count(struct tab *t, u_int i, u_int x)
{
	struct view		*vs = t->vs;
	struct search_match	 m[VIEW_SEARCH_MAX];
	u_int			 l, n, k, count = lines_count(&t->term);

	vs->nmatch = vs->imatch = 0;
	for (l = 0; l < count; l++) {
		n = search_line(vs->search, &t->term, l, m, VIEW_SEARCH_MAX);
		if (l < i)
			vs->imatch += n;
		else if (l == i) {
			for (k = 0; k < n && k < VIEW_SEARCH_MAX; k++) {
				if (m[k].x0 < x)
					vs->imatch++;
			}
		}
		vs->nmatch += n;
	}
	vs->imatch++;
}

/*
 * The match in line l nearest after (dir 1) or before (dir -1) column x;
 * x of -1 (or past the end) takes the first (or the last).
 */
static int
view_search_in(struct tab *t, u_int l, long x, int dir, u_int *x0, u_int *x1)
{
	struct search_match	m[VIEW_SEARCH_MAX];
	u_int			n, k;
	int			found = 0;

	n = search_line(t->vs->search, &t->term, l, m, VIEW_SEARCH_MAX);
	if (n > VIEW_SEARCH_MAX)
		n = VIEW_SEARCH_MAX;
	for (k = 0; k < n; k++) {
		if (dir > 0 && (long)m[k].x0 > x) {
			*x0 = m[k].x0;
			*x1 = m[k].x1;
			return (1);
		}
		if (dir < 0 && (long)m[k].x0 < x) {
			*x0 = m[k].x0;
			*x1 = m[k].x1;
			found = 1;
		}
	}
	return (found);
}

/* Find the next match in direction dir from the cursor, round the ends. */
static void
view_search_run(struct tab *t, int dir)
{
	struct view	*vs = t->vs;
	u_int		 count = lines_count(&t->term), i, step, l, x0, x1;
	long		 x;

	i = view_cursor_line(t);
	for (step = 0; step <= count; step++) {
		if (dir > 0)
			l = (i + step) % count;
		else
			l = (i + count - step % count) % count;
		if (step == 0)
			x = vs->cx;
		else
			x = dir > 0 ? -1 : (long)t->term.g->cols + 1;
		if (step == count)	/* the cursor's line, round again */
			x = dir > 0 ? -1 : (long)t->term.g->cols + 1;
		if (!view_search_in(t, l, x, dir, &x0, &x1))
			continue;
		vs->match = 1;
		vs->my = lines_id(&t->term, l);
		vs->mx0 = x0;
		vs->mx1 = x1;
		view_cursor_to(t, l, x0);
		view_search_count(t, l, x0);
		return;
	}
	vs->match = 0;
	ui_message(_("not found: %s"), search_pattern(vs->search));
}

/* Enter at the prompt: a new search from the cursor. */
static void
view_search_start(struct tab *t)
{
	struct view	*vs = t->vs;
	struct search	*s;
	char		*cause;

	vs->dir = vs->prompt == '/' ? 1 : -1;
	vs->prompt = 0;
	if (vs->input.len == 0) {
		if (vs->search != NULL)
			view_search_run(t, vs->dir);
		return;
	}
	if ((s = search_new(vs->input.data, vs->prompt_regex, &cause)) ==
	    NULL) {
		ui_message(_("bad regular expression: %s"), cause);
		free(cause);
		return;
	}
	search_free(vs->search);
	vs->search = s;
	view_search_run(t, vs->dir);
}

/* Take the last character off the prompt's text. */
static void
view_search_rubout(struct view *vs)
{
	while (vs->input.len > 0 &&
	    ((u_char)vs->input.data[--vs->input.len] & 0xc0) == 0x80)
		;
	if (vs->input.data != NULL)
		vs->input.data[vs->input.len] = '\0';
}

/* A key while the prompt is up. */
static void
view_search_prompt_key(struct tab *t, int code, uint32_t ch)
{
	struct view	*vs = t->vs;
	char		 s[8];
	int		 n;

	if (code == KEY_BACKSPACE || (code == 0 && (ch == 0x7f || ch == 8))) {
		if (vs->input.len == 0)
			vs->prompt = 0;
		view_search_rubout(vs);
	} else if (code == KEY_ENTER || (code == 0 && ch == '\r'))
		view_search_start(t);
	else if (code == KEY_UP && vs->search != NULL && vs->input.len == 0) {
		buf_printf(&vs->input, "%s", search_pattern(vs->search));
	} else if (code != 0)
		return;
	else if (ch == 0x1b || ch == 0x03 || ch == 0x07)
		vs->prompt = 0;
	else if (ch == 0x15) {
		vs->input.len = 0;
		buf_add(&vs->input, "", 0);
	} else if (ch == 0x12)
		vs->prompt_regex = !vs->prompt_regex;
	else if (ch >= 0x20 && ch != 0x7f && vs->input.len < 1024) {
		n = wctomb(s, (wchar_t)ch);
		if (n > 0)
			buf_add(&vs->input, s, n);
	}
	ui_redraw_bars = 1;
}

/* A key for the search, 1 if it was one: the prompt's, / ? n N. */
int
view_search_key(struct tab *t, int code, uint32_t ch)
{
	struct view	*vs = t->vs;

	if (vs->prompt) {
		view_search_prompt_key(t, code, ch);
		return (1);
	}
	if (code != 0)
		return (0);
	switch (ch) {
	case '/':
	case '?':
		vs->prompt = ch;
		vs->input.len = 0;
		buf_add(&vs->input, "", 0);
		if (vs->search == NULL)
			vs->prompt_regex = 0;
		ui_redraw_bars = 1;
		return (1);
	case 'n':
	case 'N':
		if (vs->search == NULL) {
			ui_message("%s", _("no search yet: / or ? starts one"));
			return (1);
		}
		view_search_run(t, ch == 'n' ? vs->dir : -vs->dir);
		return (1);
	}
	return (0);
}

/* Open the view with the search prompt up (the prefix's /). */
void
view_search_open(struct tab *t)
{
	view_enter(t);
	view_search_key(t, 0, '?');
}

/* Mark the matches of line index i among cols columns. */
void
view_search_marks(struct tab *t, u_int i, uint8_t *marks, u_int cols)
{
	struct view		*vs = t->vs;
	struct search_match	 m[VIEW_SEARCH_MAX];
	u_int			 n, k, x, id;

	if (vs->search == NULL)
		return;
	n = search_line(vs->search, &t->term, i, m, VIEW_SEARCH_MAX);
	id = lines_id(&t->term, i);
	for (k = 0; k < n && k < VIEW_SEARCH_MAX; k++) {
		for (x = m[k].x0; x < m[k].x1 && x < cols; x++) {
			marks[x] |= VIEW_MARK_MATCH;
			if (vs->match && id == vs->my && m[k].x0 == vs->mx0)
				marks[x] |= VIEW_MARK_CURRENT;
		}
	}
}

/* What the status bar says of the search: the prompt, or the matches. */
int
view_search_status(struct tab *t, char *buf, size_t len)
{
	struct view	*vs = t->vs;

	if (vs == NULL)
		return (0);
	if (vs->prompt) {
		/* TRANSLATORS: %s: " (regex)" or " (Ctrl+R: regex)". */
		snprintf(buf, len, vs->prompt == '/' ? _(" search down%s: %s") :
		    _(" search up%s: %s"), vs->prompt_regex ? _(" (regex)") :
		    _(" (Ctrl+R: regex)"), vs->input.data != NULL ?
		    vs->input.data : "");
		return (1);
	}
	if (vs->search != NULL && vs->match) {
		snprintf(buf, len, _(" match %u of %u: %s "), vs->imatch,
		    vs->nmatch, search_pattern(vs->search));
		return (1);
	}
	return (0);
}
