/*
 * sshconn.c: SSH connections, one per hop. Each runs libssh in
 * non-blocking mode through its phases:
 *
 *   [tunnel through the previous hop | resolving -> connecting]
 *   -> key exchange -> host key -> authenticating -> ready -> closed
 *
 * A connection to a jump host is shared: every tab whose route passes
 * through the same (user, host, port) over the same hops uses it, so its
 * login (and its one-time code) is asked for once, and its keepalive runs
 * once. A destination's connection belongs to one tab, so that a session
 * dying there affects that tab only.
 *
 * Nothing here blocks: names are resolved in a thread (net.c), the TCP
 * connect is ours and non-blocking, the socket is put back to O_NONBLOCK
 * after every ssh_connect() (libssh 0.10 makes it blocking), and every
 * phase has a deadline of its own because libssh ignores its timeout in
 * this mode. The loop steps every connection on each pass, outer hops
 * first, so bytes pumped into a tunnel reach the hop behind it at once.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define SSHC_T_RESOLVE	30.0	/* seconds for each phase */
#define SSHC_T_CONNECT	10.0	/* per address */
#define SSHC_T_SERVER	30.0	/* waiting for a server's answer */
#define SSHC_T_BANNER	3.0	/* for the server's greeting */

/* What shows that the peer has hung up, without reading its data. */
#ifdef POLLRDHUP
#define SSHC_POLL_GONE	POLLRDHUP
#else
#define SSHC_POLL_GONE	POLLIN
#endif
#define SSHC_POLL_BUDGET	64	/* ssh_event_dopoll() calls per pass */
#define SSHC_ROUNDS	4	/* steps of every connection per pass */

#define SSHC_HOOKS	4

static struct sshc *sshconn_list;
static void	 sshconn_free(struct sshc *);
static void	 sshconn_release(struct sshc *);
static const struct sshconn_hooks *sshconn_hooks[SSHC_HOOKS];
static u_int	 sshconn_nhooks;

/* A layer above joins the connections' passes (once per hooks). */
void
sshconn_hook(const struct sshconn_hooks *h)
{
	u_int	i;

	for (i = 0; i < sshconn_nhooks; i++) {
		if (sshconn_hooks[i] == h)
			return;
	}
	if (sshconn_nhooks == SSHC_HOOKS)
		fatal("%s: too many", __func__);
	sshconn_hooks[sshconn_nhooks++] = h;
}

/* libssh puts its socket back to blocking after connecting (0.10). */
static void
sshconn_nonblock(struct sshc *c)
{
	int	fd = ssh_get_fd(c->s), fl;

	if (fd != -1 && (fl = fcntl(fd, F_GETFL)) != -1 && !(fl & O_NONBLOCK))
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/*
 * libssh's messages go to the debug log. At SSH_LOG_PROTOCOL, the level
 * set below, libssh logs no packet contents, so no password, answer or
 * passphrase reaches it (tests/e2e/secrets.sh greps the log for them);
 * a higher level must not be used without checking that again.
 */
static void
sshconn_log_cb(int priority, const char *function, const char *buffer,
    void *data)
{
	log_debug("libssh: %s", buffer);
}

/* Try the next resolved address, or diagnose why none worked. */
static void
sshconn_try_address(struct sshc *c)
{
	while (c->ai_next != NULL) {
		net_address(c->ai_next, c->ip, sizeof c->ip);
		c->fd = net_connect(c->ai_next, c->tcp_keepalive);
		c->ai_next = c->ai_next->ai_next;
		if (c->fd != -1) {
			sshc_set_phase(c, SP_CONNECTING, c->connect_timeout);
			sshc_say(c, _("Connecting to %s (%s) port %u...\n"),
			    c->host, c->ip, c->port);
			return;
		}
		c->last_errno = errno;
	}
	sshdiag_connect(c);
}

/* The byte stream is up: hand it to libssh and start the exchange. */
static void
sshconn_start_kex(struct sshc *c)
{
	double	wait = SSHC_T_BANNER;

	ssh_options_set(c->s, SSH_OPTIONS_FD, &c->fd);
	c->libssh_fd = 1;
	/* Servers speak first: wait a moment for the greeting, so that
	 * something else than SSH can be shown for what it is. The whole
	 * exchange gets the server's time (--server-timeout) from here. */
	if (wait > c->server_timeout)
		wait = c->server_timeout;
	sshc_set_phase(c, SP_KEX, wait);
	c->kex_deadline = clock_now() + c->server_timeout;
	c->banner_peeked = 0;
	c->kex_started = 0;
}

static void
sshconn_step_resolve(struct sshc *c)
{
	struct addrinfo	*res;
	int		 error, r;

	if ((r = resolve_done(c->res, &res, &error)) > 0)
		return;
	resolve_free(c->res);
	c->res = NULL;
	if (r < 0) {
		sshdiag_resolve(c, error);
		return;
	}
	c->ai_list = c->ai_next = res;
	sshconn_try_address(c);
}

static void
sshconn_step_connect(struct sshc *c, int timed_out)
{
	int	err;

	if (timed_out)
		err = ETIMEDOUT;
	else if ((err = net_connected(c->fd)) == EINPROGRESS || err == EALREADY)
		return;
	if (err == 0) {
		sshconn_start_kex(c);
		return;
	}
	close(c->fd);
	c->fd = -1;
	c->last_errno = err;
	log_debug("ssh %s: %s: %s", c->host, c->ip, strerror(err));
	sshconn_try_address(c);
}

/* Through a jump host: wait for the tunnel, then speak SSH over it. */
static void
sshconn_step_forward(struct sshc *c)
{
	const char	*why;

	switch (tunnel_state(c->tun, &why)) {
	case TUNNEL_OPENING:
		return;
	case TUNNEL_OPEN:
		c->fd = tunnel_take_fd(c->tun);
		snprintf(c->ip, sizeof c->ip, _("through %s"), c->via->name);
		sshc_say(c, _("Connected to %s port %u through %s.\n"), c->host,
		    c->port, c->via->name);
		sshconn_start_kex(c);
		return;
	}
	if (c->via->phase == SP_CLOSED) {
		sshc_fail(c, _("jump host %s: %s"), c->via->name,
		    c->via->cause != NULL ? c->via->cause : _("closed"));
		return;
	}
	sshc_say(c, _("\n*** Jump host %s cannot reach %s port %u: %s\n"
	    "    - Is the name right as the jump host sees it?\n"
	    "    - Is sshd running there, and reachable from %s?\n"
	    "    - Does %s allow forwarding (AllowTcpForwarding)?\n"),
	    c->via->name, c->host, c->port, why, c->via->name, c->via->name);
	sshc_fail(c, _("%s cannot reach %s port %u"), c->via->name, c->host,
	    c->port);
}

/*
 * The ProxyCommand closed the connection before the server spoke: say
 * how it ended, once it has (a second at most, the loop reaps it).
 */
static void
sshconn_proxy_closed(struct sshc *c)
{
	char	why[64];
	int	ended;

	ended = proxy_ended(c->proxy, why, sizeof why);
	if (!ended && c->proxy_wait == 0) {
		c->proxy_wait = clock_now() + 1;
		c->deadline = c->proxy_wait;
		return;
	}
	if (!ended && clock_now() < c->proxy_wait)
		return;
	if (!ended)
		snprintf(why, sizeof why, _("closed its connection"));
	sshc_say(c, _("\n*** ProxyCommand %s %s before the server spoke\n"
	    "    - What it wrote to its error output, if anything, is"
	    " above.\n"
	    "    - Try it in a shell: it should connect to %s port %u and"
	    " pass the\n      bytes both ways on its input and output.\n"),
	    proxy_command(c->proxy), why, c->host, c->port);
	sshc_fail(c, _("ProxyCommand %s"), why);
}

static void
sshconn_step_kex(struct sshc *c, int timed_out)
{
	int	rc;

	if (c->proxy_wait != 0) {
		sshconn_proxy_closed(c);
		return;
	}
	if (!c->kex_started) {
		switch (sshdiag_peek_banner(c)) {
		case 0:
			if (!timed_out)
				return;	/* nothing yet */
			break;		/* a server that waits for us */
		case -1:
			if (c->proxy != NULL)
				sshconn_proxy_closed(c);
			else
				sshdiag_kex(c);	/* closed without a word */
			return;
		default:
			if (strncmp(c->banner, "SSH-", 4) != 0) {
				sshdiag_kex(c);
				return;
			}
			break;
		}
		c->kex_started = 1;
		c->deadline = c->kex_deadline;
		sshdiag_greeting(c);
	} else if (!c->banner_peeked)
		sshdiag_peek_banner(c);
	rc = ssh_connect(c->s);
	sshconn_nonblock(c);
	if (rc == SSH_AGAIN)
		return;
	if (rc != SSH_OK) {
		sshdiag_kex(c);
		return;
	}
	sshc_set_phase(c, SP_HOSTKEY, 0);
	sshalgo_negotiated(c);
	hostkey_check(c);
}

/* Logged in: move the socket's bytes into the channels; notice a loss. */
static void
sshconn_step_ready(struct sshc *c)
{
	int	budget = SSHC_POLL_BUDGET;

	while (budget-- > 0 && ssh_event_dopoll(c->ev, 0) == SSH_OK)
		c->activity++;
	if (!ssh_is_connected(c->s)) {
		sshc_say(c, _("\n[the connection to %s was lost]\n"),
		    c->name);
		sshc_fail(c, _("connection lost: %s"), ssh_get_error(c->s));
		return;
	}
	sshdiag_keepalive_check(c);
}

/*
 * While a form waits for the user, libssh is not called, so nothing would
 * see the server give up (sshd's LoginGraceTime ends the connection
 * without a word). The end of the peer's stream is watched instead, without
 * reading what libssh has yet to read.
 */
static int
sshconn_peer_gone(struct sshc *c)
{
	struct pollfd	pfd;
	int		fd = ssh_get_fd(c->s);
#ifndef POLLRDHUP
	char		b;
#endif

	if (fd == -1)
		return (1);
	pfd.fd = fd;
	pfd.events = SSHC_POLL_GONE;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) <= 0)
		return (0);
	if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
		return (1);
#ifdef POLLRDHUP
	return ((pfd.revents & POLLRDHUP) != 0);
#else
	return (recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0);
#endif
}

/* A jump host before c whose connection has ended, or NULL. */
static struct sshc *
sshconn_hop_gone(struct sshc *c)
{
	struct sshc	*v;

	for (v = c->via; v != NULL; v = v->via) {
		if (v->phase == SP_CLOSED || sshconn_peer_gone(v))
			return (v);
	}
	return (NULL);
}

/* The server hung up while the user had its question in front of them:
 * its login time passed, or a jump host on the way went. */
static void
sshconn_gone_waiting(struct sshc *c)
{
	struct sshc	*v;

	c->waiting = 0;
	transport_unask(c->tab, c);
	if ((v = sshconn_hop_gone(c)) != NULL) {
		sshc_say(c, _("\n*** The connection to jump host %s was lost"
		    " while tterm waited for your answer\n"
		    "    - Reconnect (prefix r) once it is back; a one-time"
		    " code needs a fresh one.\n"), v->name);
		sshc_fail(c, _("connection to jump host %s lost"), v->name);
		return;
	}
	sshc_say(c, _("\n*** %s closed the connection while tterm waited for"
	    " your answer\n"
	    "    - Servers give a login a limited time (sshd's"
	    " LoginGraceTime, 2 minutes\n"
	    "      by default) and hang up when it has passed.\n"
	    "    - Reconnect (prefix r) and answer within that time; a"
	    " one-time code\n      needs a fresh one.\n"), c->host);
	sshc_fail(c, _("the server closed the connection while waiting for"
	    " your answer"));
}

/* Authentication succeeded (c->authed): the connection is ready for
 * channels. */
static void
sshconn_auth_done(struct sshc *c)
{
	sshc_say(c, _("Authenticated to %s as %s.\n"), c->host, c->user);
	if ((c->ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(c->ev, c->s) != SSH_OK) {
		sshc_fail(c, _("cannot watch the session"));
		return;
	}
	/* Counted from here on: keepalives, forwards and sshconn_timeout()
	 * read them. Freed after the session (see sshconn_free()). */
	c->counters = xcalloc(1, sizeof *c->counters);
	ssh_set_counters(c->s, NULL, c->counters);
	sshc_set_phase(c, SP_READY, 0);
	c->was_ready = 1;
	c->revive = 1;
	sshdiag_keepalive_start(c);
}

/* Run the state machine as far as it goes now. */
void
sshconn_step(struct sshc *c, int timed_out)
{
	enum sshc_phase	before;

	c->kick = 0;
	do {
		before = c->phase;
		if (c->waiting) {	/* a form is up, or a command runs */
			if (c->acmd != NULL)
				sshanswer_step(c);
			else if (sshconn_peer_gone(c))
				sshconn_gone_waiting(c);
			return;
		}
		if (timed_out && c->deadline != 0 && clock_now() < c->deadline)
			timed_out = 0;
		switch (c->phase) {
		case SP_FORWARD:
			sshconn_step_forward(c);
			break;
		case SP_RESOLVING:
			if (timed_out)
				sshc_fail(c, _("name lookup timed out"));
			else
				sshconn_step_resolve(c);
			break;
		case SP_CONNECTING:
			sshconn_step_connect(c, timed_out);
			break;
		case SP_KEX:
			if (timed_out && c->kex_started)
				sshdiag_timeout(c, c->banner[0] == '\0' ?
				    _("the SSH greeting") : _("key exchange"));
			else
				sshconn_step_kex(c, timed_out);
			break;
		case SP_HOSTKEY:
			break;
		case SP_AUTH:
			if (timed_out)
				sshdiag_timeout(c, _("authentication"));
			else
				sshauth_step(c);
			if (c->authed && c->phase == SP_AUTH)
				sshconn_auth_done(c);
			break;
		case SP_READY:
			sshconn_step_ready(c);
			break;
		case SP_CLOSED:
			break;
		}
		timed_out = 0;
	} while (c->phase != before && c->phase != SP_CLOSED);
}

/*
 * The options the hop's ssh_config gives (ssh-config.c) to libssh, as a
 * file without blocks that libssh reads from memory: libssh 0.10 parses
 * only files, and the blocks are tterm's to read.
 */
static int
sshconn_config(struct sshc *c, const struct sshcfg *cfg, char **cause)
{
	char	*text, path[64];
	size_t	 len;
	int	 fd = -1, r = -1;

	text = sshcfg_text(cfg, &len);
	if (len == 0) {
		free(text);
		return (0);
	}
	if ((fd = memfd_create("ssh_config", MFD_CLOEXEC)) == -1 ||
	    write(fd, text, len) != (ssize_t)len) {
		xasprintf(cause, _("cannot pass the SSH configuration to"
		    " libssh: %s"), strerror(errno));
		goto out;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (access(path, R_OK) != 0) {	/* libssh would skip it silently */
		xasprintf(cause, _("cannot pass the SSH configuration to"
		    " libssh: %s: %s"), path, strerror(errno));
		goto out;
	}
	if (ssh_options_parse_config(c->s, path) != SSH_OK) {
		xasprintf(cause, _("libssh cannot take the SSH configuration:"
		    " %s"), ssh_get_error(c->s));
		goto out;
	}
	r = 0;
out:
	if (fd != -1)
		close(fd);
	free(text);
	return (r);
}

/* Set the session's options from d; fill in host, user and port. */
static int
sshconn_options(struct sshc *c, const struct sshdest *d, char **cause)
{
	char	*s = NULL;
	int	 zero = 0, verbosity = SSH_LOG_PROTOCOL;
	u_int	 port = 0, i;

	/* Every libssh call must return at once: the loop drives it. */
	ssh_set_blocking(c->s, 0);
	ssh_set_log_callback(sshconn_log_cb);
	ssh_options_set(c->s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_options_set(c->s, SSH_OPTIONS_PROCESS_CONFIG, &zero);
	if (ssh_options_set(c->s, SSH_OPTIONS_HOST, d->host) != SSH_OK) {
		xasprintf(cause, _("bad host name '%s': %s"), d->host,
		    ssh_get_error(c->s));
		return (-1);
	}
	sshdiag_dirs(c);
	if (d->cfg != NULL && sshconn_config(c, d->cfg, cause) != 0)
		return (-1);
	/* The command line beats the configuration file. */
	if (d->user != NULL)
		ssh_options_set(c->s, SSH_OPTIONS_USER, d->user);
	if (d->port != 0)
		ssh_options_set(c->s, SSH_OPTIONS_PORT, &d->port);
	/*
	 * libssh turns a ProxyJump it reads into an "ssh -W" command run by
	 * the shell (hops reversed, its errors lost); tterm builds the chain
	 * itself, so no command is ever run.
	 */
	ssh_options_set(c->s, SSH_OPTIONS_PROXYCOMMAND, "none");
	/* A profile's algorithms, known hosts and login (the destination). */
	if (d->prof != NULL && sshalgo_apply(c, d, cause) != 0)
		return (-1);

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
		sshauth_add_identity(c, d->ids[i], 1);
	/* The configuration's IdentityFile lines come next (all of them:
	 * libssh hands back only the first), and its CertificateFile. */
	if (d->cfg != NULL)
		sshauth_config_files(c, d);
	else if (d->use_config &&
	    ssh_options_get(c->s, SSH_OPTIONS_IDENTITY, &s) == SSH_OK) {
		sshauth_config_identity(c, s);
		ssh_string_free_char(s);
	}
	sshauth_default_identities(c);
	return (0);
}

/* Reach c through its ProxyCommand (its tokens expanded, as ssh's). */
static int
sshconn_proxy(struct sshc *c, const struct sshdest *d, char **cause)
{
	struct sshcfg_tokens	 t;
	char			*cmd, *why = NULL;
	struct passwd		*pw = getpwuid(getuid());

	memset(&t, 0, sizeof t);
	t.h = c->host;
	t.n = d->host;
	t.r = c->user;
	t.u = pw != NULL ? pw->pw_name : "";
	t.p = c->port;
	if ((cmd = sshcfg_expand(d->proxy_command, &t, &why)) == NULL) {
		xasprintf(cause, _("ProxyCommand for %s: %s"), d->host, why);
		free(why);
		return (-1);
	}
	sshc_say(c, _("Running ProxyCommand %s\n"), cmd);
	c->proxy = proxy_start(c, cmd, &c->fd, cause);
	free(cmd);
	if (c->proxy == NULL)
		return (-1);
	snprintf(c->ip, sizeof c->ip, "ProxyCommand");
	sshconn_start_kex(c);
	return (0);
}

/* A live shared connection to the same hop over the same hops, or NULL. */
static struct sshc *
sshconn_find(const char *hopid, struct sshc *via)
{
	struct sshc	*c;

	for (c = sshconn_list; c != NULL; c = c->next) {
		if (c->shared && c->via == via && c->phase != SP_CLOSED &&
		    strcmp(c->hopid, hopid) == 0)
			return (c);
	}
	return (NULL);
}

static const struct source sshconn_source;

static void
sshconn_link(struct sshc *c)
{
	struct sshc	**cp;

	source_add(&sshconn_source);
	for (cp = &sshconn_list; *cp != NULL; cp = &(*cp)->next)
		;
	*cp = c;
}

/* Start (or, for a jump host, share) the connection to d through via. */
struct sshc *
sshconn_get(const struct sshdest *d, struct sshc *via, int shared,
    struct tab *tab, char **cause)
{
	struct sshc	*c, *old;

	c = xcalloc(1, sizeof *c);
	c->refs = 1;
	c->release = sshconn_release;
	c->fd = -1;
	c->shared = shared;
	c->tab = tab;
	c->diagnose = d->diagnose && !shared;	/* jump hosts log in */
	c->name = xstrdup(d->host);
	c->connect_timeout = d->connect_timeout > 0 ? d->connect_timeout :
	    SSHC_T_CONNECT;
	c->keepalive = d->keepalive;
	c->server_timeout = d->server_timeout > 0 ? d->server_timeout :
	    SSHC_T_SERVER;
	c->tcp_keepalive = d->tcp_keepalive;
	if ((c->s = ssh_new()) == NULL) {
		xasprintf(cause, _("cannot create an SSH session"));
		goto fail;
	}
	if (sshconn_options(c, d, cause) != 0)
		goto fail;
	if (!shared)	/* a jump host's questions are the user's */
		sshanswer_setup(c, d);
	xasprintf(&c->hopid, "%s@%s:%u", c->user, c->host, c->port);
	if (shared && (old = sshconn_find(c->hopid, via)) != NULL) {
		sshconn_free(c);
		old->refs++;
		if (old->tab == NULL)
			old->tab = tab;
		return (old);
	}
	if (shared)
		xasprintf(&c->label, _("Jump host %s: "), c->name);
	else
		c->label = xstrdup("");
	if (via != NULL) {
		c->via = via;
		c->tun = tunnel_new(via, c->host, c->port);
		sshc_say(c, _("Opening a tunnel to %s port %u through %s...\n"),
		    c->host, c->port, via->name);
		sshc_set_phase(c, SP_FORWARD, 0);
	} else if (d->proxy_command != NULL) {
		if (sshconn_proxy(c, d, cause) != 0)
			goto fail;
	} else {
		sshc_say(c, _("Resolving %s...\n"), c->host);
		if ((c->res = resolve_start(c->host, c->port, cause)) == NULL)
			goto fail;
		sshc_set_phase(c, SP_RESOLVING, SSHC_T_RESOLVE);
	}
	sshconn_link(c);
	return (c);

fail:
	sshconn_free(c);
	return (NULL);
}

/*
 * A connection that failed before it began (its route could not be
 * made): text and why for the tab that shows it.
 */
struct sshc *
sshconn_dead(const char *name, struct tab *tab, const char *text,
    const char *why)
{
	struct sshc	*c = xcalloc(1, sizeof *c);

	c->refs = 1;
	c->release = sshconn_release;
	c->fd = -1;
	c->tab = tab;
	c->name = xstrdup(name);
	c->host = xstrdup(name);
	c->user = xstrdup("");
	c->label = xstrdup("");
	c->hopid = xstrdup("");
	if (*text != '\0')
		sshc_say(c, "%s", text);
	else
		sshc_say(c, "\n*** %s\n", why);
	sshc_fail(c, "%s", why);
	return (c);
}

/* Free everything of a connection (unlinked). */
static void
sshconn_free(struct sshc *c)
{
	if (c == NULL)
		return;
	sshauth_free(c);
	sshanswer_free(c);
	sshalgo_free(c);
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
	/* After the session: ssh_disconnect() counts its last packet. */
	free(c->counters);
	if (!c->libssh_fd && c->fd != -1)
		close(c->fd);
	if (c->res != NULL)
		resolve_free(c->res);
	if (c->ai_list != NULL)
		freeaddrinfo(c->ai_list);
	/* The session over a tunnel goes first, then the tunnel's channel;
	 * a ProxyCommand has seen its socket close, and is stopped. */
	tunnel_free(c->tun);
	proxy_free(c->proxy);
	hostkey_free(c);
	free(c->host);
	free(c->user);
	free(c->name);
	free(c->hopid);
	free(c->label);
	free(c->cause);
	free(c->out);
	free(c);
}

/* The last user of c is gone (sshc_put): unlink it and close it. */
static void
sshconn_release(struct sshc *c)
{
	struct sshc	**cp;

	for (cp = &sshconn_list; *cp != NULL; cp = &(*cp)->next) {
		if (*cp == c) {
			*cp = c->next;
			break;
		}
	}
	log_debug("ssh %s: closed", c->name);
	sshconn_free(c);
}

/* How many fds the connections, tunnels and forwarding may watch. */
static u_int
sshconn_count(void)
{
	struct sshc	*c;
	u_int		 n = 0, i;

	for (c = sshconn_list; c != NULL; c = c->next)
		n++;
	for (i = 0; i < sshconn_nhooks; i++) {
		if (sshconn_hooks[i]->count != NULL)
			n += sshconn_hooks[i]->count();
	}
	return (n + tunnel_count() + proxy_count());
}

/* The fd one connection waits on, in pfd; 1 if there is one. */
static int
sshconn_pollfd(struct sshc *c, struct pollfd *pfd)
{
	int	fd;

	pfd->revents = 0;
	if (c->acmd != NULL) {	/* its output, not the server, for now */
		if ((pfd->fd = sshanswer_fd(c)) == -1)
			return (0);
		pfd->events = POLLIN;
		return (1);
	}
	if (c->waiting && (c->phase == SP_HOSTKEY || c->phase == SP_AUTH)) {
		if ((pfd->fd = ssh_get_fd(c->s)) == -1)
			return (0);
		pfd->events = SSHC_POLL_GONE;	/* see sshconn_peer_gone() */
		return (1);
	}
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
		if (c->proxy_wait != 0)
			return (0);	/* for its status: the loop reaps it */
		pfd->fd = c->fd;	/* waiting for the greeting */
		pfd->events = POLLIN;
		return (1);
	case SP_FORWARD:
	case SP_HOSTKEY:
	case SP_CLOSED:
		return (0);
	default:
		break;
	}
	if (c->waiting || (fd = ssh_get_fd(c->s)) == -1)
		return (0);
	pfd->fd = fd;
	pfd->events = POLLIN;
	if (ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING)
		pfd->events |= POLLOUT;
	return (1);
}

/* Add every connection's and tunnel's fds; returns how many. */
static int
sshconn_pollfds(struct pollfd *pfd, int max)
{
	struct sshc	*c;
	int		 n = 0;
	u_int		 i;

	for (c = sshconn_list; c != NULL && n < max; c = c->next)
		n += sshconn_pollfd(c, pfd + n);
	n += tunnel_pollfds(pfd + n, max - n);
	n += proxy_pollfds(pfd + n, max - n);
	for (i = 0; i < sshconn_nhooks; i++) {
		if (sshconn_hooks[i]->pollfds != NULL)
			n += sshconn_hooks[i]->pollfds(pfd + n, max - n);
	}
	return (n);
}

/*
 * Step every connection, outer hops first, with the tunnels pumped before
 * and after: what a jump host received reaches the hop behind it in the
 * same pass, and what that hop wrote leaves in the same pass too. While
 * tunnels open or move bytes, again (a few rounds): nothing else would
 * wake the hops behind them; the hooks' services (forwarding accepts
 * and asks) run in each round too. Then the hooks hear of connections
 * that have just logged in (tabs lost with that jump host connect again).
 */
static void
sshconn_service(void)
{
	struct sshc	*c;
	double		 now = clock_now();
	int		 round = 0, changed;
	u_int		 i;

	tunnel_service();
	proxy_service();
	do {
		for (c = sshconn_list; c != NULL; c = c->next)
			sshconn_step(c, c->deadline != 0 && now >= c->deadline);
		changed = tunnel_service();
		/* What came in may answer a forward's request, or be a new
		 * stream of one: pumped in the next round. */
		for (i = 0; i < sshconn_nhooks; i++) {
			if (sshconn_hooks[i]->service != NULL)
				changed |= sshconn_hooks[i]->service();
		}
	} while (changed && ++round < SSHC_ROUNDS);
	for (c = sshconn_list; c != NULL; c = c->next) {
		if (c->counters != NULL)
			c->rx_seen = c->counters->in_packets;
	}
again:
	for (c = sshconn_list; c != NULL; c = c->next) {
		if (!c->revive)
			continue;
		c->revive = 0;
		for (i = 0; i < sshconn_nhooks; i++) {
			if (sshconn_hooks[i]->ready != NULL)
				sshconn_hooks[i]->ready(c); /* may change the list */
		}
		goto again;
	}
}

/*
 * Whether libssh read packets from c's socket since the last service pass.
 * Any libssh call may read them (trap T10 of the libssh notes), asking
 * whether a channel holds data among them: the loop asks each tab whether
 * its channel has data, and a later question (the same tab's stderr,
 * another tab's channel, an SFTP job's) can take in the packet that
 * answers an earlier one. The socket is then empty and would not wake the
 * loop: a typed line's output waited for the next keepalive or key.
 */
static int
sshconn_read_since(const struct sshc *c)
{
	return (c->phase == SP_READY && c->counters != NULL &&
	    c->counters->in_packets != c->rx_seen);
}

/* Seconds until sshconn_service() must run anyway, or -1. */
static double
sshconn_timeout(void)
{
	struct sshc	*c;
	double		 now = clock_now(), t = tunnel_timeout(), w;
	u_int		 i;

	w = proxy_timeout();
	if (w >= 0 && (t < 0 || w < t))
		t = w;
	for (i = 0; i < sshconn_nhooks; i++) {
		if (sshconn_hooks[i]->timeout == NULL)
			continue;
		w = sshconn_hooks[i]->timeout();
		if (w >= 0 && (t < 0 || w < t))
			t = w;
	}
	for (c = sshconn_list; c != NULL; c = c->next) {
		if (c->kick || sshconn_read_since(c))
			return (0);
		if (c->acmd != NULL) {	/* a command answers for the user */
			w = sshanswer_deadline(c) - now;
			if (t < 0 || w < t)
				t = w < 0 ? 0 : w;
			continue;
		}
		if (c->waiting || c->phase == SP_CLOSED)
			continue;
		w = -1;
		if (c->deadline != 0)
			w = c->deadline - now;
		if (c->phase == SP_READY && c->ka_next != 0 &&
		    (w < 0 || c->ka_next - now < w))
			w = c->ka_next - now;
		if (w != -1 && w < 0)
			w = 0;
		if (w >= 0 && (t < 0 || w < t))
			t = w;
	}
	return (t);
}

/* What the loop waits on for SSH: registered with the first connection. */
static const struct source sshconn_source = {
	.name = "ssh",
	.count = sshconn_count,
	.pollfds = sshconn_pollfds,
	.deadline = sshconn_timeout,
	.service = sshconn_service,
};
