/*
 * ssh-config-io.c: what an ssh_config reaches outside itself, for
 * ssh-config.c: the files an Include names (glob(3)), their text, and the
 * commands of Match exec.
 *
 * Where nothing else runs (tterm --diagnose), Match exec is waited for:
 * through /bin/sh, in a process group of its own, input and output
 * /dev/null, within the seconds left for a lookup (5 in all by default);
 * a command still running then is killed with its group and taken as not
 * matching. An SSH tab must not stop the others while a command runs, so
 * it looks its host up with the answers known so far (struct
 * sshcfg_execs): the first command not known yet is only noted, the tab
 * runs it without waiting (ssh.c) and looks up again once it has ended.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"

#define SSHCFG_IO_MAX	(4 * 1024 * 1024)	/* bytes of one file */

/* The paths a pattern names, sorted; none is no error (as ssh). */
static char **
sshcfg_io_glob(void *arg, const char *pattern, u_int *n)
{
	glob_t	  g;
	char	**paths;
	size_t	  i;

	(void)arg;
	*n = 0;
	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0) {
		globfree(&g);
		return (NULL);
	}
	paths = xreallocarray(NULL, g.gl_pathc + 1, sizeof *paths);
	for (i = 0; i < g.gl_pathc; i++)
		paths[i] = xstrdup(g.gl_pathv[i]);
	*n = g.gl_pathc;
	globfree(&g);
	return (paths);
}

/* A file's text, or NULL (a file that is not there is no error). */
static char *
sshcfg_io_read(void *arg, const char *path, size_t *len)
{
	char	*text, *cause = NULL;

	(void)arg;
	if ((text = file_read(path, SSHCFG_IO_MAX, len, &cause)) == NULL) {
		log_debug("ssh_config: %s", cause);
		free(cause);
	}
	return (text);
}

/* In the child: away from the screen and from tterm's signals. */
static void
sshcfg_io_child(const char *cmd)
{
	int	fd;

	askcmd_child_signals();
	setpgid(0, 0);
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	closefrom(3);	/* no tab's pty or socket held open */
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/*
 * Run cmd and wait for it, no longer than *left seconds (what it took is
 * taken off): 1 if it exited 0, 0 if it failed, -1 with *cause if it
 * could not run or ran out of time.
 */
static int
sshcfg_io_exec(void *arg, const char *cmd, double *left, char **cause)
{
	struct timespec	 ts = { 0, 1000000 };
	double		 start = clock_now(), end = start + *left;
	pid_t		 pid, r;
	int		 status;

	(void)arg;
	log_debug("ssh_config: Match exec %s", cmd);
	if ((pid = fork()) == -1) {
		xasprintf(cause, _("cannot run it: %s"), strerror(errno));
		return (-1);
	}
	if (pid == 0)
		sshcfg_io_child(cmd);
	setpgid(pid, pid);		/* either may run first */
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 ||
	    (r == -1 && errno == EINTR)) {
		if (clock_now() >= end) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			*left = 0;
			xasprintf(cause,
			    _("still running after %.1f s: stopped"),
			    clock_now() - start);
			return (-1);
		}
		nanosleep(&ts, NULL);
		if (ts.tv_nsec < 10000000)	/* 1 ms, then up to 10 */
			ts.tv_nsec += 1000000;
	}
	*left -= clock_now() - start;
	if (r == -1) {
		xasprintf(cause, _("cannot wait for it: %s"), strerror(errno));
		return (-1);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		xasprintf(cause, _("the shell could not run it (status 127)"));
		return (-1);
	}
	return (WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

const struct sshcfg_io sshcfg_io_real = {
	.glob = sshcfg_io_glob,
	.read = sshcfg_io_read,
	.exec = sshcfg_io_exec,
};

/* Match exec's answers known so far, for a lookup that runs nothing. */
struct sshcfg_exec {
	char		*cmd;
	int		 result;	/* 1 matched, 0 not, -1 cause */
	char		*cause;
};
struct sshcfg_execs {
	struct sshcfg_io	 io;	/* the real files, these answers */
	struct sshcfg_exec	*v;
	u_int			 n;
	char			*pending;	/* the first not known yet */
	double			 left;		/* seconds for the commands */
};

/* An answer known, or none yet: cmd is noted as the one to run next. */
static int
sshcfg_io_known(void *arg, const char *cmd, double *left, char **cause)
{
	struct sshcfg_execs	*e = arg;
	u_int			 i;

	(void)left;
	for (i = 0; i < e->n; i++) {
		if (strcmp(e->v[i].cmd, cmd) != 0)
			continue;
		if (e->v[i].result == -1)
			*cause = xstrdup(e->v[i].cause);
		return (e->v[i].result);
	}
	if (e->pending == NULL)
		e->pending = xstrdup(cmd);
	return (0);
}

struct sshcfg_execs *
sshcfg_execs_new(void)
{
	struct sshcfg_execs	*e = xcalloc(1, sizeof *e);

	e->io = sshcfg_io_real;
	e->io.exec = sshcfg_io_known;
	e->io.arg = e;
	e->left = SSHCFG_EXEC;
	return (e);
}

/* The reader to give a lookup (struct sshcfg_query's io). */
const struct sshcfg_io *
sshcfg_execs_io(struct sshcfg_execs *e)
{
	return (&e->io);
}

/* Before the lookups of a new plan: nothing pending. */
void
sshcfg_execs_reset(struct sshcfg_execs *e)
{
	free(e->pending);
	e->pending = NULL;
}

/* After a lookup: the command it needs run, or NULL if it knew them all. */
const char *
sshcfg_execs_pending(const struct sshcfg_execs *e)
{
	return (e->pending);
}

/* Seconds left for the commands to run, all of them together. */
double
sshcfg_execs_left(const struct sshcfg_execs *e)
{
	return (e->left);
}

/* How cmd ended (1 matched, 0 not, -1 and why) after taking secs. */
void
sshcfg_execs_set(struct sshcfg_execs *e, const char *cmd, int result,
    const char *cause, double secs)
{
	struct sshcfg_exec	*x;

	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	x = &e->v[e->n++];
	x->cmd = xstrdup(cmd);
	x->result = result;
	x->cause = cause != NULL ? xstrdup(cause) : NULL;
	e->left = secs < e->left ? e->left - secs : 0;
}

void
sshcfg_execs_free(struct sshcfg_execs *e)
{
	u_int	i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n; i++) {
		free(e->v[i].cmd);
		free(e->v[i].cause);
	}
	free(e->v);
	free(e->pending);
	free(e);
}
