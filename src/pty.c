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

struct pty {
	int	fd;
	pid_t	pid;
};

/* In the child: set up the environment and run the command. */
static void
pty_child(const char *cmd)
{
	const char	*shell;
	sigset_t	 set;

	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);

	setenv("TERM", opts.term, 1);
	setenv("COLORTERM", "truecolor", 1);
	/* The tab is a terminal of its own, not a tmux pane. */
	unsetenv("TMUX");
	unsetenv("TMUX_PANE");
	unsetenv("LINES");
	unsetenv("COLUMNS");

	shell = getenv("SHELL");
	if (shell == NULL || *shell != '/' || access(shell, X_OK) != 0)
		shell = "/bin/sh";
	if (cmd == NULL) {
		const char	*base = strrchr(shell, '/');
		char		 argv0[256];

		/* A leading dash makes it a login shell, as terminals do. */
		snprintf(argv0, sizeof argv0, "-%s", base + 1);
		execl(shell, argv0, (char *)NULL);
	} else
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	dprintf(STDERR_FILENO, _("tterm: cannot run %s: %s"),
	    cmd != NULL ? cmd : shell, strerror(errno));
	dprintf(STDERR_FILENO, "\r\n");
	_exit(127);
}

/* Start cmd (NULL: the user's shell) on a new pty of rows x cols. */
int
pty_open(struct transport *tr, const char *cmd, u_int rows, u_int cols,
    char **cause)
{
	struct winsize	 ws;
	struct pty	*p;
	pid_t		 pid;
	int		 fd, flags;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid == -1) {
		xasprintf(cause, _("cannot create a pty: %s"),
		    strerror(errno));
		return (-1);
	}
	if (pid == 0)
		pty_child(cmd);

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
