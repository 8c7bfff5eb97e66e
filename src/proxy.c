/*
 * proxy.c: a hop reached through ProxyCommand, as ssh does it: the
 * command runs as a child (/bin/sh -c "exec COMMAND"), its input and
 * output one end of a socketpair whose other end is the hop's socket for
 * libssh (SSH_OPTIONS_FD) instead of a TCP connection.
 *
 * The child runs in a session of its own, away from the screen: what it
 * writes to its error output becomes the tab's lines (control characters
 * dropped), read by the connections' pass. When its connection goes (the
 * tab closes or connects again) it gets SIGHUP, then SIGKILL 2 seconds
 * later if it is still there; the loop reaps it (proxy_reaped()).
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define PROXY_KILL	2.0	/* seconds from SIGHUP to SIGKILL */
#define PROXY_LINE	512	/* bytes of an error line shown */

struct proxy {
	struct proxy	*next;
	struct sshc	*c;		/* NULL once its connection is gone */
	char		*cmd;
	pid_t		 pid;
	int		 err;		/* its error output, or -1 */
	int		 exited;	/* reaped: status is its status */
	int		 status;
	double		 kill_at;	/* SIGKILL then (0: not yet asked) */
	struct buf	 line;		/* an error line not ended yet */
};

static struct proxy *proxy_list;

static int	proxy_read(struct proxy *);

/* In the child: the socket as input and output, errors to the pipe. */
static void
proxy_child(const char *line, int sock, int err)
{
	askcmd_child_signals();
	setsid();
	if (dup2(sock, 0) == -1 || dup2(sock, 1) == -1 || dup2(err, 2) == -1)
		_exit(127);
	closefrom(3);	/* no other tab's pty or socket held open */
	execl("/bin/sh", "sh", "-c", line, (char *)NULL);
	_exit(127);
}

/*
 * Run cmd for c: *fd is the socket libssh is to speak over (ours to
 * close until it is given to libssh).
 */
struct proxy *
proxy_start(struct sshc *c, const char *cmd, int *fd, char **cause)
{
	struct proxy	*p;
	char		*line;
	int		 sv[2], ep[2];
	pid_t		 pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		xasprintf(cause, "socketpair: %s", strerror(errno));
		return (NULL);
	}
	if (pipe2(ep, O_CLOEXEC) == -1) {
		xasprintf(cause, _("pipe: %s"), strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return (NULL);
	}
	/* As ssh: the shell makes way for the command (unless it says so
	 * itself: "exec exec" would look for a program named exec). */
	if (strncmp(cmd, "exec ", 5) == 0)
		line = xstrdup(cmd);
	else
		xasprintf(&line, "exec %s", cmd);
	if ((pid = fork()) == -1) {
		xasprintf(cause, "fork: %s", strerror(errno));
		free(line);
		close(sv[0]);
		close(sv[1]);
		close(ep[0]);
		close(ep[1]);
		return (NULL);
	}
	if (pid == 0)
		proxy_child(line, sv[1], ep[1]);
	free(line);
	close(sv[1]);
	close(ep[1]);
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	fcntl(ep[0], F_SETFL, fcntl(ep[0], F_GETFL) | O_NONBLOCK);
	p = xcalloc(1, sizeof *p);
	p->c = c;
	p->cmd = xstrdup(cmd);
	p->pid = pid;
	p->err = ep[0];
	p->next = proxy_list;
	proxy_list = p;
	log_debug("ssh %s: ProxyCommand %s: pid %ld", c->name, cmd,
	    (long)pid);
	*fd = sv[0];
	return (p);
}

static void
proxy_unlink(struct proxy *p)
{
	struct proxy	**pp;

	for (pp = &proxy_list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	if (p->err != -1)
		close(p->err);
	buf_free(&p->line);
	free(p->cmd);
	free(p);
}

/* The connection is done with it: it is stopped, then reaped. */
void
proxy_free(struct proxy *p)
{
	if (p == NULL)
		return;
	p->c = NULL;
	if (p->exited) {
		proxy_unlink(p);
		return;
	}
	kill(-p->pid, SIGHUP);
	kill(p->pid, SIGHUP);
	p->kill_at = clock_now() + PROXY_KILL;
}

/* A child was reaped: 1 if it was a ProxyCommand. */
int
proxy_reaped(pid_t pid, int status)
{
	struct proxy	*p;

	for (p = proxy_list; p != NULL; p = p->next) {
		if (p->pid != pid)
			continue;
		p->exited = 1;
		p->status = status;
		log_debug("ProxyCommand %ld ended: %d", (long)pid, status);
		if (p->c == NULL)
			proxy_unlink(p);
		else
			sshc_kick(p->c);
		return (1);
	}
	return (0);
}

/*
 * Whether the command has ended (reaped by the loop, or now): *why says
 * how ("exited with status 1"). What it wrote before it ended is read
 * first, so its last words come before the tab's reason: the pass may
 * have looked at the pipe just before the command wrote and exited.
 */
int
proxy_ended(struct proxy *p, char *why, size_t len)
{
	int	status;

	if (!p->exited && waitpid(p->pid, &status, WNOHANG) == p->pid) {
		p->exited = 1;
		p->status = status;
	}
	if (!p->exited)
		return (0);
	if (p->err != -1)
		proxy_read(p);
	if (WIFEXITED(p->status))
		snprintf(why, len, _("exited with status %d"),
		    WEXITSTATUS(p->status));
	else if (WIFSIGNALED(p->status))
		snprintf(why, len, _("was killed by signal %d"),
		    WTERMSIG(p->status));
	else
		snprintf(why, len, _("ended"));
	return (1);
}

const char *
proxy_command(struct proxy *p)
{
	return (p->cmd);
}

/* A line of the command's error output, for the tab. */
static void
proxy_line(struct proxy *p)
{
	char	*s;

	if (p->line.len == 0)
		return;
	buf_add(&p->line, "", 1);
	s = text_clean(p->line.data, 0);
	if (p->c != NULL && *s != '\0')
		sshc_say(p->c, "%sProxyCommand: %s\n", p->c->label, s);
	free(s);
	p->line.len = 0;
}

/* Read what the command wrote to its error output. 1 if anything came. */
static int
proxy_read(struct proxy *p)
{
	char	 buf[1024], *nl, *q;
	ssize_t	 n;
	int	 got = 0;

	while ((n = read(p->err, buf, sizeof buf)) > 0) {
		got = 1;
		for (q = buf; q < buf + n; q = nl + 1) {
			if ((nl = memchr(q, '\n', buf + n - q)) == NULL) {
				nl = buf + n - 1;
				if (p->line.len < PROXY_LINE)
					buf_add(&p->line, q, nl + 1 - q);
				break;
			}
			if (p->line.len < PROXY_LINE)
				buf_add(&p->line, q, nl - q);
			proxy_line(p);
		}
	}
	if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
		proxy_line(p);
		close(p->err);
		p->err = -1;
	}
	return (got);
}

/* How many fds the commands may watch. */
u_int
proxy_count(void)
{
	struct proxy	*p;
	u_int		 n = 0;

	for (p = proxy_list; p != NULL; p = p->next)
		n++;
	return (n);
}

/* The commands' error outputs. */
int
proxy_pollfds(struct pollfd *pfd, int max)
{
	struct proxy	*p;
	int		 n = 0;

	for (p = proxy_list; p != NULL && n < max; p = p->next) {
		if (p->err == -1)
			continue;
		pfd[n].fd = p->err;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		n++;
	}
	return (n);
}

/* Their lines for the tabs; commands that outstay SIGHUP are killed. */
int
proxy_service(void)
{
	struct proxy	*p;
	double		 now = clock_now();
	int		 got = 0;

	for (p = proxy_list; p != NULL; p = p->next) {
		if (p->err != -1 && proxy_read(p))
			got = 1;
		if (p->kill_at != 0 && now >= p->kill_at && !p->exited) {
			kill(-p->pid, SIGKILL);
			kill(p->pid, SIGKILL);
			p->kill_at = 0;
		}
	}
	return (got);
}

/* Seconds until a command is to be killed, or -1. */
double
proxy_timeout(void)
{
	struct proxy	*p;
	double		 now = clock_now(), t = -1, w;

	for (p = proxy_list; p != NULL; p = p->next) {
		if (p->kill_at == 0)
			continue;
		w = p->kill_at > now ? p->kill_at - now : 0;
		if (t < 0 || w < t)
			t = w;
	}
	return (t);
}
