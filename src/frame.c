/*
 * frame.c: the top of the user interface. Reads the keys that wait and
 * hands them to cmd.c, follows the outer terminal's size, and ends each
 * loop pass with one frame: the visible tab, the bars, its question's
 * form and the overlay, then a single doupdate(). It is also where the
 * tabs' reports to the user interface land (struct tab_ui).
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "tterm.h"

static int	 frame_full = 1;	/* repaint everything next frame */
static int	 frame_cursor = -1;	/* the cursor's visibility now */

/* The visible tab rang its bell: as its profile says (Beep=). */
static void
frame_bell(struct tab *t)
{
	if (!ui_active)
		return;
	if (t->prof == NULL || t->prof->beep == 1)
		beep();
	else if (t->prof->beep == 2)
		flash();
}

/* A tab is going: its form and its view go with it. */
static void
frame_forget(struct tab *t)
{
	form_free(t->form);
	t->form = NULL;
	view_forget(t);
}

static const struct tab_ui frame_tabs = {
	.bell = frame_bell,
	.size = ui_size,
	.pushed = view_pushed,
	.forget = frame_forget,
	.clip = copy_from_program,
};

/* The user interface is up: the tabs report to it from now on. */
void
frame_start(void)
{
	static const struct macro_ui	macros = { ui_clipboard };

	tab_set_ui(&frame_tabs);
	macro_set_ui(&macros);
	frame_full = 1;
}

/* The user interface goes: overlays first, then the outer terminal. */
void
frame_end(void)
{
	overlay_close();
	ui_end();
}

/* The outer terminal changed size: lay out again, resize every tab. */
void
frame_resize(void)
{
	u_int	rows, cols;

	if (ui_layout(&rows, &cols) != 0)
		return;
	tab_resize_all(rows, cols);
	overlay_layout();
	if (tab_active != NULL)
		form_layout(form_tab(tab_active));
	frame_full = 1;
}

/* Read every key that is waiting and dispatch it. */
void
frame_keys(void)
{
	wint_t	wc, wc2;
	int	r, r2;

	tab_hold();
	while ((r = wget_wch(stdscr, &wc)) != ERR) {
		if (r == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;
		if (r == OK && wc == 0x1b) {
			/* Esc with a key right behind it is Alt+key. */
			r2 = wget_wch(stdscr, &wc2);
			if (r2 == OK && wc2 == '[' && mouse_read())
				continue;
			if (r2 == OK && wc2 != 0x1b)
				cmd_key(0, wc2, 1);
			else if (r2 == KEY_CODE_YES && wc2 != KEY_RESIZE)
				cmd_key(wc2, 0, 1);
			else {
				cmd_key(0, 0x1b, 0);
				if (r2 == OK)
					cmd_key(0, 0x1b, 0);
			}
			continue;
		}
		if (r == KEY_CODE_YES)
			cmd_key(wc, 0, 0);
		else
			cmd_key(0, wc, 0);
	}
	tab_release();
}

/*
 * Draw what changed: the visible tab's dirty rows, the bars if flagged, the
 * overlay on top, then one doupdate(). force repaints everything.
 */
void
frame_draw(int force)
{
	struct tab	*t = tab_active;
	void		*vtabs, *vmain, *vstatus;
	WINDOW		*wtabs, *wmain, *wstatus;
	int		 cursor;

	if (!ui_active)
		return;
	ui_mouse(mouse_mode());
	ui_windows(&vtabs, &vmain, &vstatus);
	wtabs = vtabs;
	wmain = vmain;
	wstatus = vstatus;
	if (force)
		frame_full = 1;
	if (t != NULL)
		draw_tab(t, wmain, frame_full);
	if (draw_bars_stale(1) || frame_full || ui_redraw_bars) {
		draw_tabbar(wtabs);
		draw_status(wstatus);
		wnoutrefresh(wtabs);
		wnoutrefresh(wstatus);
		ui_redraw_bars = 0;
	}
	if (frame_full)
		touchwin(wmain);
	/* The content goes last but for an overlay: the cursor is where the
	 * last window without leaveok put it. */
	wnoutrefresh(wmain);
	if (t != NULL && form_tab(t) != NULL)
		form_draw(t->form);
	overlay_draw();
	if (overlay_top != NULL)
		cursor = overlay_top->cursor;
	else if (t != NULL && form_tab(t) != NULL)
		cursor = form_has_fields(t->form);
	else
		cursor = (t != NULL && ((t->term.cursor_visible && !t->view &&
		    !(t->flags & TAB_DEAD)) || draw_view_cursor(t))) ? 1 : 0;
	if (cursor != frame_cursor) {
		curs_set(cursor);
		frame_cursor = cursor;
	}
	frame_full = 0;
	doupdate();
}
