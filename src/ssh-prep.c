/*
 * ssh-prep.c: what an SSH tab does before its route can be made: run the
 * ssh_config's Match exec commands its lookups meet, one at a time and
 * without waiting for them, so that the other tabs and the keyboard go on
 * while a command (a network probe, say) takes its time.
 *
 * The route is planned with the answers known so far (route_prepare());
 * the first command not known yet is run (askcmd.c), its exit status
 * kept, and the plan made again, until one needs nothing more. All the
 * commands of a tab share SSHCFG_EXEC seconds, as ssh's lookups do here;
 * one still running then is stopped and taken as not matching.
 *
 * The tab's destination is held as a copy meanwhile: the profile it was
 * made from may be replaced before the route is made.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

struct sshprep {
	struct sshdest	 d;		/* the copy, with execs */
	struct profile	*prof;		/* d.prof's copy */
	struct askcmd	*cmd;		/* the one running, or NULL */
	char		*line;		/* its command line */
	double		 start;
	char		*config, *term, *password, *answer_cmd;
	char		*answer_prompt, *password_cmd;	/* d's strings */
};

static char *
sshprep_dup(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

/* Hold d's strings as ours. */
static void
sshprep_hold(struct sshprep *p, const struct sshdest *d)
{
	u_int	i;

	p->d = *d;
	p->d.user = sshprep_dup(d->user);
	p->d.host = sshprep_dup(d->host);
	p->d.ids = d->nids > 0 ? xcalloc(d->nids, sizeof *p->d.ids) : NULL;
	for (i = 0; i < d->nids; i++)
		p->d.ids[i] = xstrdup(d->ids[i]);
	p->d.config = p->config = sshprep_dup(d->config);
	p->d.term = p->term = sshprep_dup(d->term);
	p->d.password = p->password = sshprep_dup(d->password);
	p->d.jump = sshprep_dup(d->jump);
	p->d.forwarding = sshprep_dup(d->forwarding);
	p->d.answer_cmd = p->answer_cmd = sshprep_dup(d->answer_cmd);
	p->d.answer_prompt = p->answer_prompt = sshprep_dup(d->answer_prompt);
	p->d.password_cmd = p->password_cmd = sshprep_dup(d->password_cmd);
	p->d.cfg = NULL;
	p->d.proxy_command = NULL;
	if (d->prof != NULL)
		p->d.prof = p->prof = profile_copy(d->prof);
}

/* Start the command the plan waits for; a failure to start is its answer. */
static void
sshprep_run(struct sshprep *p, const char *line)
{
	char	*cause = NULL;

	free(p->line);
	p->line = xstrdup(line);
	p->start = clock_now();
	if (sshcfg_execs_left(p->d.execs) <= 0) {
		xasprintf(&cause, _("not run: the %.0f s for Match exec are"
		    " used up"), SSHCFG_EXEC);
		sshcfg_execs_set(p->d.execs, line, -1, cause, 0);
		free(cause);
		return;
	}
	log_debug("ssh_config: Match exec %s", line);
	p->cmd = askcmd_start(line, sshcfg_execs_left(p->d.execs), &cause);
	if (p->cmd == NULL) {
		sshcfg_execs_set(p->d.execs, line, -1, cause, 0);
		free(cause);
	}
}

/*
 * A tab's preparation for d, or NULL when its plan needs no command (the
 * caller goes on with d as it is).
 */
struct sshprep *
sshprep_new(const struct sshdest *d)
{
	struct sshprep		*p;
	struct sshdest		 probe = *d;
	const char		*line;

	probe.execs = sshcfg_execs_new();
	if (!d->use_config || (line = route_prepare(&probe, 1)) == NULL) {
		sshcfg_execs_free(probe.execs);
		return (NULL);
	}
	p = xcalloc(1, sizeof *p);
	sshprep_hold(p, d);
	p->d.execs = probe.execs;
	sshprep_run(p, line);
	return (p);
}

/* How the command ended, as Match exec takes it. */
static void
sshprep_done(struct sshprep *p, int r)
{
	int	 st = askcmd_status(p->cmd);
	double	 took = clock_now() - p->start;
	char	*cause = NULL;

	if (st == -1 && r == -1)
		xasprintf(&cause, _("still running after %.1f s: stopped"),
		    took);
	else if (st == -1)
		cause = xstrdup(_("cannot wait for it"));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		cause = xstrdup(_("the shell could not run it (status 127)"));
	else if (WIFSIGNALED(st))
		xasprintf(&cause, _("it was killed by signal %d"),
		    WTERMSIG(st));
	if (cause != NULL)
		sshcfg_execs_set(p->d.execs, p->line, -1, cause, took);
	else
		sshcfg_execs_set(p->d.execs, p->line,
		    WIFEXITED(st) && WEXITSTATUS(st) == 0, NULL, took);
	free(cause);
	askcmd_free(p->cmd);
	p->cmd = NULL;
}

/* Move on: 0 while a command runs, 1 once the route can be made. */
int
sshprep_step(struct sshprep *p)
{
	const char	*line;
	int		 r = 0;

	while (p->cmd == NULL || (r = askcmd_step(p->cmd)) != 0) {
		if (p->cmd != NULL)
			sshprep_done(p, r);
		if ((line = route_prepare(&p->d, 1)) == NULL)
			return (1);
		sshprep_run(p, line);
	}
	return (0);
}

/* The fd to wait on, or -1. */
int
sshprep_fd(const struct sshprep *p)
{
	return (p->cmd != NULL ? askcmd_fd(p->cmd) : -1);
}

/* When to look again without news on the fd. */
double
sshprep_deadline(const struct sshprep *p)
{
	return (p->cmd != NULL ? askcmd_deadline(p->cmd) : clock_now());
}

/* The destination, held until the tab closes (the route may keep some of
 * its strings). */
const struct sshdest *
sshprep_dest(const struct sshprep *p)
{
	return (&p->d);
}

/* The command running, for the status bar. */
const char *
sshprep_command(const struct sshprep *p)
{
	return (p->line != NULL ? p->line : "");
}

void
sshprep_free(struct sshprep *p)
{
	u_int	i;

	if (p == NULL)
		return;
	askcmd_free(p->cmd);
	free(p->line);
	free(p->d.user);
	free(p->d.host);
	for (i = 0; i < p->d.nids; i++)
		free(p->d.ids[i]);
	free(p->d.ids);
	free(p->config);
	free(p->term);
	freezero_str(p->password);
	free(p->d.jump);
	free(p->d.forwarding);
	free(p->answer_cmd);
	free(p->answer_prompt);
	free(p->password_cmd);
	profile_free(p->prof);
	sshcfg_execs_free(p->d.execs);
	free(p);
}
