/*
 * ui.c: the outer terminal. Sets curses up and down, lays out the tab bar,
 * the content window and the status bar, reads keys, and ends each loop pass
 * with at most one doupdate().
 */
#include "config.h"

#include <sys/ioctl.h>

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"

int		 ui_active;
int		 ui_colors;
int		 ui_direct;
int		 ui_redraw_bars = 1;

static WINDOW	*ui_wtabs, *ui_wmain, *ui_wstatus;
static int	 ui_full = 1;
static int	 ui_cursor = -1;
static char	 ui_msg[160];
static struct timespec ui_msg_time;

/*
 * The form that shows tab t's question (tab.c keeps questions as data):
 * made when first needed, so that a hidden tab's question costs no
 * window, and dropped once the question is answered or moot.
 */
struct form *
ui_form(struct tab *t)
{
	if (t->form != NULL && t->form_gen != t->qgen) {
		form_free(t->form);
		t->form = NULL;
	}
	if (t->form == NULL && t->question != NULL) {
		t->form = form_from_question(t->question);
		t->form_gen = t->qgen;
	}
	return (t->form);
}

/* The visible tab rang its bell: as its profile says (Beep=). */
static void
ui_bell(struct tab *t)
{
	if (!ui_active)
		return;
	if (t->prof == NULL || t->prof->beep == 1)
		beep();
	else if (t->prof->beep == 2)
		flash();
}

/* A tab is going: its form goes with it. */
static void
ui_forget(struct tab *t)
{
	form_free(t->form);
	t->form = NULL;
}

static const struct tab_ui ui_tabs = {
	.bell = ui_bell,
	.size = ui_size,
	.pushed = view_pushed,
	.forget = ui_forget,
};

/* Start curses and create the three windows. */
void
ui_start(void)
{
	const char	*s;
	struct termios	 tio;
	int		 have_tio;

	if ((s = getenv("ESCDELAY")) == NULL || *s == '\0')
		setenv("ESCDELAY", "25", 1);	/* a lone Esc must be quick */
	have_tio = tcgetattr(STDIN_FILENO, &tio) == 0;
	if (initscr() == NULL)
		fatal("cannot initialise the terminal");
	ui_active = 1;
	ui_crash_arm(have_tio ? &tio : NULL);
	log_fatal_hook(ui_end);
	tab_set_ui(&ui_tabs);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	if (has_colors()) {
		start_color();
		use_default_colors();
		ui_colors = COLORS;
		ui_direct = tigetflag("RGB") > 0 || COLORS >= 0x1000000;
	}
	refresh();	/* stdscr is never drawn on again: only read from */

	ui_wtabs = newwin(1, COLS, 0, 0);
	ui_wmain = newwin(LINES > 2 ? LINES - 2 : 1, COLS, LINES > 2 ? 1 : 0, 0);
	ui_wstatus = newwin(1, COLS, LINES > 1 ? LINES - 1 : 0, 0);
	if (ui_wtabs == NULL || ui_wmain == NULL || ui_wstatus == NULL)
		fatal("cannot create windows");
	leaveok(ui_wtabs, TRUE);
	leaveok(ui_wstatus, TRUE);
	keys_init();
	/* Ask for bracketed paste, so pastes reach the program as pastes. */
	putp("\033[?2004h");
	fflush(stdout);
	ui_full = 1;
}

/* Put the outer terminal back as it was. */
void
ui_end(void)
{
	if (!ui_active)
		return;
	ui_active = 0;
	ui_crash_disarm();
	overlay_close();
	putp("\033[?2004l");
	curs_set(1);
	delwin(ui_wtabs);
	delwin(ui_wmain);
	delwin(ui_wstatus);
	endwin();
	fflush(stdout);
}

void *
ui_main_window(void)
{
	return (ui_wmain);
}

/* The size of the content area, for tabs. */
void
ui_size(u_int *rows, u_int *cols)
{
	int	r = ui_active ? LINES - 2 : 24, c = ui_active ? COLS : 80;

	*rows = r > 0 ? r : 1;
	*cols = c >= TERM_MIN_COLS ? c : TERM_MIN_COLS;
}

/* The outer terminal changed size: lay out again, resize every tab. */
void
ui_resize(void)
{
	struct winsize	ws;
	u_int		rows, cols;

	if (!ui_active)
		return;
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	/* Keys are read from stdscr: reading from a touched window refreshes
	 * it first, which would blank the screen. */
	untouchwin(stdscr);
	ui_size(&rows, &cols);
	wresize(ui_wtabs, 1, COLS);
	wresize(ui_wmain, rows, cols);
	mvwin(ui_wmain, LINES > 2 ? 1 : 0, 0);
	wresize(ui_wstatus, 1, COLS);
	mvwin(ui_wstatus, LINES > 1 ? LINES - 1 : 0, 0);
	tab_resize_all(rows, cols);
	overlay_layout();
	if (tab_active != NULL)
		form_layout(ui_form(tab_active));
	clearok(curscr, TRUE);
	ui_full = 1;
	log_debug("%s: %ux%u (LINES %d COLS %d)", __func__, cols, rows, LINES,
	    COLS);
}

/* Show a short message in the status bar for a few seconds. */
void
ui_message(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(ui_msg, sizeof ui_msg, fmt, ap);
	va_end(ap);
	clock_gettime(CLOCK_MONOTONIC, &ui_msg_time);
	ui_redraw_bars = 1;
}

/* Seconds until the message goes (the bar is redrawn then), or -1. */
double
ui_message_wait(void)
{
	struct timespec	now;
	double		left;

	if (ui_msg[0] == '\0')
		return (-1);
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = ui_msg_time.tv_sec + 5 - (now.tv_sec + now.tv_nsec / 1e9);
	if (left <= 0) {
		ui_msg[0] = '\0';
		ui_redraw_bars = 1;
		return (0);
	}
	return (left);
}

const char *
ui_message_text(void)
{
	struct timespec	now;

	if (ui_msg[0] == '\0')
		return (NULL);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - ui_msg_time.tv_sec > 4) {
		ui_msg[0] = '\0';
		return (NULL);
	}
	return (ui_msg);
}

/* Read every key that is waiting and dispatch it. */
void
ui_keys(void)
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
ui_frame(int force)
{
	struct tab	*t = tab_active;
	int		 cursor;

	if (!ui_active)
		return;
	if (force)
		ui_full = 1;
	if (t != NULL)
		draw_tab(t, ui_wmain, ui_full);
	if (draw_bars_stale(1) || ui_full || ui_redraw_bars) {
		draw_tabbar(ui_wtabs);
		draw_status(ui_wstatus);
		wnoutrefresh(ui_wtabs);
		wnoutrefresh(ui_wstatus);
		ui_redraw_bars = 0;
	}
	if (ui_full)
		touchwin(ui_wmain);
	/* The content goes last but for an overlay: the cursor is where the
	 * last window without leaveok put it. */
	wnoutrefresh(ui_wmain);
	if (t != NULL && ui_form(t) != NULL)
		form_draw(t->form);
	overlay_draw();
	if (overlay_top != NULL)
		cursor = overlay_top->cursor;
	else if (t != NULL && ui_form(t) != NULL)
		cursor = form_has_fields(t->form);
	else
		cursor = (t != NULL && t->term.cursor_visible && !t->view &&
		    overlay_top == NULL && !(t->flags & TAB_DEAD)) ? 1 : 0;
	if (cursor != ui_cursor) {
		curs_set(cursor);
		ui_cursor = cursor;
	}
	ui_full = 0;
	doupdate();
}
