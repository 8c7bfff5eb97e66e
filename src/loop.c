/*
 * loop.c: the one event loop. Each pass gathers the fds of the keyboard
 * and of every tab, waits in ppoll() with the handled signals unblocked
 * (handlers only set flags), lets each tab read and write, dispatches keys,
 * and draws at most one frame. A tab that floods is drawn at a bounded
 * frame rate while all its bytes are still parsed.
 */
#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"

#define LOOP_FRAME	(1.0 / 60)	/* shortest time between frames */
#define LOOP_ECHO	0.1		/* after a key, draw echoes at once */
#define LOOP_ECHO_BYTES	4096		/* unless this much arrived since */

int		 loop_quit;
static double	 loop_last_key = -1;

static double
loop_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* A key went to the active tab: its echo should be drawn at once. */
void
loop_note_key(void)
{
	loop_last_key = loop_now();
}

static void
loop_reap(void)
{
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		tab_reaped(pid, status);
}

/* Run until quit, a terminating signal, or the last tab is closed. */
void
loop_run(void)
{
	struct pollfd	*pfd = NULL;
	struct tab	*t, **owner = NULL;
	struct timespec	 ts, *tsp;
	sigset_t	 empty;
	double		 now, last_frame = 0, wait;
	size_t		 cap = 0, before = 0, after;
	int		 n, i, j, k, want, force = 1;

	sigemptyset(&empty);
	while (!loop_quit && !sig_term && tabs != NULL) {
		if (sig_chld) {
			sig_chld = 0;
			loop_reap();
		}
		if (sig_winch) {
			sig_winch = 0;
			ui_resize();
			force = 1;
		}

		/* Draw: at once when idle or echoing, else at frame rate. */
		now = loop_now();
		t = tab_active;
		want = force || ui_redraw_bars || overlay_top != NULL ||
		    (t != NULL && (t->term.g->any_dirty || t->term.moved));
		wait = -1;
		if (want) {
			after = t != NULL ? t->term.bytes : 0;
			if (force || now - last_frame >= LOOP_FRAME ||
			    (now - loop_last_key < LOOP_ECHO &&
			    after - before < LOOP_ECHO_BYTES)) {
				ui_frame(force);
				force = 0;
				last_frame = now;
				before = after;
			} else
				wait = LOOP_FRAME - (now - last_frame);
		}

		n = 1 + (int)tab_count();
		if ((size_t)n * 4 > cap) {
			cap = n * 4 + 16;
			pfd = xreallocarray(pfd, cap, sizeof *pfd);
			owner = xreallocarray(owner, cap, sizeof *owner);
		}
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		owner[0] = NULL;
		n = 1;
		for (t = tabs; t != NULL; t = t->next) {
			k = tab_pollfds(t, pfd + n, cap - n);
			for (j = 0; j < k; j++)
				owner[n + j] = t;
			n += k;
		}

		tsp = NULL;
		if (wait >= 0) {
			ts.tv_sec = (time_t)wait;
			ts.tv_nsec = (long)((wait - ts.tv_sec) * 1e9);
			tsp = &ts;
		}
		if (ppoll(pfd, n, tsp, &empty) == -1) {
			if (errno == EINTR)
				continue;
			fatal("ppoll: %s", strerror(errno));
		}

		/* Tabs first: keys may close tabs and free them. */
		for (i = 1; i < n; i = j) {
			for (j = i; j < n && owner[j] == owner[i]; j++)
				;
			tab_service(owner[i], pfd + i, j - i);
		}
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			log_debug("%s: terminal gone", __func__);
			break;
		}
		if (pfd[0].revents & POLLIN)
			ui_keys();
	}
	free(pfd);
	free(owner);
}
