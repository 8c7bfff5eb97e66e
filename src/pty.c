/*
 * pty.c: the local transport. A child runs a command on a new pty; its
 * master side is read and written without blocking by the main loop.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#ifdef HAVE_PTY_H
#include <pty.h>
#endif
#ifdef HAVE_LIBUTIL_H
#include <libutil.h>
#endif
#ifdef HAVE_UTIL_H
#include <util.h>
#endif

#include "tterm.h"

extern char **environ;

struct pty {
	int	fd;
	pid_t	pid;
};

/* The signals a tab's program gets at their defaults, its mask empty. */
static const int pty_signals[] = {
	SIGPIPE, SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGHUP, SIGCHLD, SIGWINCH
};
#define PTY_NSIGNALS	(sizeof pty_signals / sizeof pty_signals[0])

/* What a tab's program runs as. */
struct pty_exec {
	const char	 *path;
	const char	 *what;		/* for a failure: cmd or the shell */
	char		 *argv[4];
	char		  argv0[256];
	char		**env;
};

/* Whether an environment entry is one pty_exec_make() sets or drops. */
static int
pty_exec_drop(const char *e)
{
	static const char	*names[] = { "TERM=", "COLORTERM=", "TMUX=",
	    "TMUX_PANE=", "LINES=", "COLUMNS=" };
	u_int			 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strncmp(e, names[i], strlen(names[i])) == 0)
			return (1);
	}
	return (0);
}

/*
 * The user's shell as a login shell (cmd NULL), or sh -c cmd; tterm's
 * environment with TERM and COLORTERM set, without tmux's variables (the
 * tab is a terminal of its own, not a tmux pane), LINES and COLUMNS.
 */
static void
pty_exec_make(struct pty_exec *x, const char *cmd)
{
	static char	 sh[] = "sh", c[] = "-c";
	const char	*shell = getenv("SHELL");
	size_t		 n, i, j;

	if (shell == NULL || *shell != '/' || access(shell, X_OK) != 0)
		shell = "/bin/sh";
	memset(x, 0, sizeof *x);
	if (cmd == NULL) {
		/* A leading dash makes it a login shell, as terminals do. */
		snprintf(x->argv0, sizeof x->argv0, "-%s",
		    strrchr(shell, '/') + 1);
		x->path = x->what = shell;
		x->argv[0] = x->argv0;
	} else {
		x->path = "/bin/sh";
		x->what = cmd;
		x->argv[0] = sh;
		x->argv[1] = c;
		x->argv[2] = (char *)cmd;
	}
	for (n = 0; environ[n] != NULL; n++)
		/* nothing */;
	x->env = xreallocarray(NULL, n + 3, sizeof *x->env);
	for (i = j = 0; i < n; i++) {
		if (!pty_exec_drop(environ[i]))
			x->env[j++] = environ[i];
	}
	xasprintf(&x->env[j++], "TERM=%s", opts.term);
	x->env[j++] = xstrdup("COLORTERM=truecolor");
	x->env[j] = NULL;
}

static void
pty_exec_free(struct pty_exec *x)
{
	size_t	n;

	for (n = 0; x->env[n] != NULL; n++)
		/* nothing */;
	free(x->env[n - 1]);	/* the two made here */
	free(x->env[n - 2]);
	free(x->env);
}

/*
 * In the child of vfork(), which runs on tterm's memory until its exec:
 * system calls only. tterm's signal handlers go first (all signals are
 * blocked until then), then the pty becomes the controlling terminal and
 * stdin, stdout and stderr. A failure's errno is left in *failed.
 */
static void
pty_child(const struct pty_exec *x, int m, int s, volatile int *failed)
{
	struct sigaction	 dfl, old;
	sigset_t		 none;
	int			 sig;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (sig = 1; sig < NSIG; sig++) {
		if (sigaction(sig, NULL, &old) == 0 &&
		    old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN)
			sigaction(sig, &dfl, NULL);
	}
	for (sig = 0; sig < (int)PTY_NSIGNALS; sig++)
		sigaction(pty_signals[sig], &dfl, NULL);
	if (setsid() == -1 || ioctl(s, TIOCSCTTY, NULL) == -1 ||
	    dup2(s, STDIN_FILENO) == -1 || dup2(s, STDOUT_FILENO) == -1 ||
	    dup2(s, STDERR_FILENO) == -1) {
		*failed = errno;
		_exit(127);
	}
	if (s > STDERR_FILENO)
		close(s);
	close(m);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(x->path, x->argv, x->env);
	*failed = errno;
	_exit(127);
}

/*
 * Start the program on a new pty with vfork(): its child shares tterm's
 * memory until the exec, where after fork() each page tterm then wrote
 * (the first frame writes most of curses' windows) took a page fault to
 * be copied. A program that cannot be run is said on its pty, as its
 * own error would be, and the tab shows it exit with status 127.
 */
static pid_t
pty_start(const struct pty_exec *x, struct winsize *ws, int *fdp)
{
	sigset_t	 all, old;
	volatile int	 failed = 0;
	pid_t		 pid;
	int		 m, s;

	if (openpty(&m, &s, NULL, NULL, ws) != 0)
		return (-1);
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	if ((pid = vfork()) == 0)
		pty_child(x, m, s, &failed);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid == -1) {
		close(m);
		close(s);
		return (-1);
	}
	if (failed != 0) {
		dprintf(s, _("tterm: cannot run %s: %s"), x->what,
		    strerror(failed));
		dprintf(s, "\r\n");
	}
	close(s);
	*fdp = m;
	return (pid);
}

/* Start cmd (NULL: the user's shell) on a new pty of rows x cols. */
int
pty_open(struct transport *tr, const char *cmd, u_int rows, u_int cols,
    char **cause)
{
	struct winsize	 ws;
	struct pty_exec	 x;
	struct pty	*p;
	pid_t		 pid;
	int		 fd, flags;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;
	pty_exec_make(&x, cmd);
	if ((pid = pty_start(&x, &ws, &fd)) == -1) {
		xasprintf(cause, _("cannot create a pty: %s"),
		    strerror(errno));
		pty_exec_free(&x);
		return (-1);
	}
	pty_exec_free(&x);

	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	p = xcalloc(1, sizeof *p);
	p->fd = fd;
	p->pid = pid;
	memset(tr, 0, sizeof *tr);
	tr->ops = &pty_ops;
	tr->data = p;
	log_debug("%s: pid %ld fd %d", __func__, (long)pid, fd);
	return (0);
}

static int
pty_pollfds(struct transport *tr, struct pollfd *pfd, int max, int want_write)
{
	struct pty	*p = tr->data;

	if (max < 1 || p->fd == -1)
		return (0);
	pfd->fd = p->fd;
	pfd->events = POLLIN | (want_write ? POLLOUT : 0);
	pfd->revents = 0;
	return (1);
}

static ssize_t
pty_read(struct transport *tr, char *buf, size_t len)
{
	struct pty	*p = tr->data;
	ssize_t		 n;

	if (p->fd == -1)
		return (-1);
	n = read(p->fd, buf, len);
	if (n > 0)
		return (n);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return (0);
	/* EIO is how Linux says every slave is closed: the same as EOF. */
	if (n == -1 && errno != EIO)
		xasprintf(&tr->cause, "read: %s", strerror(errno));
	return (-1);
}

static ssize_t
pty_write(struct transport *tr, const char *buf, size_t len)
{
	struct pty	*p = tr->data;
	ssize_t		 n;

	if (p->fd == -1)
		return (-1);
	n = write(p->fd, buf, len);
	if (n >= 0)
		return (n);
	if (errno == EAGAIN || errno == EINTR)
		return (0);
	return (-1);
}

static void
pty_resize(struct transport *tr, u_int rows, u_int cols)
{
	struct pty	*p = tr->data;
	struct winsize	 ws;

	if (p->fd == -1)
		return;
	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;
	ioctl(p->fd, TIOCSWINSZ, &ws);
}

static int
pty_reaped(struct transport *tr, pid_t pid, int status)
{
	struct pty	*p = tr->data;

	if (p == NULL || p->pid != pid)
		return (0);
	p->pid = -1;
	tr->exited = 1;
	tr->status = status;
	return (1);
}

/* Close the pty; a child still running gets SIGHUP, as from a hangup. */
static void
pty_close(struct transport *tr)
{
	struct pty	*p = tr->data;

	if (p == NULL)
		return;
	if (p->fd != -1)
		close(p->fd);
	if (p->pid > 0)
		kill(p->pid, SIGHUP);
	free(p);
	tr->data = NULL;
}

const struct transport_ops pty_ops = {
	.name = "local",
	.pollfds = pty_pollfds,
	.read = pty_read,
	.write = pty_write,
	.resize = pty_resize,
	.reaped = pty_reaped,
	.close = pty_close,
};
