/*
 * ssh.c: the SSH transport of a tab. A tab has a route (route.c): jump
 * hosts, if any, then its destination, each a connection of sshconn.c.
 * Once every hop is logged in, the tab opens its own session channel on
 * the destination:
 *
 *   [Match exec commands ->] route -> opening the shell (channel, pty, [agent,] shell) -> connected
 *   -> closed
 *
 * What the tab forwards (forward.c) starts with the shell and goes with
 * the tab.
 * A plain SSH tab is a route of one hop. The connections are stepped by
 * the loop (sshconn_service()); the tab follows them, and runs whenever
 * one of its hops may have news for it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ssh-int.h"

enum {
	TS_PREP,		/* running Match exec (ssh-prep.c) */
	TS_ROUTE,		/* waiting for the hops */
	TS_CHANNEL,		/* opening the shell */
	TS_CONNECTED,
	TS_CLOSED
};

struct sshtab {
	struct transport *tr;
	struct sshprep	*prep;		/* its Match exec, or NULL */
	struct route	*route;		/* NULL while preparing */
	struct sshc	*c;		/* the destination */
	struct forward	*fwd;		/* ports and agent, or NULL */
	struct sftpc	*sftp;		/* file transfers, or NULL */
	int		 phase;
	ssh_channel	 ch;
	int		 chstep;
	u_int		 rows, cols;
	char		*term;		/* TERM for the remote pty */
	char		*host;		/* as given, until there is a route */
	double		 deadline;
	u_int		 seen;		/* route_activity() when last run */
	char		 status[256];
};

/* The tab ends: keep why for its end mark. */
static void
sshtab_fail(struct sshtab *s, const char *why)
{
	free(s->tr->cause);
	s->tr->cause = xstrdup(why);
	s->phase = TS_CLOSED;
}

/* Open a session channel, ask for a pty, the agent if forwarded (which
 * the server may refuse: the shell comes anyway), then a shell. */
static void
sshtab_channel(struct sshtab *s)
{
	struct sshc	*c = s->c;
	int		 rc = SSH_OK;

	switch (s->chstep) {
	case 0:
		if ((s->ch = ssh_channel_new(c->s)) == NULL) {
			sshc_fail(c, _("cannot create a channel: %s"),
			    ssh_get_error(c->s));
			return;
		}
		s->chstep = 1;
		/* FALLTHROUGH */
	case 1:
		if ((rc = ssh_channel_open_session(s->ch)) != SSH_OK)
			break;
		s->chstep = 2;
		/* FALLTHROUGH */
	case 2:
		rc = ssh_channel_request_pty_size(s->ch, s->term, s->cols,
		    s->rows);
		if (rc != SSH_OK)
			break;
		s->chstep = 3;
		/* FALLTHROUGH */
	case 3:
		if (forward_agent(s->fwd) &&
		    (rc = ssh_channel_request_auth_agent(s->ch)) != SSH_OK) {
			if (rc == SSH_AGAIN)
				return;
			route_say(s->route, _("[agent forwarding: refused by"
			    " the server]\n"));
		}
		s->chstep = 4;
		/* FALLTHROUGH */
	case 4:
		if ((rc = ssh_channel_request_shell(s->ch)) != SSH_OK)
			break;
		s->chstep = 5;
		s->phase = TS_CONNECTED;
		s->deadline = 0;
		/* A size change while the shell was being opened. */
		ssh_channel_change_pty_size(s->ch, s->cols, s->rows);
		return;
	}
	if (rc == SSH_AGAIN)
		return;
	if (s->chstep == 1)
		sshc_fail(c, _("the server refused a session: %s"),
		    ssh_get_error(c->s));
	else if (s->chstep == 2)
		sshc_fail(c, _("the server refused a terminal: %s"),
		    ssh_get_error(c->s));
	else
		sshc_fail(c, _("the server refused a shell: %s"),
		    ssh_get_error(c->s));
	sshc_say(c, _("\nThe login worked but the server would not start a"
	    " shell.\n"));
}

/*
 * Whether the channel holds output the tab has not read (it reads the
 * channel itself, in sshtab_read(), as much as its budget allows).
 */
static int
sshtab_buffered(struct sshtab *s)
{
	/* A lost session's channel keeps what it had, but libssh no longer
	 * lets it be read: waiting for it would wait for ever. */
	if (!ssh_is_connected(s->c->s))
		return (0);
	return (ssh_channel_poll(s->ch, 0) > 0 ||
	    ssh_channel_poll(s->ch, 1) > 0);
}

/* Notice the shell's end, or the route's, once its output is all read. */
static void
sshtab_connected(struct sshtab *s)
{
	const char	*why;
	int		 st;

	if (sshtab_buffered(s))
		return;
	if (ssh_channel_is_eof(s->ch) || ssh_channel_is_closed(s->ch)) {
		/* The exit status may come just after the EOF: wait for it
		 * (or the close) a moment. */
		st = ssh_channel_get_exit_status(s->ch);
		if (st == -1 && !ssh_channel_is_closed(s->ch) &&
		    s->c->phase == SP_READY) {
			if (s->deadline == 0)
				s->deadline = clock_now() + 2;
			if (clock_now() < s->deadline)
				return;
		}
		if (st != -1 || s->c->phase == SP_READY) {
			s->tr->exited = 1;
			s->tr->status = (st < 0 ? 255 : st & 0xff) << 8;
			log_debug("ssh %s: shell exited with %d", s->c->host,
			    st);
			s->phase = TS_CLOSED;
			return;
		}
	}
	/* After the shell's last words: what the hops said, how it ended. */
	if (route_check(s->route, &why) == ROUTE_FAILED)
		sshtab_fail(s, why);
}

static int	sshtab_prepared(struct sshtab *);

/* Follow the route, then the channel, as far as they go now. */
static void
sshtab_step(struct sshtab *s)
{
	const char	*why;

	if (s->phase == TS_PREP && sshtab_prepared(s) != 0)
		return;
	s->seen = route_activity(s->route);
	if (s->phase == TS_ROUTE) {
		switch (route_check(s->route, &why)) {
		case ROUTE_WAIT:
			return;
		case ROUTE_FAILED:
			sshtab_fail(s, why);
			return;
		}
		s->phase = TS_CHANNEL;
		s->chstep = 0;
		s->deadline = clock_now() + s->c->server_timeout;
		forward_start(s->fwd, s->c);
	}
	if (s->phase == TS_CHANNEL) {
		if (clock_now() >= s->deadline)
			sshdiag_timeout(s->c, _("opening the shell"));
		else
			sshtab_channel(s);
		if (route_check(s->route, &why) == ROUTE_FAILED)
			sshtab_fail(s, why);
	}
	if (s->phase == TS_CONNECTED)
		sshtab_connected(s);
	/* The session is over: so are its ports, as with ssh(1). */
	if (s->phase == TS_CLOSED)
		forward_stop(s->fwd);
	else
		forward_after(s->fwd);
	s->seen = route_activity(s->route);
}

/* Make the tab's route to d: -1 with why if it cannot be made. */
static int
sshtab_route(struct sshtab *s, const struct sshdest *d, char **cause)
{
	const char	*cfg;
	char		*spec = NULL;

	if ((s->route = route_open(d, 1, s->tr->tab, cause)) == NULL)
		return (-1);
	s->c = route_last(s->route);
	/* The configuration's DynamicForward adds to the profile's. */
	if ((cfg = route_dynamic(s->route)) != NULL && d->forwarding != NULL &&
	    *d->forwarding != '\0')
		xasprintf(&spec, "%s;%s", d->forwarding, cfg);
	s->fwd = forward_new(spec != NULL ? spec : cfg != NULL ? cfg :
	    d->forwarding, d->fwd_agent, s->route);
	free(spec);
	s->phase = TS_ROUTE;
	return (0);
}

/* While Match exec runs: 0 once the route is made, else not yet or
 * failed (the tab is closed with why). */
static int
sshtab_prepared(struct sshtab *s)
{
	char	*cause = NULL;

	if (sshprep_step(s->prep) == 0)
		return (1);
	if (sshtab_route(s, sshprep_dest(s->prep), &cause) != 0) {
		sshtab_fail(s, cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/* Start an SSH tab's route to d, once its Match exec commands have run. */
int
sshtab_open(struct transport *tr, struct tab *tab, const struct sshdest *d,
    u_int rows, u_int cols, char **cause)
{
	struct sshtab	*s;

	memset(tr, 0, sizeof *tr);
	s = xcalloc(1, sizeof *s);
	s->tr = tr;
	tr->tab = tab;
	s->rows = rows;
	s->cols = cols;
	s->term = xstrdup(d->term != NULL ? d->term : opts.term);
	s->host = xstrdup(d->host);
	if ((s->prep = sshprep_new(d)) != NULL)
		s->phase = TS_PREP;
	else if (sshtab_route(s, d, cause) != 0) {
		free(s->host);
		free(s->term);
		free(s);
		return (-1);
	}
	tr->ops = &sshtab_ops;
	tr->data = s;
	return (0);
}

/* The destination's socket, so that the loop's budgets apply; a tunnel's
 * bytes arrive between polls and are announced by sshtab_timeout(). */
static int
sshtab_pollfds(struct transport *tr, struct pollfd *pfd, int max,
    int want_write)
{
	struct sshtab	*s = tr->data;
	int		 fd;

	if (max >= 1 && s != NULL && s->phase == TS_PREP &&
	    (fd = sshprep_fd(s->prep)) != -1) {
		pfd->fd = fd;
		pfd->events = POLLIN;
		pfd->revents = 0;
		return (1);
	}
	if (max < 1 || s == NULL || s->phase <= TS_ROUTE ||
	    s->phase == TS_CLOSED || (fd = ssh_get_fd(s->c->s)) == -1)
		return (0);
	pfd->fd = fd;
	pfd->events = POLLIN;
	pfd->revents = 0;
	if (want_write && s->phase == TS_CONNECTED)
		pfd->events |= POLLOUT;
	return (1);
}

static void
sshtab_service(struct transport *tr, const struct pollfd *pfd, int n)
{
	struct sshtab	*s = tr->data;

	if (s != NULL && s->phase != TS_CLOSED)
		sshtab_step(s);
}

static ssize_t
sshtab_read(struct transport *tr, char *buf, size_t len)
{
	struct sshtab	*s = tr->data;
	ssize_t		 n;
	int		 k;

	if (s == NULL)
		return (-1);
	if (s->route == NULL)
		return (s->phase == TS_CLOSED ? -1 : 0);
	/* What the hops said first, then the shell's output (its errors
	 * after): one copy, from libssh's buffer to the tab's. */
	if ((n = route_read(s->route, buf, len)) > 0)
		return (n);
	if (s->phase == TS_CONNECTED) {
		for (k = 0; k < 2; k++) {
			n = ssh_channel_read_nonblocking(s->ch, buf, len, k);
			if (n > 0)
				return (n);
		}
	}
	return (s->phase == TS_CLOSED ? -1 : 0);
}

/*
 * Whether the tab has work without a new byte on the socket: output in
 * the channel's buffer, or its end not yet looked at. The loop does not
 * wait while a tab has some.
 */
static int
sshtab_pending(struct transport *tr)
{
	struct sshtab	*s = tr->data;

	if (s == NULL || s->phase != TS_CONNECTED)
		return (0);
	if (sshtab_buffered(s))
		return (1);
	return (s->deadline == 0 && (ssh_channel_is_eof(s->ch) ||
	    ssh_channel_is_closed(s->ch)));
}

static ssize_t
sshtab_write(struct transport *tr, const char *buf, size_t len)
{
	struct sshtab	*s = tr->data;
	int		 n;

	if (s == NULL || s->phase == TS_CLOSED)
		return (-1);
	if (s->phase != TS_CONNECTED)
		return (0);	/* kept until the shell is there */
	n = ssh_channel_write(s->ch, buf, len);
	if (n == SSH_AGAIN)
		return (0);	/* kept: the loop tries again */
	if (n < 0) {
		log_debug("ssh %s: write: %s", s->c->host,
		    ssh_get_error(s->c->s));
		return (-1);
	}
	return (n);
}

static void
sshtab_resize(struct transport *tr, u_int rows, u_int cols)
{
	struct sshtab	*s = tr->data;

	if (s == NULL)
		return;
	s->rows = rows;
	s->cols = cols;
	if (s->phase == TS_CONNECTED)
		ssh_channel_change_pty_size(s->ch, cols, rows);
}

/* Seconds until the tab must run without a wake-up, or -1: at once when a
 * hop of its route has done something since it last ran. */
static double
sshtab_timeout(struct transport *tr)
{
	struct sshtab	*s = tr->data;
	double		 t;

	if (s == NULL || s->phase == TS_CLOSED)
		return (-1);
	if (s->phase == TS_PREP) {
		t = sshprep_deadline(s->prep) - clock_now();
		return (t < 0 ? 0 : t);
	}
	if (route_activity(s->route) != s->seen)
		return (0);
	if (s->deadline == 0)
		return (-1);
	t = s->deadline - clock_now();
	return (t < 0 ? 0 : t);
}

static const char *
sshtab_status(struct transport *tr)
{
	struct sshtab	*s = tr->data;
	char		 more[160], fwd[64];

	if (s == NULL)
		return ("ssh");
	if (s->route == NULL) {
		if (s->phase == TS_CLOSED)
			snprintf(s->status, sizeof s->status, "ssh %s: %s",
			    s->host, _("disconnected"));
		else
			snprintf(s->status, sizeof s->status, "ssh %s: %s%s",
			    s->host, _("Match exec "), sshprep_command(s->prep));
		return (s->status);
	}
	route_status(s->route, more, sizeof more);
	forward_status(s->fwd, fwd, sizeof fwd);
	if (*more == '\0' && *fwd != '\0' && s->phase == TS_CONNECTED)
		snprintf(more, sizeof more, _("forwarding %s"), fwd);
	if (s->phase == TS_CLOSED)
		snprintf(s->status, sizeof s->status, "ssh %s: %s",
		    route_name(s->route), _("disconnected"));
	else if (*more != '\0')
		snprintf(s->status, sizeof s->status, "ssh %s: %s",
		    route_name(s->route), more);
	else if (s->phase == TS_CHANNEL || s->phase == TS_ROUTE)
		/* The hops are logged in, the shell is still to come: not
		 * "connected" yet (keys typed now wait for it). */
		snprintf(s->status, sizeof s->status, "ssh %s: %s",
		    route_name(s->route), _("opening shell"));
	else
		snprintf(s->status, sizeof s->status, "ssh %s",
		    route_name(s->route));
	return (s->status);
}

/* The channel goes first, then the route (which may close the hops). */
static void
sshtab_close(struct transport *tr)
{
	struct sshtab	*s = tr->data;

	if (s == NULL)
		return;
	sftpc_free(s->sftp);
	forward_free(s->fwd);
	if (s->ch != NULL) {
		if (ssh_is_connected(s->c->s) && !ssh_channel_is_closed(s->ch))
			ssh_channel_close(s->ch);
		ssh_channel_free(s->ch);
	}
	if (s->route != NULL)
		route_close(s->route);
	sshprep_free(s->prep);
	free(s->host);
	free(s->term);
	free(s);
	tr->data = NULL;
}

/*
 * The tab's SFTP session, opened on first use on the destination's
 * connection; NULL with why if the tab
 * is not an SSH tab with its shell open.
 */
struct sftpc *
sshtab_sftp(struct transport *tr, char **cause)
{
	struct sshtab	*s = tr->data;

	if (tr->ops != &sshtab_ops || s == NULL) {
		*cause = xstrdup(_("files move over SSH tabs only (ZMODEM,"
		    " XMODEM and YMODEM work on every tab)"));
		return (NULL);
	}
	if (s->phase != TS_CONNECTED) {
		*cause = xstrdup(_("the tab is not connected"));
		return (NULL);
	}
	/* One that failed stays (jobs going by scp still use it): its
	 * failure answers the next job at once. */
	if (s->sftp == NULL)
		s->sftp = sftpc_new(s->c);
	return (s->sftp);
}

/* A command on the tab's server, its stream through a tunnel (scp). */
struct tunnel *
sshtab_exec(struct transport *tr, const char *cmd, char **cause)
{
	struct sshtab	*s = tr->data;

	if (tr->ops != &sshtab_ops || s == NULL || s->phase != TS_CONNECTED) {
		*cause = xstrdup(_("the tab is not connected"));
		return (NULL);
	}
	return (tunnel_new_exec(s->c, cmd));
}

/* Until the shell is open: the login (and its forms) comes first. */
static int
sshtab_connecting(const struct transport *tr)
{
	const struct sshtab	*s = tr->data;

	return (s != NULL && s->phase < TS_CONNECTED);
}

const struct transport_ops sshtab_ops = {
	.name = "ssh",
	.pollfds = sshtab_pollfds,
	.service = sshtab_service,
	.read = sshtab_read,
	.write = sshtab_write,
	.resize = sshtab_resize,
	.deadline = sshtab_timeout,
	.status = sshtab_status,
	.close = sshtab_close,
	.pending = sshtab_pending,
	.connecting = sshtab_connecting,
};
