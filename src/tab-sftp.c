/*
 * tab-sftp.c: an SSH tab's SFTP transfers (sftpjob.c): started from the
 * transfer form, shown in the status bar, cancelled with the prefix key,
 * let go with the tab (tab.c, before its connection closes).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

static void
tab_sftp_done(void *arg, struct sftpjob *j, int ok, const char *msg)
{
	struct tab	*t = arg;
	u_int		 i;

	for (i = 0; i < t->njobs; i++) {
		if (t->jobs[i] == j) {
			memmove(&t->jobs[i], &t->jobs[i + 1],
			    (t->njobs - i - 1) * sizeof *t->jobs);
			t->njobs--;
			break;
		}
	}
	tab_say(t, msg);
	if (j == t->watch_job) {
		t->watch_job = NULL;
		if (t->watch != NULL && t->watch->xfer != NULL)
			t->watch->xfer(t->watch_data, ok);
	}
}

/* SCP's stream when the server has no SFTP. */
static struct tunnel *
tab_sftp_exec(void *arg, const char *cmd, char **cause)
{
	struct tab	*t = arg;

	return (sshtab_exec(&t->tr, cmd, cause));
}

static const struct sftpjob_cb tab_sftp_cb = { tab_sftp_done,
	tab_sftp_exec };

/* Start a transfer; put: local to remote; watched: the tab's watcher (a
 * macro) hears of its end. -1 with why if it cannot. */
int
tab_sftp_start(struct tab *t, int put, const char *local, const char *remote,
    int policy, int watched, char **cause)
{
	struct sftpc	*s;
	struct sftpjob	*j;

	if (t->njobs == TAB_JOBS) {
		xasprintf(cause, ngettext("%u transfer runs in this tab"
		    " already", "%u transfers run in this tab already",
		    TAB_JOBS), TAB_JOBS);
		return (-1);
	}
	if ((s = sshtab_sftp(&t->tr, cause)) == NULL)
		return (-1);
	j = sftpjob_start(s, put, local, remote, policy, &tab_sftp_cb, t,
	    cause);
	if (j == NULL)
		return (-1);
	t->jobs[t->njobs++] = j;
	if (watched)
		t->watch_job = j;
	tab_poke(t);
	return (0);
}

/* Cancel transfer n (from 0), newest last; -1 if there is none. */
int
tab_sftp_cancel(struct tab *t, u_int n)
{
	if (n >= t->njobs)
		return (-1);
	sftpjob_cancel(t->jobs[n]);	/* tab_sftp_done takes it out */
	return (0);
}

/* Every transfer's progress, " | " between them; 0 if there is none. */
int
tab_sftp_status(struct tab *t, char *buf, size_t len)
{
	size_t	 used = 0;
	u_int	 i;
	int	 n;

	if (t->njobs == 0 || len == 0)
		return (0);
	buf[0] = '\0';
	for (i = 0; i < t->njobs && used < len; i++) {
		n = snprintf(buf + used, len - used, "%s%s", i > 0 ? " | " :
		    "", sftpjob_status(t->jobs[i]));
		if (n < 0)
			break;
		used += n;
	}
	return (1);
}

/* The remote folder for the form: the shell's (OSC 7), or NULL. */
const char *
tab_sftp_cwd(struct tab *t)
{
	return (term_cwd(&t->term));
}
