/*
 * copy.c: what is copied and pasted. A selection of the view becomes text
 * as tmux makes it (wide characters once, trailing blanks dropped, wrapped
 * lines joined), goes to tterm's paste buffer and to the outer terminal's
 * clipboard by OSC 52; the prefix's ] pastes the buffer into a tab,
 * bracketed when its program asked for that. A program's own OSC 52 goes
 * the same way when its profile allows (ClipboardAccessFromRemote).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tterm.h"
#include "view-int.h"

#define COPY_MAX	(4 * 1024 * 1024)	/* text copied at most */

static char	*copy_buf;	/* the paste buffer */
static size_t	 copy_len;

/* The selection's corners as line indexes and columns, in order. */
static int
copy_bounds(struct tab *t, u_int *l1, u_int *x1, u_int *l2, u_int *x2)
{
	struct view	*vs = t->vs;
	long		 a, b;
	u_int		 xa, xb;

	if (vs == NULL || vs->sel == 0)
		return (0);
	a = lines_index(&t->term, vs->sy);
	b = view_cursor_line(t);
	if (a < 0)
		a = 0;
	xa = vs->sx;
	xb = vs->cx;
	if (a > b || (a == b && xa > xb)) {
		*l1 = b;
		*x1 = xb;
		*l2 = a;
		*x2 = xa;
	} else {
		*l1 = a;
		*x1 = xa;
		*l2 = b;
		*x2 = xb;
	}
	return (1);
}

/*
 * The columns [*a, *b) of line index i that are selected; 0 if none.
 * A wide character is taken whole.
 */
int
copy_selected(struct tab *t, u_int i, u_int cols, u_int *a, u_int *b)
{
	u_int	l1, x1, l2, x2;

	if (!copy_bounds(t, &l1, &x1, &l2, &x2) || i < l1 || i > l2)
		return (0);
	if (t->vs->sel == 'V') {
		*a = 0;
		*b = cols;
	} else if (t->vs->rect) {
		*a = x1 < x2 ? x1 : x2;
		*b = (x1 < x2 ? x2 : x1) + 1;
	} else {
		*a = i == l1 ? x1 : 0;
		*b = i == l2 ? x2 + 1 : cols;
	}
	if (*b > cols)
		*b = cols;
	return (*a < *b);
}

/* Append the selected text of line index i to b. */
static void
copy_line(struct tab *t, u_int i, u_int last, struct buf *b)
{
	struct grid		*g;
	const struct cell	*row;
	u_int			 a, e, used, cols = t->term.g->cols;
	int			 joined;

	if (!copy_selected(t, i, cols, &a, &e))
		e = a = 0;
	row = lines_get(&t->term, i, &g);
	if (a > 0 && (CELL_ATTR(&row[a]) & ATTR_WIDECONT))
		a--;		/* the selection began on a wide one's half */
	/* A wrapped line runs into the next, blanks and all. */
	joined = i < last && e == cols && !t->vs->rect &&
	    (CELL_ATTR(&row[cols - 1]) & ATTR_WRAPPED);
	used = joined ? cols : lines_used(row, cols);
	if (e > used)
		e = used;
	if (a < e)
		lines_text(g, row, a, e, b, NULL);
	if (i < last && !joined)
		buf_add(b, "\n", 1);
}

/* Keep text in the paste buffer and send it to the outer clipboard. */
static void
copy_keep(const char *text, size_t len)
{
	free(copy_buf);
	copy_buf = xmalloc(len + 1);
	memcpy(copy_buf, text, len);
	copy_buf[len] = '\0';
	copy_len = len;
	ui_clipboard(text, len);
}

/* Copy the view's selection; the view ends (as tmux's Enter). */
void
copy_selection(struct tab *t)
{
	struct buf	b;
	u_int		l1, x1, l2, x2, i, lines;

	if (!copy_bounds(t, &l1, &x1, &l2, &x2)) {
		ui_message("%s", _("nothing selected: v (or V) starts a"
		    " selection"));
		return;
	}
	memset(&b, 0, sizeof b);
	for (i = l1; i <= l2 && b.len < COPY_MAX; i++)
		copy_line(t, i, l2, &b);
	lines = l2 - l1 + 1;
	copy_keep(b.data != NULL ? b.data : "", b.len);
	ui_message(ngettext("copied %zu bytes (%u line)",
	    "copied %zu bytes (%u lines)", lines), b.len, lines);
	buf_free(&b);
	view_leave(t);
}

/* Paste the buffer into tab t as typed keys (a paste, if it asked). */
void
copy_paste(struct tab *t)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 k, off = 0;

	if (t == NULL)
		return;
	if (copy_buf == NULL || copy_len == 0) {
		ui_message("%s", _("the paste buffer is empty: copy in the"
		    " scrollback view first"));
		return;
	}
	if (t->flags & TAB_DEAD) {
		ui_message("%s", _("the tab has ended: nothing to paste"
		    " into"));
		return;
	}
	view_leave(t);
	memset(&ps, 0, sizeof ps);
	keys_send(t->term.vt, KEYS_PASTE_START, 0, 0);
	while (off < copy_len) {
		k = mbrtowc(&wc, copy_buf + off, copy_len - off, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = 0xfffd;
			k = 1;
		} else if (k == 0)
			k = 1;
		off += k;
		keys_send(t->term.vt, 0, wc == '\n' ? '\r' : (uint32_t)wc, 0);
	}
	keys_send(t->term.vt, KEYS_PASTE_END, 0, 0);
}

/* Whether a program's OSC 52 may do what it asks (bit 1 set, 2 read). */
static int
copy_allowed(struct tab *t, int what)
{
	int	access = t->prof != NULL ? t->prof->clip_remote : CLIP_WRITE;

	if ((access & what) == 0)
		return (0);
	if (t != tab_active && (t->prof == NULL || !t->prof->clip_hidden)) {
		ui_message(_("tab %u set the clipboard while hidden: refused"
		    " (ClipboardFromHiddenTabs)"), tab_index(t) + 1);
		return (0);
	}
	return (1);
}

/* Answer a program that asked for the clipboard: the paste buffer. */
static void
copy_answer(struct tab *t)
{
	char	*b64, *s;

	b64 = xmalloc(4 * ((copy_len + 2) / 3) + 1);
	base64_encode(b64, copy_buf != NULL ? copy_buf : "", copy_len);
	xasprintf(&s, "\033]52;c;%s\033\\", b64);
	tab_write(t, s, strlen(s));
	free(s);
	free(b64);
}

/*
 * A program's OSC 52, "52;Pc;Pd": Pd is base64 text for the clipboard,
 * or ? to read it. Anything but base64 is refused: the text reaches the
 * outer terminal only as tterm encodes it again.
 */
void
copy_from_program(struct tab *t, const char *s, size_t len)
{
	const char	*pd;
	u_char		*out;
	size_t		 n, pad = 0, i;
	int		 got;

	if (len < 3 || (pd = memchr(s + 3, ';', len - 3)) == NULL)
		return;
	pd++;
	n = len - (pd - s);
	if (n == 1 && *pd == '?') {
		if (copy_allowed(t, CLIP_READ))
			copy_answer(t);
		return;
	}
	if (n == 0 || n > COPY_MAX || n % 4 != 0 || !copy_allowed(t,
	    CLIP_WRITE))
		return;
	for (i = 0; i < n; i++) {
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789+/=", pd[i]) == NULL || pd[i] == '\0')
			return;
	}
	while (pad < 2 && pd[n - 1 - pad] == '=')
		pad++;
	out = xmalloc(n / 4 * 3 + 1);
	got = base64_decode(out, pd, n);
	if (got >= (int)pad)
		copy_keep((char *)out, got - pad);
	free(out);
}
