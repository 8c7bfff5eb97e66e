/*
 * ui.c: the outer terminal. Sets curses up and down, lays out the tab bar,
 * the content window and the status bar, and keeps the status message;
 * ui_text() draws text by columns (wide characters take two) for them.
 * Drawing a frame and reading keys are frame.c's.
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
#include <wchar.h>

#include "tterm.h"

int		 ui_active;
int		 ui_colors;
int		 ui_direct;
int		 ui_redraw_bars = 1;

static WINDOW	*ui_wtabs, *ui_wmain, *ui_wstatus;
static int	 ui_mouse_now;	/* the mouse mode asked for: see ui_mouse */
static char	 ui_msg[512];
static struct timespec ui_msg_time;

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
	if (ui_term_direct() != 0 && initscr() == NULL)
		fatal("%s", _("cannot initialise the terminal"));
	ui_active = 1;
	ui_crash_arm(have_tio ? &tio : NULL);
	log_fatal_hook(ui_end);
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
	/*
	 * stdscr is never drawn on: keys are read from it, and reading from
	 * a touched window refreshes it first. Untouched, not refreshed:
	 * the first frame clears the screen and draws it in one update.
	 */
	untouchwin(stdscr);

	ui_wtabs = newwin(1, COLS, 0, 0);
	ui_wmain = newwin(LINES > 2 ? LINES - 2 : 1, COLS, LINES > 2 ? 1 : 0, 0);
	ui_wstatus = newwin(1, COLS, LINES > 1 ? LINES - 1 : 0, 0);
	if (ui_wtabs == NULL || ui_wmain == NULL || ui_wstatus == NULL)
		fatal("%s", _("cannot create windows"));
	leaveok(ui_wtabs, TRUE);
	leaveok(ui_wstatus, TRUE);
	keys_init();
	/* Ask for bracketed paste, so pastes reach the program as pastes. */
	putp("\033[?2004h");
	fflush(stdout);
	ui_mouse_now = 0;	/* frame.c asks for the mouse */
}

/*
 * The mouse reports asked of the outer terminal: none (0), buttons and
 * drags (1, mode 1002) or every motion too (2, mode 1003, while the
 * visible tab's program wants them); always in SGR form (1006), which
 * has no limit on the column.
 */
void
ui_mouse(int mode)
{
	if (mode == ui_mouse_now)
		return;
	if (mode == 0)
		printf("\033[?1006l\033[?1003l\033[?1002l");
	else
		printf("\033[?%sh\033[?%sl\033[?1006h", mode == 2 ? "1003" :
		    "1002", mode == 2 ? "1002" : "1003");
	fflush(stdout);
	ui_mouse_now = mode;
}

/* Put the outer terminal back as it was. */
void
ui_end(void)
{
	if (!ui_active)
		return;
	ui_active = 0;
	ui_crash_disarm();
	ui_mouse(0);
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

/* The three windows, for drawing a frame. */
void
ui_windows(void **wtabs, void **wmain, void **wstatus)
{
	*wtabs = ui_wtabs;
	*wmain = ui_wmain;
	*wstatus = ui_wstatus;
}

/*
 * The outer terminal changed size: curses and the three windows take the
 * new one; the content area's size goes back in rows and cols.
 */
int
ui_layout(u_int *rows, u_int *cols)
{
	struct winsize	ws;

	if (!ui_active)
		return (-1);
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	/* Keys are read from stdscr: reading from a touched window refreshes
	 * it first, which would blank the screen. */
	untouchwin(stdscr);
	ui_size(rows, cols);
	wresize(ui_wtabs, 1, COLS);
	wresize(ui_wmain, *rows, *cols);
	mvwin(ui_wmain, LINES > 2 ? 1 : 0, 0);
	wresize(ui_wstatus, 1, COLS);
	mvwin(ui_wstatus, LINES > 1 ? LINES - 1 : 0, 0);
	clearok(curscr, TRUE);
	log_debug("%s: %ux%u (LINES %d COLS %d)", __func__, *cols, *rows,
	    LINES, COLS);
	return (0);
}

/* The size of the content area, for tabs. */
void
ui_size(u_int *rows, u_int *cols)
{
	int	r = ui_active ? LINES - 2 : 24, c = ui_active ? COLS : 80;

	*rows = r > 0 ? r : 1;
	*cols = c >= TERM_MIN_COLS ? c : TERM_MIN_COLS;
}

/*
 * Draw text at the window's cursor, clipped to n columns; return the
 * columns used. What is no character is drawn as '?'.
 */
int
ui_text(void *win, const char *s, int n)
{
	WINDOW		*w = win;
	wchar_t		 wc;
	mbstate_t	 ps;
	size_t		 k;
	int		 used = 0, cw;

	memset(&ps, 0, sizeof ps);
	while (*s != '\0' && used < n) {
		k = mbrtowc(&wc, s, strlen(s), &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			k = 1;
		}
		cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > n)
			break;
		waddnwstr(w, &wc, 1);
		used += cw;
		s += k;
	}
	return (used);
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

/*
 * Text for the outer terminal's clipboard: OSC 52, which xterm and most
 * terminals take, and tmux with set-clipboard on. It moves nothing on
 * the screen, so it is written between curses' frames.
 */
void
ui_clipboard(const char *text, size_t len)
{
	char	*b64;

	if (!ui_active)
		return;
	b64 = xmalloc(4 * ((len + 2) / 3) + 1);
	base64_encode(b64, text, len);
	printf("\033]52;c;%s\007", b64);
	fflush(stdout);
	free(b64);
}
