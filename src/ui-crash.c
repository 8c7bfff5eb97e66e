/*
 * ui-crash.c: if tterm dies of a fault (a bug: SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE, SIGABRT), give the outer terminal back first, so that the shell
 * the user returns to is usable: the terminal's settings as they were
 * before curses, the normal screen, a visible cursor, no bracketed paste.
 * Then the signal goes on to whoever had it before (the default action, a
 * core dump, or a sanitizer's report).
 *
 * Only async-signal-safe calls run in the handler: the strings it writes
 * are looked up when curses starts.
 */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tterm.h"

static const int	 ui_crash_sigs[] = {
	SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT
};
#define UI_CRASH_NSIGS	(sizeof ui_crash_sigs / sizeof ui_crash_sigs[0])

static struct sigaction	 ui_crash_old[UI_CRASH_NSIGS];
static struct termios	 ui_crash_tio;
static int		 ui_crash_have_tio;
static volatile sig_atomic_t ui_crash_armed;
static char		 ui_crash_leave[256];
static size_t		 ui_crash_len;

/* Add a terminfo capability (if the terminal has it) to what is written. */
static void
ui_crash_add(const char *cap, const char *fallback)
{
	const char	*s = tigetstr((char *)cap);
	size_t		 n;

	if (s == NULL || s == (char *)-1)
		s = fallback;
	n = strlen(s);
	if (ui_crash_len + n < sizeof ui_crash_leave) {
		memcpy(ui_crash_leave + ui_crash_len, s, n);
		ui_crash_len += n;
	}
}

static void
ui_crash_handler(int sig)
{
	ssize_t	w;
	u_int	i;

	if (ui_crash_armed) {
		ui_crash_armed = 0;
		w = write(STDOUT_FILENO, ui_crash_leave, ui_crash_len);
		(void)w;
		if (ui_crash_have_tio)
			tcsetattr(STDIN_FILENO, TCSANOW, &ui_crash_tio);
	}
	for (i = 0; i < UI_CRASH_NSIGS; i++) {
		if (ui_crash_sigs[i] == sig)
			sigaction(sig, &ui_crash_old[i], NULL);
	}
	/* Pending until this returns; a fault happens again at once. */
	raise(sig);
}

/* Curses has started: tio is the terminal as it was before (or NULL). */
void
ui_crash_arm(const struct termios *tio)
{
	struct sigaction	sa;
	u_int			i;

	if (tio != NULL) {
		ui_crash_tio = *tio;
		ui_crash_have_tio = 1;
	}
	ui_crash_len = 0;
	ui_crash_add("sgr0", "\033[m");
	ui_crash_add("cnorm", "\033[?25h");
	ui_crash_add("rmcup", "");
	ui_crash_add("NONE", "\033[?1006l\033[?1003l\033[?1002l");
	ui_crash_add("NONE", "\033[?2004l\r\n");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_crash_handler;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < UI_CRASH_NSIGS; i++)
		sigaction(ui_crash_sigs[i], &sa, &ui_crash_old[i]);
	ui_crash_armed = 1;
}

/* Curses has ended by the normal way: the handlers of before again. */
void
ui_crash_disarm(void)
{
	u_int	i;

	if (!ui_crash_armed)
		return;
	ui_crash_armed = 0;
	for (i = 0; i < UI_CRASH_NSIGS; i++)
		sigaction(ui_crash_sigs[i], &ui_crash_old[i], NULL);
}
