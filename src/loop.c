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
#define LOOP_FLOOD	65536		/* this much since a frame: a flood */
#define LOOP_FLOOD_STEP	262144		/* flood frames at most this often */
#define LOOP_FLOOD_FRAME 0.05		/* and at most 20 a second */
#define LOOP_FLOOD_WAIT	0.25		/* and at least this often (s) */
#define LOOP_ACTIVE_READ 131072		/* the visible tab's read per pass */
#define LOOP_BG_READ	4096		/* a hidden tab's read per pass */
#define LOOP_BG_TIME	0.001		/* hidden tabs' share of a pass (s) */

volatile sig_atomic_t sig_winch, sig_chld, sig_term;
static double	 loop_last_frame;
static struct tab *loop_frame_tab;	/* the tab the last frame showed */
static size_t	 loop_frame_bytes;	/* its byte count then */
static size_t	 loop_pass_bytes;	/* its byte count a pass ago */

static void
loop_signal(int sig)
{
	switch (sig) {
	case SIGWINCH:
		sig_winch = 1;
		break;
	case SIGCHLD:
		sig_chld = 1;
		break;
	default:
		sig_term = sig;
		break;
	}
}

static const int loop_sigs[] = { SIGWINCH, SIGCHLD, SIGTERM, SIGHUP,
    SIGINT, SIGQUIT };

/* Handlers set flags; the signals stay blocked except inside ppoll(). */
void
loop_signals(void)
{
	const int	*sigs = loop_sigs;
	struct sigaction sa;
	sigset_t	 set;
	u_int		 i;

	sigemptyset(&set);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = loop_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof loop_sigs / sizeof loop_sigs[0]; i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&set, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
}

/* Whether anything on screen would change. */
static int
loop_want_frame(int force)
{
	struct tab	*t = tab_active;

	return (force || ui_redraw_bars || overlay_top != NULL ||
	    (t != NULL && (t->term.g->any_dirty || t->term.moved)) ||
	    draw_bars_stale(0));
}

/*
 * Frame pacing: 0 to draw now, else how long to wait. Output that has
 * paused is drawn at once, so is the echo of a key; ordinary output at up
 * to 60 frames a second; a flood only every LOOP_FLOOD_STEP bytes (or
 * LOOP_FLOOD_WAIT), since each of its frames is a full repaint that nobody
 * can read, while every byte is still parsed.
 */
static double
loop_pace(int mid)
{
	struct tab	*t = tab_active;
	double		 since = clock_now() - loop_last_frame;
	size_t		 bytes, pass;

	if (t == NULL || t != loop_frame_tab)
		return (0);
	bytes = t->term.bytes - loop_frame_bytes;
	if (mid) {
		/* Only right after reading can a pass tell it was quiet. */
		pass = t->term.bytes - loop_pass_bytes;
		loop_pass_bytes = t->term.bytes;
		if (pass == 0)
			return (0);
	}
	if (opts.frame_bytes != 0) {
		/* Paced by bytes alone: the same frames at any speed, which
		 * makes instruction counts under callgrind repeatable. */
		return (bytes >= opts.frame_bytes ? 0 : 0.002);
	}
	if (clock_now() - cmd_last_key < LOOP_ECHO && bytes < LOOP_ECHO_BYTES)
		return (0);
	if (bytes < LOOP_FLOOD)
		return (since >= LOOP_FRAME ? 0 : LOOP_FRAME - since);
	if ((since >= LOOP_FLOOD_FRAME && bytes >= LOOP_FLOOD_STEP) ||
	    since >= LOOP_FLOOD_WAIT)
		return (0);
	return (0.002);			/* look again soon: it may stop */
}

/* A frame was drawn. */
static void
loop_drawn(void)
{
	loop_last_frame = clock_now();
	loop_frame_tab = tab_active;
	loop_frame_bytes = tab_active != NULL ? tab_active->term.bytes : 0;
	loop_pass_bytes = loop_frame_bytes;
}

static void
loop_reap(void)
{
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (askcmd_reaped(pid, status) || xfer_reaped(pid, status) ||
		    proxy_reaped(pid, status))
			continue;
		tab_reaped(pid, status);
		macro_reaped(pid, status);
	}
}

/* Note where each tab's run of fds begins; return the number of tabs. */
static int
loop_groups(struct tab **owner, int n, int **startp)
{
	static int	*start;
	static int	 nstart;
	int		 i, groups = 0;

	if (nstart < n + 1) {
		nstart = n + 1;
		start = xreallocarray(start, nstart, sizeof *start);
	}
	for (i = 1; i < n; i++) {
		if (i == 1 || owner[i] != owner[i - 1])
			start[groups++] = i;
	}
	start[groups] = n;
	*startp = start;
	return (groups);
}

/* The visible tab reads first, with a large budget. */
static void
loop_service_active(struct pollfd *pfd, struct tab **owner, int n)
{
	int	*start, g, groups = loop_groups(owner, n, &start);

	for (g = 0; g < groups; g++) {
		if (owner[start[g]] == tab_active) {
			tab_service(tab_active, pfd + start[g],
			    start[g + 1] - start[g], LOOP_ACTIVE_READ);
		}
	}
}

/*
 * Hidden tabs share a small slice of time, starting where the last pass
 * stopped: a hundred flooding tabs cannot delay the keyboard or the
 * visible tab by more than the slice.
 */
static void
loop_service_hidden(struct pollfd *pfd, struct tab **owner, int n)
{
	static u_int	 next;
	double		 begin = clock_now();
	int		*start, g, k, groups = loop_groups(owner, n, &start);

	for (k = 0; k < groups; k++) {
		g = (next + k) % groups;
		if (owner[start[g]] == tab_active)
			continue;
		if (clock_now() - begin > LOOP_BG_TIME) {
			next = g;
			return;
		}
		tab_service(owner[start[g]], pfd + start[g],
		    start[g + 1] - start[g], LOOP_BG_READ);
	}
	next++;
}

/*
 * Draw if something changed and pacing allows; return how long to wait
 * for the next frame, or -1. mid is set right after the visible tab read.
 */
static double
loop_frame(int *force, int mid)
{
	double	wait;

	if (!loop_want_frame(*force))
		return (-1);
	if (!*force && (wait = loop_pace(mid)) != 0)
		return (wait);
	frame_draw(*force);
	*force = 0;
	loop_drawn();
	return (-1);
}

/*
 * Run transports whose deadline has passed or that hold data no fd shows,
 * a hidden tab with a hidden tab's budget.
 */
static void
loop_timers(void)
{
	struct tab	*t;

	for (t = tabs; t != NULL; t = t->next) {
		/* Data a transport holds where no fd shows it (libssh read
		 * the socket into the channel) is read now: its fd will not
		 * wake the tab again. */
		if (tab_pending(t) || tab_timeout(t) == 0)
			tab_service(t, NULL, 0, t == tab_active ?
			    LOOP_ACTIVE_READ : LOOP_BG_READ);
	}
}

/*
 * The fds to wait on: the keyboard first, then each tab's (grouped by
 * tab, owner[] says whose), then the other sources'. *n is set to the
 * end of the tabs' fds; returns the count of all.
 */
static int
loop_gather(struct pollfd **pfdp, struct tab ***ownerp, size_t *cap, int *n)
{
	struct pollfd	*pfd;
	struct tab	*t, **owner;
	int		 j, k, want;

	want = 1 + (int)tab_count() + (int)source_count();
	if ((size_t)want * 4 > *cap) {
		*cap = want * 4 + 16;
		*pfdp = xreallocarray(*pfdp, *cap, sizeof **pfdp);
		*ownerp = xreallocarray(*ownerp, *cap, sizeof **ownerp);
	}
	pfd = *pfdp;
	owner = *ownerp;
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	owner[0] = NULL;
	*n = 1;
	for (t = tabs; t != NULL; t = t->next) {
		k = tab_pollfds(t, pfd + *n, *cap - *n);
		for (j = 0; j < k; j++)
			owner[*n + j] = t;
		*n += k;
	}
	/* The other sources (SSH connections and their tunnels, shared by
	 * tabs): after the tabs' fds. */
	return (*n + source_pollfds(pfd + *n, *cap - *n));
}

/*
 * How long to wait at most: wait (a frame's, or -1), or sooner for a
 * transport's deadline (connecting, keepalive), a source's, or a message
 * in the status bar that is to go. NULL: no limit.
 */
static struct timespec *
loop_deadline(double wait, struct timespec *ts)
{
	struct tab	*t;
	double		 w;

	for (t = tabs; t != NULL; t = t->next) {
		w = tab_pending(t) ? 0 : tab_timeout(t);
		if (w >= 0 && (wait < 0 || w < wait))
			wait = w;
	}
	w = source_deadline();
	if (w >= 0 && (wait < 0 || w < wait))
		wait = w;
	w = ui_message_wait();
	if (w >= 0 && (wait < 0 || w < wait))
		wait = w;
	if (wait < 0)
		return (NULL);
	ts->tv_sec = (time_t)wait;
	ts->tv_nsec = (long)((wait - ts->tv_sec) * 1e9);
	return (ts);
}

/*
 * ppoll() lets a pending signal in only when it has no fd ready to
 * report: while a tab floods one always is, and a SIGTERM, a new size or
 * an exited child would wait until the flood ends. So after each ppoll()
 * that returned fds, signals still pending are let in here.
 */
static void
loop_deliver(const sigset_t *empty)
{
	sigset_t	pending, old;
	u_int		i;

	if (sigpending(&pending) != 0)
		return;
	for (i = 0; i < sizeof loop_sigs / sizeof loop_sigs[0]; i++) {
		if (sigismember(&pending, loop_sigs[i]) == 1) {
			sigprocmask(SIG_SETMASK, empty, &old);
			sigprocmask(SIG_SETMASK, &old, NULL);
			return;
		}
	}
}

/* Signals the handlers noted: children to reap, a new size. */
static void
loop_signalled(int *force)
{
	if (sig_chld) {
		sig_chld = 0;
		loop_reap();
	}
	if (sig_winch) {
		sig_winch = 0;
		frame_resize();
		*force = 1;
	}
}

/* Run until quit, a terminating signal, or the last tab is closed. */
void
loop_run(void)
{
	struct pollfd	*pfd = NULL;
	struct tab	**owner = NULL;
	struct timespec	 ts;
	sigset_t	 empty;
	double		 wait, w;
	size_t		 cap = 0;
	u_int		 gen;
	int		 n, m, ready, force = 1;

	sigemptyset(&empty);
	wait = -1;
	while (!cmd_quitting && !sig_term && tabs != NULL) {
		loop_signalled(&force);
		/* Changes outside a pass: first frame, resize, exits. */
		w = loop_frame(&force, 0);
		if (w >= 0 && (wait < 0 || w < wait))
			wait = w;
		m = loop_gather(&pfd, &owner, &cap, &n);
		ready = ppoll(pfd, m, loop_deadline(wait, &ts), &empty);
		if (ready == -1) {
			if (errno == EINTR)
				continue;
			fatal("ppoll: %s", strerror(errno));
		}
		/* With nothing ready, ppoll() let any signal in itself. */
		if (ready > 0)
			loop_deliver(&empty);
		/* Sources first: a connection's bytes reach the tabs'
		 * channels. A macro may close or reconnect a tab: then the
		 * fds gathered are not its any more. */
		gen = tab_generation;
		source_service();
		if (gen != tab_generation) {
			wait = 0;
			continue;
		}

		/*
		 * The visible tab, then the keyboard, then a frame if one is
		 * due (an echo is drawn before hidden tabs take their slice),
		 * then the hidden tabs, unless a key closed a tab: then the
		 * fds gathered above may belong to a freed tab.
		 */
		loop_service_active(pfd, owner, n);
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			log_debug("%s: terminal gone", __func__);
			break;
		}
		gen = tab_generation;
		if (pfd[0].revents & POLLIN)
			frame_keys();
		if (gen != tab_generation || tabs == NULL || cmd_quitting) {
			wait = 0;
			continue;
		}
		wait = loop_frame(&force, 1);
		loop_service_hidden(pfd, owner, n);
		loop_timers();
	}
	free(pfd);
	free(owner);
}
