/*
 * ssh.c: the SSH transport. One non-blocking libssh session per tab, driven
 * by the main loop through transport_ops: each wake-up (or deadline) runs
 * ssh_step(), which moves the session through its phases:
 *
 *   resolving -> connecting -> key exchange -> host key -> authenticating
 *   -> opening the shell -> connected -> closed
 *
 * Nothing here blocks: the name is resolved in a thread (net.c), the TCP
 * connect is ours and non-blocking, libssh runs in non-blocking mode with
 * its socket put back to O_NONBLOCK after every ssh_connect() (libssh 0.10
 * makes it blocking), and every phase has a deadline of its own because
 * libssh ignores its timeout in this mode. Questions to the user (host
 * keys, passwords, one-time codes) are forms of the tab; the loop keeps
 * running while they are up.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "tterm.h"

#define SSH_T_RESOLVE	30.0	/* seconds for each phase */
#define SSH_T_CONNECT	10.0	/* per address */
#define SSH_T_KEX	30.0
#define SSH_T_SERVER	30.0	/* waiting for a server's answer */
#define SSH_T_BANNER	3.0	/* for the server's greeting */

static const char *ssh_phase_names[] = {
	"resolving", "connecting", "key exchange", "host key",
	"authenticating", "opening shell", "connected", "disconnected"
};

double
ssh_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Add text to what the tab shows; lines end with CRLF for the terminal. */
void
ssh_say(struct sshc *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p;
	size_t	 need;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	need = c->outlen + strlen(s) * 2 + 8;
	if (need > c->outsize) {
		c->outsize = need * 2;
		c->out = xreallocarray(c->out, c->outsize, 1);
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n')
			c->out[c->outlen++] = '\r';
		c->out[c->outlen++] = *p;
	}
	free(s);
}

/* Set the phase and its deadline (0: none). */
void
ssh_phase(struct sshc *c, enum ssh_phase phase, double secs)
{
	c->phase = phase;
	c->deadline = secs > 0 ? ssh_now() + secs : 0;
	ui_redraw_bars = 1;
	log_debug("ssh %s: %s", c->host, ssh_phase_names[phase]);
}

/* End the session with a reason, shown in the tab and the status bar. */
void
ssh_fail(struct sshc *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	free(c->tr->cause);
	c->tr->cause = s;
	ssh_phase(c, SP_CLOSED, 0);
	if (c->fd != -1 && !c->libssh_fd) {
		close(c->fd);
		c->fd = -1;
	}
}

/* libssh puts its socket back to blocking after connecting (0.10). */
static void
ssh_nonblock(struct sshc *c)
{
	int	fd = ssh_get_fd(c->s), fl;

	if (fd != -1 && (fl = fcntl(fd, F_GETFL)) != -1 && !(fl & O_NONBLOCK))
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void
ssh_log_cb(int priority, const char *function, const char *buffer,
    void *data)
{
	log_debug("libssh: %s", buffer);
}

/* Try the next resolved address, or diagnose why none worked. */
static void
ssh_try_address(struct sshc *c)
{
	c->fd = net_try(&c->ai_next, c->tcp_keepalive, c->ip, sizeof c->ip,
	    &c->last_errno);
	if (c->fd == -1) {
		ssh_diag_connect(c);
		return;
	}
	ssh_say(c, "Connecting to %s (%s) port %u...\n", c->host, c->ip,
	    c->port);
	ssh_phase(c, SP_CONNECTING, c->connect_timeout);
}

/* The TCP connection is up: hand it to libssh and start the exchange. */
static void
ssh_start_kex(struct sshc *c)
{
	ssh_options_set(c->s, SSH_OPTIONS_FD, &c->fd);
	c->libssh_fd = 1;
	/* Servers speak first: wait a moment for the greeting, so that
	 * something else than SSH can be shown for what it is. */
	ssh_phase(c, SP_KEX, SSH_T_BANNER);
	c->banner_peeked = 0;
	c->kex_started = 0;
}

static void
ssh_step_resolve(struct sshc *c)
{
	struct addrinfo	*res;
	int		 error, r;

	if ((r = resolve_finish(&c->res, &res, &error)) > 0)
		return;
	if (r < 0) {
		ssh_diag_resolve(c, error);
		return;
	}
	c->ai_list = c->ai_next = res;
	ssh_try_address(c);
}

static void
ssh_step_connect(struct sshc *c, int timed_out)
{
	int	err;

	if ((err = net_connect_step(&c->fd, timed_out)) == EINPROGRESS)
		return;
	if (err == 0) {
		ssh_start_kex(c);
		return;
	}
	c->last_errno = err;
	log_debug("ssh %s: %s: %s", c->host, c->ip, strerror(err));
	ssh_try_address(c);
}

static void
ssh_step_kex(struct sshc *c, int timed_out)
{
	int	rc;

	if (!c->kex_started) {
		switch (ssh_peek_banner(c)) {
		case 0:
			if (!timed_out)
				return;	/* nothing yet */
			break;		/* a server that waits for us */
		case -1:
			ssh_diag_kex(c);	/* closed without a word */
			return;
		default:
			if (strncmp(c->banner, "SSH-", 4) != 0) {
				ssh_diag_kex(c);
				return;
			}
			break;
		}
		c->kex_started = 1;
		c->deadline = ssh_now() + SSH_T_KEX;
	} else if (!c->banner_peeked)
		ssh_peek_banner(c);
	rc = ssh_connect(c->s);
	ssh_nonblock(c);
	if (rc == SSH_AGAIN)
		return;
	if (rc != SSH_OK) {
		ssh_diag_kex(c);
		return;
	}
	ssh_phase(c, SP_HOSTKEY, 0);
	ssh_hostkey_check(c);
}

/* Open a session channel, ask for a pty, then a shell. */
static void
ssh_step_channel(struct sshc *c)
{
	int	rc = SSH_OK;

	switch (c->chstep) {
	case 0:
		if ((c->ch = ssh_channel_new(c->s)) == NULL) {
			ssh_fail(c, "cannot create a channel: %s",
			    ssh_get_error(c->s));
			return;
		}
		c->chstep = 1;
		/* FALLTHROUGH */
	case 1:
		if ((rc = ssh_channel_open_session(c->ch)) != SSH_OK)
			break;
		c->chstep = 2;
		/* FALLTHROUGH */
	case 2:
		rc = ssh_channel_request_pty_size(c->ch, c->term, c->cols,
		    c->rows);
		if (rc != SSH_OK)
			break;
		c->chstep = 3;
		/* FALLTHROUGH */
	case 3:
		if ((rc = ssh_channel_request_shell(c->ch)) != SSH_OK)
			break;
		c->chstep = 4;
		if ((c->ev = ssh_event_new()) == NULL ||
		    ssh_event_add_session(c->ev, c->s) != SSH_OK) {
			ssh_fail(c, "cannot watch the session");
			return;
		}
		ssh_phase(c, SP_CONNECTED, 0);
		ssh_keepalive_start(c);
		/* A size change while the shell was being opened. */
		ssh_channel_change_pty_size(c->ch, c->cols, c->rows);
		return;
	}
	if (rc == SSH_AGAIN)
		return;
	ssh_fail(c, "the server refused a %s: %s",
	    c->chstep == 1 ? "session" : (c->chstep == 2 ? "terminal" :
	    "shell"), ssh_get_error(c->s));
	ssh_say(c, "\nThe login worked but the server would not start a"
	    " shell.\n");
}

/* Move what the channel has into the tab's text; notice its end. */
static void
ssh_step_connected(struct sshc *c)
{
	char	buf[16384];
	int	n, k, budget = 8, st;

	while (budget-- > 0 && ssh_event_dopoll(c->ev, 0) == SSH_OK)
		;
	if (!ssh_is_connected(c->s)) {
		ssh_drain(c);
		ssh_fail(c, "connection lost: %s", ssh_get_error(c->s));
		ssh_say(c, "\r\n[the connection to %s was lost]\r\n", c->host);
		return;
	}
	for (k = 0; k < 2; k++) {
		while ((n = ssh_channel_read_nonblocking(c->ch, buf,
		    sizeof buf, k)) > 0)
			ssh_out(c, buf, n);
	}
	if (ssh_channel_is_eof(c->ch) || ssh_channel_is_closed(c->ch)) {
		/* The exit status may come just after the EOF: wait for it
		 * (or the close) a moment. */
		st = ssh_channel_get_exit_status(c->ch);
		if (st == -1 && !ssh_channel_is_closed(c->ch)) {
			if (c->deadline == 0)
				c->deadline = ssh_now() + 2;
			if (ssh_now() < c->deadline)
				return;
		}
		c->tr->exited = 1;
		c->tr->status = (st < 0 ? 255 : st & 0xff) << 8;
		log_debug("ssh %s: shell exited with %d", c->host, st);
		ssh_phase(c, SP_CLOSED, 0);
		return;
	}
	ssh_keepalive_check(c);
}

/* Append channel data for the tab. */
void
ssh_out(struct sshc *c, const char *buf, size_t len)
{
	if (c->outlen + len > c->outsize) {
		c->outsize = (c->outlen + len) * 2;
		c->out = xreallocarray(c->out, c->outsize, 1);
	}
	memcpy(c->out + c->outlen, buf, len);
	c->outlen += len;
}

/* Read what is left on a channel that is going away. */
void
ssh_drain(struct sshc *c)
{
	char	buf[16384];
	int	n;

	if (c->ch == NULL)
		return;
	while ((n = ssh_channel_read_nonblocking(c->ch, buf, sizeof buf,
	    0)) > 0)
		ssh_out(c, buf, n);
}

/* Run the state machine as far as it goes now. */
void
ssh_step(struct sshc *c, int timed_out)
{
	enum ssh_phase	before;

	do {
		before = c->phase;
		if (c->waiting)
			return;		/* a form is up */
		if (timed_out && c->deadline != 0 && ssh_now() < c->deadline)
			timed_out = 0;
		switch (c->phase) {
		case SP_RESOLVING:
			if (timed_out)
				ssh_fail(c, "name lookup timed out");
			else
				ssh_step_resolve(c);
			break;
		case SP_CONNECTING:
			ssh_step_connect(c, timed_out);
			break;
		case SP_KEX:
			if (timed_out && c->kex_started)
				ssh_diag_timeout(c, "key exchange");
			else
				ssh_step_kex(c, timed_out);
			break;
		case SP_HOSTKEY:
			break;
		case SP_AUTH:
			if (timed_out)
				ssh_diag_timeout(c, "authentication");
			else
				ssh_auth_step(c);
			break;
		case SP_CHANNEL:
			if (timed_out)
				ssh_diag_timeout(c, "opening the shell");
			else
				ssh_step_channel(c);
			break;
		case SP_CONNECTED:
			ssh_step_connected(c);
			break;
		case SP_CLOSED:
			break;
		}
		timed_out = 0;
	} while (c->phase != before && c->phase != SP_CLOSED);
}

/* The host key was accepted (or is known): log in. */
void
ssh_hostkey_ok(struct sshc *c)
{
	ssh_phase(c, SP_AUTH, c->server_timeout);
	ssh_auth_start(c);
	ssh_step(c, 0);
}

/* Authentication succeeded: open the shell. */
void
ssh_auth_done(struct sshc *c)
{
	ssh_say(c, "Authenticated to %s as %s.\n", c->host, c->user);
	ssh_phase(c, SP_CHANNEL, c->server_timeout);
	c->chstep = 0;
}

/* Start an SSH tab's connection. */
int
ssh_open(struct transport *tr, struct tab *tab, const struct ssh_dest *d,
    u_int rows, u_int cols, char **cause)
{
	struct sshc	*c;
	char		*s = NULL;
	int		 zero = 0, verbosity = SSH_LOG_PROTOCOL;
	u_int		 port = 0, i;

	c = xcalloc(1, sizeof *c);
	c->tr = tr;
	c->tab = tab;
	c->fd = -1;
	c->rows = rows;
	c->cols = cols;
	c->connect_timeout = d->connect_timeout > 0 ? d->connect_timeout :
	    SSH_T_CONNECT;
	c->keepalive = d->keepalive;
	c->server_timeout = d->server_timeout > 0 ? d->server_timeout :
	    SSH_T_SERVER;
	c->tcp_keepalive = d->tcp_keepalive;
	memset(tr, 0, sizeof *tr);
	tr->ops = &ssh_ops;
	tr->data = c;
	tr->tab = tab;

	if ((c->s = ssh_new()) == NULL) {
		xasprintf(cause, "cannot create an SSH session");
		goto fail;
	}
	/* Every libssh call must return at once: the loop drives it. */
	ssh_set_blocking(c->s, 0);
	ssh_set_log_callback(ssh_log_cb);
	ssh_options_set(c->s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_options_set(c->s, SSH_OPTIONS_PROCESS_CONFIG, &zero);
	ssh_options_set(c->s, SSH_OPTIONS_HOST, d->host);
	if (d->user != NULL)
		ssh_options_set(c->s, SSH_OPTIONS_USER, d->user);
	if (d->port != 0)
		ssh_options_set(c->s, SSH_OPTIONS_PORT, &d->port);
	ssh_dirs(c);
	if (d->use_config &&
	    ssh_options_parse_config(c->s, d->config) != SSH_OK) {
		xasprintf(cause, "cannot read %s: %s", d->config != NULL ?
		    d->config : "~/.ssh/config", ssh_get_error(c->s));
		goto fail;
	}
	/* The command line beats the configuration file. */
	if (d->user != NULL)
		ssh_options_set(c->s, SSH_OPTIONS_USER, d->user);
	if (d->port != 0)
		ssh_options_set(c->s, SSH_OPTIONS_PORT, &d->port);
	ssh_options_set(c->s, SSH_OPTIONS_PROXYCOMMAND, "none");
	c->term = d->term != NULL ? d->term : opts.term;
	if (d->prof != NULL && ssh_profile_apply(c, d, cause) != 0)
		goto fail;

	if (ssh_options_get(c->s, SSH_OPTIONS_HOST, &s) == SSH_OK) {
		c->host = xstrdup(s);
		ssh_string_free_char(s);
	} else
		c->host = xstrdup(d->host);
	if (ssh_options_get(c->s, SSH_OPTIONS_USER, &s) == SSH_OK) {
		c->user = xstrdup(s);
		ssh_string_free_char(s);
	} else
		c->user = xstrdup("root");
	ssh_options_get_port(c->s, &port);
	c->port = port != 0 ? port : 22;
	for (i = 0; i < d->nids; i++)
		ssh_auth_add_identity(c, d->ids[i], 1);
	/* An IdentityFile from the configuration file comes next. */
	if (d->use_config &&
	    ssh_options_get(c->s, SSH_OPTIONS_IDENTITY, &s) == SSH_OK) {
		ssh_auth_config_identity(c, s);
		ssh_string_free_char(s);
	}
	ssh_auth_default_identities(c);

	ssh_say(c, "Resolving %s...\n", c->host);
	if ((c->res = resolve_start(c->host, c->port, cause)) == NULL)
		goto fail;
	ssh_phase(c, SP_RESOLVING, SSH_T_RESOLVE);
	return (0);

fail:
	ssh_close_data(c);
	tr->data = NULL;
	return (-1);
}

static int
ssh_pollfds(struct transport *tr, struct pollfd *pfd, int max, int want_write)
{
	struct sshc	*c = tr->data;
	int		 fd;

	if (max < 1 || c == NULL || c->waiting)
		return (0);
	pfd->revents = 0;
	switch (c->phase) {
	case SP_RESOLVING:
		pfd->fd = resolve_fd(c->res);
		pfd->events = POLLIN;
		return (1);
	case SP_CONNECTING:
		pfd->fd = c->fd;
		pfd->events = POLLOUT;
		return (1);
	case SP_KEX:
		if (c->kex_started)
			break;
		pfd->fd = c->fd;	/* waiting for the greeting */
		pfd->events = POLLIN;
		return (1);
	case SP_HOSTKEY:
	case SP_CLOSED:
		return (0);
	default:
		break;
	}
	if ((fd = ssh_get_fd(c->s)) == -1)
		return (0);
	pfd->fd = fd;
	pfd->events = POLLIN;
	if ((ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING) ||
	    (want_write && c->phase == SP_CONNECTED))
		pfd->events |= POLLOUT;
	return (1);
}

static void
ssh_service(struct transport *tr, const struct pollfd *pfd, int n)
{
	struct sshc	*c = tr->data;
	int		 i, woke = 0;

	if (c == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (pfd[i].revents != 0)
			woke = 1;
	}
	ssh_step(c, !woke);
}

static ssize_t
ssh_read(struct transport *tr, char *buf, size_t len)
{
	struct sshc	*c = tr->data;

	if (c == NULL)
		return (-1);
	if (c->outlen > 0) {
		if (len > c->outlen)
			len = c->outlen;
		memcpy(buf, c->out, len);
		memmove(c->out, c->out + len, c->outlen - len);
		c->outlen -= len;
		return (len);
	}
	if (c->phase == SP_CLOSED)
		return (-1);
	return (0);
}

static ssize_t
ssh_write(struct transport *tr, const char *buf, size_t len)
{
	struct sshc	*c = tr->data;
	int		 n;

	if (c == NULL || c->phase == SP_CLOSED)
		return (-1);
	if (c->phase != SP_CONNECTED)
		return (0);	/* kept until the shell is there */
	n = ssh_channel_write(c->ch, buf, len);
	if (n == SSH_ERROR)
		return (-1);
	return (n);
}

static void
ssh_resize(struct transport *tr, u_int rows, u_int cols)
{
	struct sshc	*c = tr->data;

	if (c == NULL)
		return;
	c->rows = rows;
	c->cols = cols;
	if (c->phase == SP_CONNECTED)
		ssh_channel_change_pty_size(c->ch, cols, rows);
}

/* Seconds until ssh_step() must run without a wake-up, or -1. */
static double
ssh_timeout(struct transport *tr)
{
	struct sshc	*c = tr->data;
	double		 now = ssh_now(), t = -1;

	if (c == NULL || c->waiting || c->phase == SP_CLOSED)
		return (-1);
	if (c->deadline != 0)
		t = c->deadline - now;
	if (c->phase == SP_CONNECTED && c->ka_next != 0 &&
	    (t < 0 || c->ka_next - now < t))
		t = c->ka_next - now;
	if (t != -1 && t < 0)
		t = 0;
	return (t);
}

static const char *
ssh_status(struct transport *tr)
{
	struct sshc	*c = tr->data;
	static char	 buf[256];

	if (c == NULL)
		return ("ssh");
	if (c->phase == SP_CONNECTED && c->ka_missed > 0)
		snprintf(buf, sizeof buf, "ssh %s@%s: NO ANSWER for %.0f s",
		    c->user, c->host, ssh_now() - c->ka_last);
	else if (c->phase == SP_CONNECTED)
		snprintf(buf, sizeof buf, "ssh %s@%s", c->user, c->host);
	else if (c->phase == SP_CLOSED)
		snprintf(buf, sizeof buf, "ssh %s@%s: disconnected", c->user,
		    c->host);
	else
		snprintf(buf, sizeof buf, "ssh %s@%s: %s%s", c->user, c->host,
		    ssh_phase_names[c->phase], c->waiting ? " (waiting for"
		    " you)" : "");
	return (buf);
}

/* Free everything of a connection. */
void
ssh_close_data(struct sshc *c)
{
	if (c == NULL)
		return;
	ssh_auth_free(c);
	if (c->ch != NULL) {
		if (ssh_is_connected(c->s) && !ssh_channel_is_closed(c->ch))
			ssh_channel_close(c->ch);
		ssh_channel_free(c->ch);
	}
	if (c->ev != NULL) {
		ssh_event_remove_session(c->ev, c->s);
		ssh_event_free(c->ev);
	}
	/*
	 * libssh 0.10 closes a socket given with SSH_OPTIONS_FD in ssh_free()
	 * unless ssh_disconnect() ran first: then it is ours to close.
	 */
	if (c->s != NULL && c->libssh_fd && ssh_is_connected(c->s)) {
		ssh_disconnect(c->s);
		ssh_free(c->s);
		close(c->fd);
	} else if (c->s != NULL)
		ssh_free(c->s);
	if (!c->libssh_fd && c->fd != -1)
		close(c->fd);
	if (c->res != NULL)
		resolve_free(c->res);
	if (c->ai_list != NULL)
		freeaddrinfo(c->ai_list);
	ssh_hostkey_free(c);
	free(c->host);
	free(c->user);
	free(c->out);
	free(c);
}

static void
ssh_close(struct transport *tr)
{
	ssh_close_data(tr->data);
	tr->data = NULL;
}

const struct transport_ops ssh_ops = {
	.name = "ssh",
	.pollfds = ssh_pollfds,
	.service = ssh_service,
	.read = ssh_read,
	.write = ssh_write,
	.resize = ssh_resize,
	.deadline = ssh_timeout,
	.status = ssh_status,
	.close = ssh_close,
};
