/*
 * mouse.c: the mouse, as the outer terminal reports it in SGR form
 * (ESC [ < b ; x ; y M or m, modes 1002/1003 and 1006, which ui.c asks
 * for). A click on the tab bar picks a tab; in a tab, a program that asked
 * for the mouse gets it (libvterm encodes it as the program asked, in the
 * tab's own coordinates); otherwise the wheel scrolls the scrollback (or
 * sends Up and Down in the alternate screen, as tmux), a drag selects and
 * copies, the middle button pastes.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "tterm.h"
#include "view-int.h"

#define MOUSE_SHIFT	4
#define MOUSE_META	8
#define MOUSE_CTRL	16
#define MOUSE_MOTION	32
#define MOUSE_WHEEL	64

static int	mouse_down = -1;	/* the button held, or -1 */
static u_int	mouse_y, mouse_x;	/* where it went down, in the tab */
static int	mouse_dragged;

/*
 * After ESC [ was read: the rest of an SGR mouse report, if one follows.
 * 0 if not one (the key after ESC [ is put back); 1 if it was taken.
 */
int
mouse_read(void)
{
	wint_t	wc;
	int	r, v[3] = { 0, 0, 0 }, i = 0;

	r = wget_wch(stdscr, &wc);
	if (r != OK || wc != '<') {
		if (r != ERR)
			unget_wch(wc);
		return (0);
	}
	for (;;) {
		if ((r = wget_wch(stdscr, &wc)) != OK)
			return (1);	/* cut short: dropped */
		if (wc >= '0' && wc <= '9' && v[i] < 100000)
			v[i] = v[i] * 10 + (wc - '0');
		else if (wc == ';' && i < 2)
			i++;
		else if ((wc == 'M' || wc == 'm') && i == 2)
			break;
		else
			return (1);
	}
	if (v[1] > 0 && v[2] > 0)
		mouse_event(v[0], v[1] - 1, v[2] - 1, wc == 'M');
	return (1);
}

/* The modifiers of a report as libvterm's. */
static VTermModifier
mouse_mod(int b)
{
	VTermModifier	mod = VTERM_MOD_NONE;

	if (b & MOUSE_SHIFT)
		mod |= VTERM_MOD_SHIFT;
	if (b & MOUSE_META)
		mod |= VTERM_MOD_ALT;
	if (b & MOUSE_CTRL)
		mod |= VTERM_MOD_CTRL;
	return (mod);
}

/* Whether the tab's program takes the mouse (and the profile lets it). */
static int
mouse_to_program(struct tab *t, int b)
{
	if (t->term.mouse == VTERM_PROP_MOUSE_NONE || t->view)
		return (0);
	if (t->prof != NULL && !t->prof->mouse_tracking)
		return (0);
	return (!(b & MOUSE_SHIFT));	/* Shift keeps it for tterm */
}

/* A report for the tab's program, in the tab's coordinates. */
static void
mouse_program(struct tab *t, int b, u_int y, u_int x, int press)
{
	VTerm	*vt = t->term.vt;
	int	 button = b & 3;

	vterm_mouse_move(vt, y, x, mouse_mod(b));
	if (b & MOUSE_WHEEL) {
		if (press)
			vterm_mouse_button(vt, button == 0 ? 4 : 5, 1,
			    mouse_mod(b));
		return;
	}
	if (b & MOUSE_MOTION)
		return;
	if (button < 3)
		vterm_mouse_button(vt, button + 1, press, mouse_mod(b));
}

/* The wheel outside a program's mouse: scroll, or arrows. */
static void
mouse_wheel(struct tab *t, int up)
{
	int	n = t->prof != NULL && t->prof->wheel_lines > 0 ?
		    t->prof->wheel_lines : 3, i;

	if (!t->view && t->term.altscreen) {
		if (t->prof != NULL && !t->prof->wheel_cursor)
			return;
		for (i = 0; i < n; i++)
			keys_send(t->term.vt, up ? KEY_UP : KEY_DOWN, 0, 0);
		return;
	}
	if (!t->view) {
		if (!up)
			return;
		view_enter(t);
	}
	view_move(t, up ? n : -n);
	if (view_cursor_row(t, &(u_int){ 0 }) < 0)
		view_cursor_to(t, up ? view_top(t) : view_top(t) +
		    t->term.g->rows - 1, t->vs->cx);
}

/* The left button in a tab: a drag selects, its release copies. */
static void
mouse_select(struct tab *t, int b, u_int y, u_int x, int press)
{
	if (press && !(b & MOUSE_MOTION)) {
		mouse_down = 0;
		mouse_y = y;
		mouse_x = x;
		mouse_dragged = 0;
		if (t->view) {
			t->vs->sel = 0;
			view_cursor_to(t, view_top(t) + y, x);
		}
		return;
	}
	if (mouse_down != 0)
		return;
	if (b & MOUSE_MOTION) {
		if (!t->view) {
			view_enter(t);
			t->vs->mouse = 1;
		}
		if (!mouse_dragged) {
			mouse_dragged = 1;
			view_cursor_to(t, view_top(t) + mouse_y, mouse_x);
			t->vs->sel = 'v';
			t->vs->sy = t->vs->cy;
			t->vs->sx = t->vs->cx;
		}
		view_cursor_to(t, view_top(t) + y, x);
		return;
	}
	mouse_down = -1;	/* released */
	if (mouse_dragged && t->view)
		copy_selection(t);
	mouse_dragged = 0;
}

/* A mouse report at screen (x, y), both from 0. */
void
mouse_event(int b, u_int x, u_int y, int press)
{
	struct tab	*t = tab_active;
	u_int		 rows;

	if (overlay_top != NULL || cmd_prefix_pending() || t == NULL)
		return;
	if (y == 0) {
		if (press && (b & ~(MOUSE_SHIFT | MOUSE_META |
		    MOUSE_CTRL)) == 0 && (t = draw_tabbar_at(x)) != NULL)
			tab_select(t);
		return;
	}
	rows = t->term.g->rows;
	if (y > rows || form_tab(t) != NULL)
		return;		/* the status bar, or a form is up */
	y--;
	if (x < tab_margin(t))
		return;		/* on the time stamps */
	x -= tab_margin(t);
	if (x >= t->term.g->cols)
		x = t->term.g->cols - 1;
	if (mouse_to_program(t, b)) {
		mouse_program(t, b, y, x, press);
		return;
	}
	if (b & MOUSE_WHEEL) {
		if (press)
			mouse_wheel(t, (b & 3) == 0);
		return;
	}
	switch (b & 3) {
	case 0:
		mouse_select(t, b, y, x, press);
		break;
	case 1:
		if (press && !(b & MOUSE_MOTION))
			copy_paste(t);
		break;
	}
}

/* The mouse mode the outer terminal should report in: see ui_mouse(). */
int
mouse_mode(void)
{
	struct tab	*t = tab_active;

	if (!opts.mouse)
		return (0);
	if (t != NULL && t->term.mouse == VTERM_PROP_MOUSE_MOVE &&
	    (t->prof == NULL || t->prof->mouse_tracking))
		return (2);
	return (1);
}
