/*
 * diagnose.c: tterm --diagnose, without the screen. The check is
 * ssh-check.c's; here are the questions a jump host's login puts (a
 * password, a one-time code, an unknown key), asked on the terminal as ssh
 * asks them. An answer is given from the loop, as a form's would be, not
 * from inside the question: the connection that asked is not re-entered.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tterm.h"

static struct question	*diag_pending;

/* One line from tty, without echo when secret; NULL at its end. */
static char *
diag_read(FILE *tty, const char *label, int secret)
{
	struct termios	 t, saved;
	char		 line[1024], *s = NULL;
	int		 fd = fileno(tty), quiet = 0;

	fprintf(tty, "%s ", label);
	fflush(tty);
	if (secret && tcgetattr(fd, &saved) == 0) {
		t = saved;
		t.c_lflag &= ~(tcflag_t)ECHO;
		quiet = tcsetattr(fd, TCSAFLUSH, &t) == 0;
	}
	if (fgets(line, sizeof line, tty) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		s = xstrdup(line);
	}
	explicit_bzero(line, sizeof line);
	if (quiet) {
		tcsetattr(fd, TCSAFLUSH, &saved);
		fputc('\n', tty);
	}
	return (s);
}

/* Put q to the user on the terminal and give its answer. */
static void
diag_answer(struct question *q)
{
	FILE	*tty = fopen("/dev/tty", "r+");
	char	**ans, *key;
	u_int	 i;

	if (tty == NULL) {
		fprintf(stderr, _("tterm: %s: no terminal to ask on\n"),
		    q->title);
		q->cb(q->arg, 0, NULL);
		return;
	}
	fprintf(tty, "%s\n%s\n", q->title, q->text);
	if (q->keys != NULL) {
		key = diag_read(tty, "?", 0);
		q->cb(q->arg, key != NULL && strchr(q->keys, key[0]) != NULL &&
		    key[0] != '\0' ? key[0] : 0, NULL);
		free(key);
		fclose(tty);
		return;
	}
	ans = xcalloc(q->n + 1, sizeof *ans);
	for (i = 0; i < q->n; i++) {
		if ((ans[i] = diag_read(tty, q->labels[i], !q->echo[i])) ==
		    NULL)
			break;
	}
	q->cb(q->arg, i == q->n ? '\r' : 0, i == q->n ? ans : NULL);
	for (i = 0; i < q->n; i++)
		freezero_str(ans[i]);
	free(ans);
	fclose(tty);
}

static void
diag_ask(struct tab *t, struct question *q)
{
	(void)t;
	question_free(diag_pending);	/* one at a time, as the forms */
	diag_pending = q;
}

static void
diag_unask(struct tab *t, void *arg)
{
	(void)t;
	if (diag_pending != NULL && diag_pending->arg == arg) {
		question_free(diag_pending);
		diag_pending = NULL;
	}
}

static u_int
diag_number(const struct tab *t)
{
	(void)t;
	return (0);
}

static int
diag_reconnect(struct tab *t, char **cause)
{
	(void)t;
	*cause = xstrdup("no tabs here");
	return (-1);
}

static const struct transport_owner diag_owner = {
	diag_ask, diag_unask, diag_number, diag_reconnect, 1
};

static u_int
diag_count(void)
{
	return (0);
}

static int
diag_pollfds(struct pollfd *pfd, int max)
{
	(void)pfd;
	(void)max;
	return (0);
}

static double
diag_deadline(void)
{
	return (diag_pending != NULL ? 0 : -1);
}

static void
diag_service(void)
{
	struct question	*q = diag_pending;

	if (q == NULL)
		return;
	diag_pending = NULL;
	diag_answer(q);
	question_free(q);
}

static const struct source diag_source = {
	"diagnose", diag_count, diag_pollfds, diag_deadline, diag_service
};

/* Check the SSH destination of profile p; the exit status. */
int
diagnose_run(const struct profile *p)
{
	struct sshdest	d;
	int		rc;

	if (p->host == NULL || *p->host == '\0') {
		fprintf(stderr, _("tterm: --diagnose needs a destination:"
		    " [user@]host[:port] or a profile with a Host\n"));
		return (SSHCHECK_USAGE);
	}
	transport_set_owner(&diag_owner);
	source_add(&diag_source);
	dest_ssh(p, &d);
	d.diagnose = 1;
	rc = sshcheck_run(&d, stdout);
	dest_ssh_free(&d);
	question_free(diag_pending);
	diag_pending = NULL;
	return (rc);
}
