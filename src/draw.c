/*
 * draw.c: paint a tab's dirty rows, the tab bar and the status bar into
 * curses windows. Nothing here calls doupdate(): frame_draw() does that once
 * per loop pass.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "tterm.h"
#include "view-int.h"

/* A small direct-mapped cache in front of ncurses' alloc_pair(). */
#define DRAW_PAIR_CACHE 256
static struct {
	int	fg, bg, pair;
} draw_pairs[DRAW_PAIR_CACHE];
static int	 draw_pairs_valid;
static uint8_t	*draw_marks;	/* a row's marks in the view */
static u_int	 draw_marks_cols;

/* Where each tab's label is on the tab bar, for the mouse. */
#define DRAW_HITS	256
static struct {
	int		 x0, x1;
	struct tab	*t;
} draw_hits[DRAW_HITS];
static u_int	 draw_nhits;

void
draw_reset_cache(void)
{
	draw_pairs_valid = 0;
	memset(draw_pairs, 0, sizeof draw_pairs);
}

/* The colour pair for curses colours fg and bg (-1 is the default). */
int
draw_pair(int fg, int bg)
{
	u_int	h = ((u_int)fg * 31u + (u_int)bg * 17u) % DRAW_PAIR_CACHE;
	int	pair;

	if (fg == -1 && bg == -1)
		return (0);
	if (!draw_pairs_valid) {
		memset(draw_pairs, 0, sizeof draw_pairs);
		draw_pairs_valid = 1;
	}
	if (draw_pairs[h].pair > 0 && draw_pairs[h].fg == fg &&
	    draw_pairs[h].bg == bg)
		return (draw_pairs[h].pair);
	pair = alloc_pair(fg, bg);
	if (pair < 0)
		return (0);
	draw_pairs[h].fg = fg;
	draw_pairs[h].bg = bg;
	draw_pairs[h].pair = pair;
	return (pair);
}

/* The curses attributes and pair of a cell. */
static attr_t
draw_attrs(const struct cell *c, int reverse, const struct palette *pal,
    int *pair)
{
	u_int		a = CELL_ATTR(c);
	attr_t		at = A_NORMAL;
	int		fg, bg;
	uint32_t	cf = c->fg, cb = c->bg;

	if (a & ATTR_BOLD)
		at |= A_BOLD;
	if (a & (ATTR_UNDERLINE | ATTR_DUNDERLINE))
		at |= A_UNDERLINE;
	if (a & ATTR_ITALIC)
		at |= A_ITALIC;
	if (a & ATTR_BLINK)
		at |= A_BLINK;
	if (((a & ATTR_REVERSE) != 0) != (reverse != 0))
		at |= A_REVERSE;
	if (pal != NULL) {
		cf = palette_apply(pal, cf, 0, (a & ATTR_BOLD) != 0);
		cb = palette_apply(pal, cb, 1, 0);
	}
	fg = colour_map(cf, ui_colors, ui_direct);
	bg = colour_map(cb, ui_colors, ui_direct);
	*pair = draw_pair(fg, bg);
	return (at);
}

/*
 * A cell marked in the view: selected text reversed, matches of the
 * search in the theme's alert colours (the cursor's match bold too).
 */
static void
draw_mark(uint8_t mark, attr_t *at, int *pair)
{
	if (mark & VIEW_MARK_SELECTED)
		*at ^= A_REVERSE;
	else if (mark & (VIEW_MARK_MATCH | VIEW_MARK_CURRENT)) {
		*pair = draw_pair(theme.alert_fg, theme.alert_bg);
		*at &= ~A_REVERSE;
		if (mark & VIEW_MARK_CURRENT)
			*at |= A_BOLD | A_UNDERLINE;
		if (*pair == 0)
			*at |= A_REVERSE;
	}
}

/*
 * The characters of cell x of a row as they are drawn; *want is the
 * columns they take, 2 for a wide character whose second half follows.
 * A character the outer terminal would give another width is replaced,
 * rather than shift the row.
 */
static size_t
draw_cell_chars(struct grid *g, const struct cell *row, u_int x, u_int cols,
    uint32_t *chars, int *want)
{
	u_int	a = CELL_ATTR(&row[x]);
	size_t	n;
	int	width;

	n = cell_chars(g, &row[x], chars, COMBO_CHARS);
	*want = 1;
	if (a & ATTR_WIDE) {
		if (x + 1 < cols && (CELL_ATTR(&row[x + 1]) & ATTR_WIDECONT))
			*want = 2;
		else
			chars[0] = ' ', n = 1;
	} else if (a & ATTR_WIDECONT)
		chars[0] = ' ', n = 1;
	if (chars[0] == 0)
		chars[0] = ' ';
	/* Printable ASCII is one column in every locale. */
	width = chars[0] >= 0x20 && chars[0] < 0x7f ? 1 : wcwidth(chars[0]);
	if (width != *want) {
		chars[0] = (*want == 2) ? 0x3013 : 0xfffd;
		if (wcwidth(chars[0]) != *want)
			chars[0] = '?';
		n = 1;
		if (wcwidth(chars[0]) != *want)
			*want = 1;
	}
	return (n);
}

/*
 * Paint one row of cells at window row y, from column x0 (marks: the
 * view's, or NULL). The row goes to curses whole, in one call: a call per
 * cell cost as much as the rest of the first frame. Cells with the same
 * attributes and colours as the one before are mapped once, and the same
 * character again (a run of blanks) is copied.
 */
static void
draw_row(WINDOW *w, int y, u_int x0, struct grid *g, const struct cell *row,
    u_int cols, int reverse, const struct palette *pal, const uint8_t *marks)
{
	static cchar_t		*out;
	static u_int		 outsize;
	const struct cell	*c;
	wchar_t			 wch[COMBO_CHARS + 1];
	const struct cell	*run = NULL;	/* what run_at is for */
	uint32_t		 chars[COMBO_CHARS], last = 0;
	attr_t			 at, run_at = A_NORMAL, last_at = A_NORMAL;
	u_int			 x, i, nout = 0;
	size_t			 n;
	int			 pair, run_pair = 0, last_pair = 0, want;

	if (outsize < cols) {
		free(out);
		outsize = cols;
		out = xreallocarray(NULL, outsize, sizeof *out);
	}
	for (x = 0; x < cols; x++) {
		c = &row[x];
		if (run == NULL || CELL_ATTR(c) != CELL_ATTR(run) ||
		    c->fg != run->fg || c->bg != run->bg) {
			run_at = draw_attrs(c, reverse, pal, &run_pair);
			run = c;
		}
		at = run_at;
		pair = run_pair;
		if (marks != NULL && marks[x] != 0)
			draw_mark(marks[x], &at, &pair);
		n = draw_cell_chars(g, row, x, cols, chars, &want);
		if (nout > 0 && n == 1 && chars[0] == last && at == last_at &&
		    pair == last_pair)
			out[nout] = out[nout - 1];
		else {
			for (i = 0; i < n; i++)
				wch[i] = chars[i];
			wch[n] = L'\0';
			setcchar(&out[nout], wch, at, 0, &pair);
			last = n == 1 ? chars[0] : 0;
			last_at = at;
			last_pair = pair;
		}
		nout++;
		if (want == 2)
			x++;	/* its second half: one entry, two columns */
	}
	if (nout > 0)
		mvwadd_wchnstr(w, y, x0, out, nout);
}

/*
 * A line's time stamp in the margin at window row y, as the session log
 * writes them ("[HH:MM:SS] ", local time unless the profile's
 * LogTimestampType is UTC); blank for a line that has none.
 */
static void
draw_stamp(WINDOW *w, int y, uint32_t stamp, int utc)
{
	static uint32_t	 last;
	static int	 last_utc;
	static char	 text[TAB_STAMP_COLS + 1];
	time_t		 tt = stamp;
	struct tm	 tm;

	if (stamp == 0) {
		mvwprintw(w, y, 0, "%*s", TAB_STAMP_COLS, "");
		return;
	}
	if (stamp != last || utc != last_utc || text[0] == '\0') {
		if (utc)
			gmtime_r(&tt, &tm);
		else
			localtime_r(&tt, &tm);
		snprintf(text, sizeof text, "[%02d:%02d:%02d] ", tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
		last = stamp;
		last_utc = utc;
	}
	wattr_set(w, A_DIM, 0, NULL);
	mvwaddstr(w, y, 0, text);
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* The view's marks for its row r (selection, matches), or NULL. */
static const uint8_t *
draw_view_marks(struct tab *t, u_int r, u_int cols)
{
	u_int	i = view_top(t) + r, a, b, x;

	if (draw_marks_cols < cols) {
		free(draw_marks);
		draw_marks_cols = cols;
		draw_marks = xmalloc(cols);
	}
	memset(draw_marks, 0, cols);
	view_search_marks(t, i, draw_marks, cols);
	if (copy_selected(t, i, cols, &a, &b)) {
		for (x = a; x < b; x++)
			draw_marks[x] |= VIEW_MARK_SELECTED;
	}
	return (draw_marks);
}

/*
 * Paint row r of a tab from column m (after its time stamp, if shown): in
 * the view, a line of the history or of the screen, with its marks.
 */
static void
draw_tab_row(WINDOW *w, struct tab *t, u_int r, u_int m, u_int cols)
{
	struct grid		*g = t->term.g;
	const struct cell	*row;
	const uint8_t		*marks = NULL;
	u_int			 i = r;

	if (t->view) {
		/* The marks first: finding matches decodes lines too. */
		marks = draw_view_marks(t, r, t->term.g->cols);
		i = view_top(t) + r;
	} else
		i = lines_history(&t->term) + r;
	if (m > 0)
		draw_stamp(w, r, lines_stamp(&t->term, i), t->prof != NULL &&
		    t->prof->log_ts_type == 1);
	row = t->view ? lines_get(&t->term, i, &g) : grid_row(g, r);
	draw_row(w, r, m, g, row, cols, t->term.reverse, t->pal != NULL ?
	    t->pal : theme_palette, marks);
}

/* Whether the view shows its cursor (not while its prompt is up). */
int
draw_view_cursor(struct tab *t)
{
	u_int	x;

	return (t->view && t->vs != NULL && !t->vs->prompt &&
	    view_cursor_row(t, &x) >= 0);
}

/* Paint the dirty rows of a tab (all rows if full) and place the cursor. */
void
draw_tab(struct tab *t, void *win, int full)
{
	WINDOW		*w = win;
	struct grid	*g = t->term.g;
	u_int		 r, rows = g->rows, vx, m = tab_margin(t), cols;
	int		 wrows, wcols, vr;

	getmaxyx(w, wrows, wcols);
	if ((u_int)wrows < rows)
		rows = wrows;
	if ((u_int)wcols <= m)
		m = 0;		/* no room: the screen goes first */
	cols = g->cols < (u_int)wcols - m ? g->cols : (u_int)wcols - m;
	if (t->view && g->any_dirty)
		full = 1;
	if (full || g->any_dirty) {
		for (r = 0; r < rows; r++) {
			if (!full && !g->dirty[r])
				continue;
			draw_tab_row(w, t, r, m, cols);
		}
		grid_clean(g);
	}
	if (t->view && (vr = view_cursor_row(t, &vx)) >= 0 && vr < wrows &&
	    vx + m < (u_int)wcols)
		wmove(w, vr, vx + m);
	else if (t->term.cy < wrows && t->term.cx + m < (u_int)wcols)
		wmove(w, t->term.cy, t->term.cx + m);
	t->term.moved = 0;
}

/*
 * Format a tab's label; return its width. After the number: * the
 * visible tab, @ one marked for broadcast, ! a bell, + new output
 * (both since it was last shown).
 */
static int
draw_label(const struct tab *t, u_int n, char *label, size_t len)
{
	char	title[24 * 4 + 1];

	text_cut_middle(tab_title(t), 24, title, sizeof title);
	snprintf(label, len, " %u%s%s%s%s:%s%s ", n + 1,
	    t == tab_active ? "*" : "", broadcast_in_set(t) ? "@" : "",
	    (t->flags & TAB_BELL) ? "!" : "",
	    (t->flags & TAB_ACTIVITY) ? "+" : "",
	    title, (t->flags & TAB_DEAD) ? _(" [exited]") : "");
	return (text_width(label));
}

/* What the status bar says of tab t: how it ended, or its transport. */
static void
draw_state(struct tab *t, char *buf, size_t len)
{
	char	*m;
	int	 n;

	/* A macro says what it waits for first: the user may be asked. */
	if ((m = macro_status(t)) != NULL) {
		n = snprintf(buf, len, _("MACRO %s | "), m);
		free(m);
		if (n > 0 && (size_t)n < len) {
			buf += n;
			len -= n;
		}
	}
	if (t->xfer != NULL)
		snprintf(buf, len, "%s", xfer_status(t->xfer));
	else if (t->recvfile != NULL)
		snprintf(buf, len, "%s", recvfile_status(t->recvfile));
	else if (tab_sftp_status(t, buf, len))
		;
	else if (t->flags & TAB_DEAD)
		tab_exit_text(t, buf, len);
	else if (t->tr.ops->status != NULL)
		snprintf(buf, len, "%s", t->tr.ops->status(&t->tr));
	else
		snprintf(buf, len, "%s: %s", t->tr.ops->name, t->cmd);
}

/*
 * What the bars would show, as text: every tab's label, then what the
 * status bar says of the visible tab. The UI compares it with what it
 * drew last, once a pass, so no lower layer has to say when a tab's
 * status changed (a transport's phase, a lost keepalive, an exit).
 */
static void
draw_bars_key(struct buf *b)
{
	struct tab	*t;
	char		 label[512];
	u_int		 n = 0;

	for (t = tab_at(0); t != NULL; t = t->next) {
		draw_label(t, n++, label, sizeof label);
		buf_printf(b, "%s|", label);
	}
	if ((t = tab_active) == NULL)
		return;
	if (view_search_status(t, label, sizeof label))
		buf_printf(b, "%s|", label);
	draw_state(t, label, sizeof label);
	buf_printf(b, "%s|%ux%u|%d|%u|%d|%d|%d:%u|%s", label, t->term.g->cols,
	    t->term.g->rows, t->view, view_offset(t), t->flags & TAB_XOFF,
	    cmd_prefix_pending(), broadcast_on(), broadcast_count(),
	    ui_message_text() != NULL ? ui_message_text() : "");
}

/*
 * Whether the bars show something else than they would now; with update,
 * take the present text as drawn.
 */
int
draw_bars_stale(int update)
{
	static struct buf	 drawn, now;	/* kept: no allocation a pass */
	struct buf		 swap;
	int			 stale;

	now.len = 0;
	draw_bars_key(&now);
	stale = drawn.data == NULL || now.len != drawn.len ||
	    memcmp(now.data, drawn.data, now.len) != 0;
	if (update) {
		swap = drawn;
		drawn = now;
		now = swap;
	}
	return (stale);
}

/* Note that columns [x0, x1) of the tab bar stand for tab t. */
static void
draw_hit(int x0, int x1, struct tab *t)
{
	if (draw_nhits == DRAW_HITS || t == NULL)
		return;
	draw_hits[draw_nhits].x0 = x0;
	draw_hits[draw_nhits].x1 = x1;
	draw_hits[draw_nhits].t = t;
	draw_nhits++;
}

/* The tab whose label is at column x of the tab bar, or NULL. */
struct tab *
draw_tabbar_at(int x)
{
	u_int	i;

	for (i = 0; i < draw_nhits; i++) {
		if (x >= draw_hits[i].x0 && x < draw_hits[i].x1)
			return (draw_hits[i].t);
	}
	return (NULL);
}

/*
 * Whether the bar shows the active tab when it starts at tab first: w[i]
 * is tab i's label's width, with "|" between labels, and "<" and ">"
 * where tabs are hidden.
 */
static int
draw_bar_fits(const int *w, u_int n, u_int first, u_int active, int cols)
{
	u_int	i;
	int	x = first > 0 ? 1 : 0;

	for (i = first; i < active; i++)
		x += w[i] + 1;
	return (x + w[active] + (active + 1 < n ? 1 : 0) <= cols);
}

/*
 * The first tab the bar shows: the first of all if the active one fits
 * so; else the one it showed last while the active tab fits after it
 * (the bar does not move for nothing); else the active tab at the left
 * edge when it went left of it, or as far right as it goes.
 */
static u_int
draw_bar_first(const int *w, u_int n, u_int active, int cols)
{
	static u_int	 last;
	u_int		 first;

	if (draw_bar_fits(w, n, 0, active, cols))
		first = 0;
	else if (last > active)
		first = active;
	else {
		for (first = last; first < active; first++) {
			if (draw_bar_fits(w, n, first, active, cols))
				break;
		}
	}
	last = first;
	return (first);
}

/* The tab bar: number and title of each tab, the active one marked. */
void
draw_tabbar(void *win)
{
	static int	*widths;
	static u_int	 nwidths;
	WINDOW		*w = win;
	struct tab	*t;
	char		 label[160];
	int		 cols, x, pair, npair, apair, more, width;
	u_int		 n = tab_count(), i, first, active = tab_index(tab_active);

	cols = getmaxx(w);
	pair = draw_pair(theme.tab_fg, theme.tab_bg);
	npair = draw_pair(theme.active_fg, theme.active_bg);
	apair = draw_pair(theme.alert_fg, theme.alert_bg);
	wbkgdset(w, ' ' | COLOR_PAIR(0));
	wattr_set(w, A_NORMAL, pair, NULL);
	wmove(w, 0, 0);
	for (x = 0; x < cols; x++)
		waddch(w, ' ');
	if (n == 0)
		return;
	if (n > nwidths) {
		nwidths = n * 2;
		widths = xreallocarray(widths, nwidths, sizeof *widths);
	}
	for (t = tabs, i = 0; t != NULL; t = t->next, i++)
		widths[i] = draw_label(t, i, label, sizeof label);
	if (active >= n)
		active = 0;
	first = draw_bar_first(widths, n, active, cols);

	wmove(w, 0, 0);
	x = 0;
	draw_nhits = 0;
	if (first > 0) {
		draw_hit(0, 1, tab_at(first - 1));
		x += ui_text(w, "<", cols);
	}
	for (t = tab_at(first), i = first; t != NULL && x < cols;
	    t = t->next, i++) {
		/* Room for the ">" of tabs beyond the right edge. */
		more = t->next != NULL ? 1 : 0;
		if (i != active && x + widths[i] + more > cols)
			break;
		draw_label(t, i, label, sizeof label);
		if (t == tab_active)
			wattr_set(w, A_BOLD, npair, NULL);
		else if (broadcast_on() && broadcast_target(t))
			wattr_set(w, A_BOLD, apair, NULL);
		else
			wattr_set(w, A_NORMAL, pair, NULL);
		width = ui_text(w, label, cols - x - (i == active ? more : 0));
		draw_hit(x, x + width, t);
		x += width;
		wattr_set(w, A_NORMAL, pair, NULL);
		if (x < cols && t->next != NULL)
			x += ui_text(w, "|", cols - x);
	}
	if (t != NULL) {
		wmove(w, 0, cols - 1);
		ui_text(w, ">", 1);
		draw_hit(cols - 1, cols, t);
	}
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* The status bar: the active tab's state, its size, XON/XOFF, help. */
void
draw_status(void *win)
{
	WINDOW		*w = win;
	struct tab	*t = tab_active;
	struct history	*h;
	char		 left[640], right[96], state[512], cut[128];
	int		 cols, x, pair, apair, room;
	u_int		 n;

	cols = getmaxx(w);
	pair = draw_pair(theme.status_fg, theme.status_bg);
	apair = draw_pair(theme.alert_fg, theme.alert_bg);
	wattr_set(w, A_NORMAL, pair, NULL);
	wmove(w, 0, 0);
	for (x = 0; x < cols; x++)
		waddch(w, ' ');
	wmove(w, 0, 0);
	if (t == NULL)
		return;

	draw_state(t, state, sizeof state);
	/* A message needs the room more than a long command line does. */
	if ((t->view || (t->flags & TAB_XOFF) || ui_message_text() != NULL ||
	    broadcast_on()) && text_width(state) > 24) {
		text_cut(state, 21, cut, sizeof cut);
		snprintf(state, sizeof state, "%s...", cut);
	}
	if (t->view)	/* the view's line needs the room */
		snprintf(left, sizeof left, " [%u]", tab_index(t) + 1);
	else
		snprintf(left, sizeof left, " [%u] %s | %ux%u ",
		    tab_index(t) + 1, state, t->term.g->cols,
		    t->term.g->rows);
	if (cmd_prefix_pending())
		snprintf(right, sizeof right, "%s", _(" prefix: key? (? lists) "));
	else
		snprintf(right, sizeof right, _(" %s ? help "),
		    keys_prefix_name(opts.prefix));

	/* Keep room for the help hint on the right. */
	room = cols - text_width(right);
	x = ui_text(w, left, room > 20 ? room : cols);
	if (broadcast_on()) {
		/* Before anything else: every key goes to other tabs. */
		n = broadcast_count();
		if (broadcast_target(t))
			snprintf(state, sizeof state, ngettext(" BROADCAST to"
			    " %u tab ", " BROADCAST to %u tabs ", n), n);
		else
			snprintf(state, sizeof state, ngettext(" BROADCAST to"
			    " %u tab, not this one ", " BROADCAST to %u tabs,"
			    " not this one ", n), n);
		wattr_set(w, A_BOLD, apair, NULL);
		x += ui_text(w, state, cols - x);
		wattr_set(w, A_NORMAL, pair, NULL);
		x += ui_text(w, " ", cols - x);
	}
	if (t->view && (h = t->term.primary.hist) != NULL) {
		snprintf(state, sizeof state, _(" SCROLLBACK %u/%u"),
		    view_offset(t), h->count);
		wattr_set(w, A_BOLD, apair, NULL);
		x += ui_text(w, state, cols - x);
		if (t->vs != NULL && t->vs->prompt)
			view_search_status(t, state, sizeof state);
		else if (ui_message_text() != NULL)
			snprintf(state, sizeof state, ": %s ",
			    ui_message_text());
		else if (!view_search_status(t, state, sizeof state))
			snprintf(state, sizeof state, "%s", t->vs != NULL &&
			    t->vs->sel ? _(": y copies, Esc clears ") :
			    _(": v select, / ? search, q leaves "));
		x += ui_text(w, state, cols - x);
	} else if (t->flags & TAB_XOFF) {
		wattr_set(w, A_BOLD, apair, NULL);
		x += ui_text(w, _(" OUTPUT PAUSED: you pressed Ctrl+S;"
		    " Ctrl+Q resumes "), cols - x);
	} else if (ui_message_text() != NULL) {
		wattr_set(w, A_BOLD, pair, NULL);
		x += ui_text(w, ui_message_text(), cols - x);
	}
	wattr_set(w, A_NORMAL, pair, NULL);
	if (x + text_width(right) <= cols) {
		wmove(w, 0, cols - text_width(right));
		ui_text(w, right, text_width(right));
	}
	wattr_set(w, A_NORMAL, 0, NULL);
}
