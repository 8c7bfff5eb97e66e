/*
 * view.c: the scrollback view of a tab, which is also its copy mode (as
 * tmux's). The tab's program keeps running and its output keeps being
 * parsed; the view stays on the same lines until the user leaves it. This
 * file has the view's state: entering and leaving, where it is scrolled
 * to, its cursor over the history and the screen. Its keys are
 * view-keys.c's, searching view-search.c's, copying copy.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "view-int.h"

/* The view shows something else: repaint it and the bars. */
void
view_changed(struct tab *t)
{
	grid_set_dirty(t->term.g, 0, t->term.g->rows);
	ui_redraw_bars = 1;
}

static u_int
view_max(struct tab *t)
{
	return (lines_history(&t->term));
}

/*
 * How far up the view is, within the history now held: a taller screen
 * pulls lines back out of it, a smaller scrollback setting drops some
 * (the view's bottom line stays where it can).
 */
u_int
view_offset(struct tab *t)
{
	if (t->view_off > view_max(t))
		t->view_off = view_max(t);
	return (t->view_off);
}

/* The index of the line on the view's top row. */
u_int
view_top(struct tab *t)
{
	return (lines_history(&t->term) - view_offset(t));
}

/* The cursor's line index (clamped to what is held). */
u_int
view_cursor_line(struct tab *t)
{
	long	i = lines_index(&t->term, t->vs->cy);

	if (i < 0) {
		/* Its line went (the history was full): the oldest kept. */
		t->vs->cy = lines_id(&t->term, 0);
		i = 0;
	}
	return ((u_int)i);
}

/* Enter the view, at the live screen, its cursor where the tab's is. */
void
view_enter(struct tab *t)
{
	if (t->view)
		return;
	t->view = 1;
	t->view_off = 0;
	t->vs = xcalloc(1, sizeof *t->vs);
	t->vs->cy = lines_id(&t->term, lines_history(&t->term) +
	    (t->term.cy >= 0 ? (u_int)t->term.cy : 0));
	t->vs->cx = t->term.cx >= 0 ? (u_int)t->term.cx : 0;
	view_changed(t);
}

/* Leave the view: the live screen again, keys to the program. */
void
view_leave(struct tab *t)
{
	if (!t->view)
		return;
	search_free(t->vs->search);
	buf_free(&t->vs->input);
	free(t->vs);
	t->vs = NULL;
	t->view = 0;
	t->view_off = 0;
	view_changed(t);
}

/* Scroll the view by lines (up is positive); the cursor stays on it. */
void
view_move(struct tab *t, int by)
{
	long	off = (long)t->view_off + by;

	if (off < 0)
		off = 0;
	if (off > (long)view_max(t))
		off = view_max(t);
	t->view_off = off;
	view_changed(t);
}

/* Scroll so that line index i is shown. */
static void
view_show(struct tab *t, u_int i)
{
	u_int	top = view_top(t), rows = t->term.g->rows;

	if (i < top)
		view_move(t, (int)(top - i));
	else if (i >= top + rows)
		view_move(t, -(int)(i - (top + rows - 1)));
}

/* Put the cursor on line index i, column x, and show it. */
void
view_cursor_to(struct tab *t, u_int i, u_int x)
{
	u_int	n = lines_count(&t->term);

	if (i >= n)
		i = n - 1;
	if (x >= t->term.g->cols)
		x = t->term.g->cols - 1;
	t->vs->cy = lines_id(&t->term, i);
	t->vs->cx = x;
	view_show(t, i);
	view_changed(t);
}

/*
 * n lines went into the history: keep showing the same lines, unless the
 * view follows the live screen (at its bottom, nothing selected); then
 * the cursor stays on the same row of the screen.
 */
void
view_pushed(struct tab *t, u_int n)
{
	if (t->vs == NULL)
		return;
	if (t->view_off == 0 && t->vs->sel == 0) {
		t->vs->cy += n;
		view_changed(t);
		return;
	}
	view_move(t, n);
}

/* The tab goes: so does its view. */
void
view_forget(struct tab *t)
{
	view_leave(t);
}

/* Where the view's cursor is on the screen, or -1 if off it. */
int
view_cursor_row(struct tab *t, u_int *x)
{
	u_int	i = view_cursor_line(t), top = view_top(t);

	if (i < top || i >= top + t->term.g->rows)
		return (-1);
	*x = t->vs->cx;
	return ((int)(i - top));
}
