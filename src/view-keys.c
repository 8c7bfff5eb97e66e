/*
 * view-keys.c: the keys of the scrollback view and copy mode, which are
 * tmux's vi keys and less's: arrows and h j k l move the cursor, PgUp,
 * PgDn, b, f, space, Ctrl+U/D page, g G Home End go to the ends, 0 ^ $
 * along the line, H M L on the screen; v, V and r (or Ctrl+V) select by
 * character, line or rectangle, y or Enter copies; / ? n N search; q
 * leaves, Esc clears a selection or leaves.
 */
#include "config.h"

#include <curses.h>

#include "tterm.h"
#include "view-int.h"

/* Move the cursor by rows (down is positive), and columns. */
static void
view_cursor_by(struct tab *t, int dy, int dx)
{
	long	i = (long)view_cursor_line(t) + dy, x = (long)t->vs->cx + dx;

	if (i < 0)
		i = 0;
	if (x < 0)
		x = 0;
	view_cursor_to(t, (u_int)i, (u_int)x);
}

/* Move the view and the cursor together by a page or part of one. */
static void
view_page(struct tab *t, int rows)
{
	long	i = (long)view_cursor_line(t) - rows;

	view_move(t, rows);
	view_cursor_to(t, i < 0 ? 0 : (u_int)i, t->vs->cx);
}

/* The cursor to a column of its line: 0, the first non-blank, the end. */
static void
view_cursor_col(struct tab *t, int where)
{
	struct grid		*g;
	u_int			 i = view_cursor_line(t), x = 0, used;
	const struct cell	*row = lines_get(&t->term, i, &g);

	used = lines_used(row, g->cols);
	if (where == '$')
		x = used > 0 ? used - 1 : 0;
	else if (where == '^') {
		while (x < used && (CELL_CH(&row[x]) == ' ' ||
		    CELL_CH(&row[x]) == 0))
			x++;
	}
	view_cursor_to(t, i, x);
}

/* Start, change or end a selection (mode 'v' or 'V'). */
static void
view_select(struct tab *t, int mode)
{
	struct view	*vs = t->vs;

	if (vs->sel == mode) {
		vs->sel = 0;
	} else {
		if (vs->sel == 0) {
			vs->sy = vs->cy;
			vs->sx = vs->cx;
		}
		vs->sel = mode;
	}
	view_changed(t);
}

/* A key of the copy mode's own (not the search's); 1 if it was one. */
static int
view_key_char(struct tab *t, uint32_t ch)
{
	int	rows = t->term.g->rows, page = rows > 1 ? rows - 1 : 1;

	switch (ch) {
	case 'k':
		view_cursor_by(t, -1, 0);
		break;
	case 'j':
		view_cursor_by(t, 1, 0);
		break;
	case 'h':
		view_cursor_by(t, 0, -1);
		break;
	case 'l':
		view_cursor_by(t, 0, 1);
		break;
	case 'b':
	case 0x02:
		view_page(t, page);
		break;
	case ' ':
	case 'f':
	case 0x06:
		view_page(t, -page);
		break;
	case 0x15:
		view_page(t, rows / 2);
		break;
	case 0x04:
		view_page(t, -(rows / 2));
		break;
	case 'g':
		view_cursor_to(t, 0, 0);
		break;
	case 'G':
		view_cursor_to(t, lines_count(&t->term) - 1, 0);
		break;
	case 'H':
		view_cursor_to(t, view_top(t), t->vs->cx);
		break;
	case 'M':
		view_cursor_to(t, view_top(t) + rows / 2, t->vs->cx);
		break;
	case 'L':
		view_cursor_to(t, view_top(t) + rows - 1, t->vs->cx);
		break;
	case '0':
	case '^':
	case '$':
		view_cursor_col(t, ch);
		break;
	case 'v':
	case 'V':
		view_select(t, ch);
		break;
	case 'r':
	case 0x16:
		t->vs->rect = !t->vs->rect;
		view_changed(t);
		break;
	case 'y':
	case '\r':
		copy_selection(t);
		break;
	case 'q':
		view_leave(t);
		break;
	case 0x1b:
		if (t->vs->sel != 0)
			view_select(t, t->vs->sel);
		else
			view_leave(t);
		break;
	default:
		return (0);
	}
	return (1);
}

/* A key in the view; returns 1 (the view takes every key). */
int
view_key(struct tab *t, int code, uint32_t ch)
{
	int	rows = t->term.g->rows, page = rows > 1 ? rows - 1 : 1;

	if (view_search_key(t, code, ch))
		return (1);
	switch (code) {
	case KEY_UP:
		view_cursor_by(t, -1, 0);
		break;
	case KEY_DOWN:
		view_cursor_by(t, 1, 0);
		break;
	case KEY_LEFT:
		view_cursor_by(t, 0, -1);
		break;
	case KEY_RIGHT:
		view_cursor_by(t, 0, 1);
		break;
	case KEY_PPAGE:
		view_page(t, page);
		break;
	case KEY_NPAGE:
		view_page(t, -page);
		break;
	case KEY_HOME:
		view_cursor_to(t, 0, 0);
		break;
	case KEY_END:
		view_cursor_to(t, lines_count(&t->term) - 1, 0);
		break;
	case KEY_ENTER:
		copy_selection(t);
		break;
	case 0:
		view_key_char(t, ch);
		break;
	}
	return (1);
}

