/*
 * askcmd.c: an answer from a command (a profile's AnswerCommand or
 * PasswordCommand: oathtool, a password manager), run without waiting for
 * it. Its standard output comes through a non-blocking pipe; the first
 * line is the answer. Nothing of it is logged, and the buffer is wiped
 * when the answer is taken or the command is dropped. The loop's reaper
 * may collect the child first: it hands the status over here.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

#define ASKCMD_MAX	4096	/* bytes of output kept */

struct askcmd {
	struct askcmd	*next;		/* the running ones */
	pid_t		 pid;		/* -1 once reaped (by us or the loop) */
	int		 fd;		/* -1 at the output's end */
	double		 deadline;
	double		 timeout;
	char		 buf[ASKCMD_MAX];
	size_t		 len;
	int		 status;	/* -1: not known */
	char		*error;		/* why it gave no answer */
};

static struct askcmd	*askcmd_list;

/* Take a's child off the list of the running ones. */
static void
askcmd_unlist(struct askcmd *a)
{
	struct askcmd	**ap;

	for (ap = &askcmd_list; *ap != NULL; ap = &(*ap)->next) {
		if (*ap == a) {
			*ap = a->next;
			return;
		}
	}
}

/* The loop reaped pid: 1 if it was one of ours, whose status is kept. */
int
askcmd_reaped(pid_t pid, int status)
{
	struct askcmd	*a;

	for (a = askcmd_list; a != NULL; a = a->next) {
		if (a->pid == pid) {
			a->pid = -1;
			a->status = status;
			askcmd_unlist(a);
			return (1);
		}
	}
	return (0);
}

/*
 * In a child about to run a program: the signals tterm blocks or catches
 * back to their defaults (a program must not inherit the loop's blocked
 * SIGCHLD or SIGTERM); stdin, stdout and stderr are the caller's.
 */
void
askcmd_child_signals(void)
{
	static const int	 sigs[] = { SIGPIPE, SIGCHLD, SIGHUP, SIGTERM,
				    SIGINT, SIGQUIT, SIGTSTP, SIGWINCH };
	sigset_t		 none;
	u_int			 i;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
}

/* Start cmd (sh -c, stdin /dev/null, stderr dropped): NULL and *cause
 * if it cannot start. */
struct askcmd *
askcmd_start(const char *cmd, double timeout, char **cause)
{
	struct askcmd	*a;
	int		 p[2], null;

	if (pipe2(p, O_CLOEXEC) != 0) {
		xasprintf(cause, _("pipe: %s"), strerror(errno));
		return (NULL);
	}
	a = xcalloc(1, sizeof *a);
	a->status = -1;
	a->timeout = timeout;
	a->deadline = clock_now() + timeout;
	switch (a->pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		free(a);
		return (NULL);
	case 0:
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);
		}
		dup2(p[1], STDOUT_FILENO);
		askcmd_child_signals();
		setpgid(0, 0);	/* stopped with whatever it starts */
		closefrom(3);	/* no tab's pty or socket held open */
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(a->pid, a->pid);	/* either may run first */
	close(p[1]);
	a->fd = p[0];
	a->next = askcmd_list;
	askcmd_list = a;
	fcntl(a->fd, F_SETFL, fcntl(a->fd, F_GETFL) | O_NONBLOCK);
	return (a);
}

/* The fd to wait on for output, or -1 at its end. */
int
askcmd_fd(const struct askcmd *a)
{
	return (a->fd);
}

/*
 * When to look again without output: at once when it has ended (the loop
 * may have reaped it, which nothing else would announce), soon while its
 * output has ended and it has not, else at its time limit.
 */
double
askcmd_deadline(const struct askcmd *a)
{
	if (a->fd == -1)
		return (clock_now() + (a->pid == -1 ? 0 : 0.05));
	return (a->deadline);
}

static void
askcmd_fail(struct askcmd *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
askcmd_fail(struct askcmd *a, const char *fmt, ...)
{
	va_list	ap;

	if (a->error != NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&a->error, fmt, ap);
	va_end(ap);
}

/* Read what there is; at the end, the child's status if it is ours. */
static void
askcmd_read(struct askcmd *a)
{
	char	scratch[512];
	ssize_t	n;

	for (;;) {
		if (a->len < sizeof a->buf)
			n = read(a->fd, a->buf + a->len, sizeof a->buf - a->len);
		else	/* more than an answer: drained, not kept */
			n = read(a->fd, scratch, sizeof scratch);
		if (n > 0 && a->len < sizeof a->buf)
			a->len += n;
		if (n > 0)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		close(a->fd);
		a->fd = -1;
		explicit_bzero(scratch, sizeof scratch);
		return;
	}
}

/*
 * Move a on: 0 while it runs, 1 with an answer, -1 without one
 * (askcmd_error says why).
 */
int
askcmd_step(struct askcmd *a)
{
	pid_t	r;
	int	st;

	if (a->fd != -1)
		askcmd_read(a);
	if (a->fd == -1 && a->pid != -1) {
		r = waitpid(a->pid, &st, WNOHANG);
		if (r == a->pid) {
			a->pid = -1;
			a->status = st;
			askcmd_unlist(a);
		} else if (r == -1 && errno == ECHILD) {
			a->pid = -1;	/* gone without a status */
			askcmd_unlist(a);
		}
	}
	if (a->fd != -1 || a->pid != -1) {
		if (clock_now() < a->deadline)
			return (0);
		askcmd_fail(a, _("no answer within %.0f s"), a->timeout);
		askcmd_stop(a);
		return (-1);
	}
	if (a->status != -1 && WIFEXITED(a->status) &&
	    WEXITSTATUS(a->status) != 0)
		askcmd_fail(a, _("it exited with %d"), WEXITSTATUS(a->status));
	else if (a->status != -1 && WIFSIGNALED(a->status))
		askcmd_fail(a, _("it was killed by signal %d"),
		    WTERMSIG(a->status));
	else if (a->len == 0 || a->buf[0] == '\n' || a->buf[0] == '\r')
		askcmd_fail(a, _("it printed nothing"));
	return (a->error != NULL ? -1 : 1);
}

/* The answer: the first line of the output, without its end. */
const char *
askcmd_answer(struct askcmd *a)
{
	size_t	n;

	if (a->len == sizeof a->buf)
		a->len--;
	a->buf[a->len] = '\0';
	n = strcspn(a->buf, "\r\n");
	a->buf[n] = '\0';
	return (a->buf);
}

/* How it ended (a wait status), -1 if not known: still running, stopped
 * at its time limit, or gone without one. */
int
askcmd_status(const struct askcmd *a)
{
	return (a->pid == -1 ? a->status : -1);
}

const char *
askcmd_error(const struct askcmd *a)
{
	return (a->error != NULL ? a->error : _("no answer"));
}

/* Kill a child that is still running (it is reaped by the loop). */
void
askcmd_stop(struct askcmd *a)
{
	if (a->pid > 0) {
		kill(-a->pid, SIGKILL);
		kill(a->pid, SIGKILL);
		waitpid(a->pid, NULL, 0);
		a->pid = -1;
	}
	askcmd_unlist(a);
	if (a->fd != -1) {
		close(a->fd);
		a->fd = -1;
	}
}

/* Drop a, wiping what it printed. */
void
askcmd_free(struct askcmd *a)
{
	if (a == NULL)
		return;
	askcmd_stop(a);
	explicit_bzero(a->buf, sizeof a->buf);
	free(a->error);
	free(a);
}
