/*
 * view.c: the scrollback view of a tab. The tab's program keeps running and
 * its output keeps being parsed; the view stays on the same lines until the
 * user leaves it.
 */
#include "config.h"

#include <curses.h>

#include "tterm.h"

static void
view_changed(struct tab *t)
{
	grid_set_dirty(t->term.g, 0, t->term.g->rows);
	ui_redraw_bars = 1;
}

static u_int
view_max(struct tab *t)
{
	struct history	*h = t->term.primary.hist;

	return (h != NULL ? h->count : 0);
}

/* Enter the view, at the live screen. */
void
view_enter(struct tab *t)
{
	t->view = 1;
	t->view_off = 0;
	view_changed(t);
}

static void
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

/* A key in the view; returns 1 (the view takes every key). */
int
view_key(struct tab *t, int code, uint32_t ch)
{
	int	page = t->term.g->rows > 1 ? t->term.g->rows - 1 : 1;

	switch (code) {
	case KEY_UP:
		view_move(t, 1);
		return (1);
	case KEY_DOWN:
		view_move(t, -1);
		return (1);
	case KEY_PPAGE:
		view_move(t, page);
		return (1);
	case KEY_NPAGE:
		view_move(t, -page);
		return (1);
	case KEY_HOME:
		view_move(t, view_max(t));
		return (1);
	case KEY_END:
		view_move(t, -(int)view_max(t));
		return (1);
	case 0:
		break;
	default:
		return (1);
	}
	switch (ch) {
	case 'k':
		view_move(t, 1);
		break;
	case 'j':
		view_move(t, -1);
		break;
	case 'b':
	case 0x02:
		view_move(t, page);
		break;
	case ' ':
	case 'f':
	case 0x06:
		view_move(t, -page);
		break;
	case 'g':
		view_move(t, view_max(t));
		break;
	case 'G':
		view_move(t, -(int)view_max(t));
		break;
	case 'q':
	case 0x1b:
		t->view = 0;
		t->view_off = 0;
		view_changed(t);
		break;
	}
	return (1);
}

/* n lines went into the history: keep showing the same lines. */
void
view_pushed(struct tab *t, u_int n)
{
	if (t->view_off == 0)
		return;		/* following the live screen */
	view_move(t, n);
}
