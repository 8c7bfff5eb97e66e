/*
 * forward.c: what an SSH tab forwards over its destination's connection:
 * the agent, local ports (L), remote ports (R, forward-remote.c) and SOCKS
 * servers (D, forward-socks.c), written as Tera Term's DefaultForwarding
 * (forward-spec.c), which tterm's -L, -R and -D add to.
 *
 * Every byte stream is a tunnel (tunnel.c), so the loop pumps it with
 * bounded buffers like a jump host's: a connection accepted on a local
 * port becomes a direct-tcpip channel; a channel the server opens (the
 * agent's, or a connection to a remote port) is joined to a socket of
 * ours. A SOCKS client names its channel's end itself, in a handshake
 * first. Listening sockets, the agent's socket and connections to local
 * services are all non-blocking, and names are only ever resolved in
 * net.c's thread, so nothing here waits.
 *
 * Everything belongs to the tab: closing it (or its connection ending)
 * closes its listeners and channels.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

static struct forward *forward_list;
static u_int	 forward_nfds;	/* listening sockets and lookups */
static u_int	 forward_streams;	/* ever started */

/* Whether w is the same SOCKS server as one of the list before it (ssh
 * takes a DynamicForward of its configuration that -D gave already). */
static int
forward_twice(struct fwd *list, struct fwd *w)
{
	for (; list != NULL; list = list->next) {
		if (list->kind == 'D' && w->kind == 'D' &&
		    strcmp(list->text, w->text) == 0)
			return (1);
	}
	return (0);
}

/* The entries of spec, ';' between them, each its kind's letter then
 * items with ',' between them; what is not done is said in the tab. */
static void
forward_spec(struct forward *f, const char *spec)
{
	struct fwd	*w, **tail = &f->fwds;
	char		*copy = xstrdup(spec), *entry, *item, *s1 = NULL;
	char		*s2 = NULL;
	const char	*why;
	int		 kind;

	for (entry = strtok_r(copy, ";", &s1); entry != NULL;
	    entry = strtok_r(NULL, ";", &s1)) {
		entry += strspn(entry, " \t");
		if (*entry == '\0')
			continue;
		kind = toupper((u_char)*entry);
		if (kind == 'X') {
			route_say(f->route, _("[forwarding %s: X11 forwarding"
			    " is not done yet]\n"), entry);
			continue;
		}
		for (item = strtok_r(entry + 1, ",", &s2); item != NULL;
		    item = strtok_r(NULL, ",", &s2)) {
			w = NULL;
			if (kind != 'L' && kind != 'R' && kind != 'D')
				why = _("not L, R, D or X");
			else
				w = forward_spec_item(kind, item, &why);
			if (w == NULL) {
				route_say(f->route,
				    _("[forwarding %c%s: %s]\n"), kind, item,
				    why);
				continue;
			}
			if (forward_twice(f->fwds, w)) {
				free(w->listen);
				free(w->text);
				free(w);
				continue;
			}
			*tail = w;
			tail = &w->next;
		}
	}
	free(copy);
}

/*
 * The forwarding of a tab, from DefaultForwarding's syntax and agent (-A,
 * ForwardAgent); its words go to route's tab. NULL if there is none.
 */
static u_int	 forward_count(void);
static int	 forward_pollfds(struct pollfd *, int);
static int	 forward_service(void);
static double	 forward_timeout(void);

/* The forwards' part of the connections' passes. */
static const struct sshconn_hooks forward_hooks = {
	.count = forward_count,
	.pollfds = forward_pollfds,
	.service = forward_service,
	.timeout = forward_timeout,
};

struct forward *
forward_new(const char *spec, int agent, struct route *route)
{
	struct forward	*f;

	if (!agent && (spec == NULL || *spec == '\0'))
		return (NULL);
	sshconn_hook(&forward_hooks);
	f = xcalloc(1, sizeof *f);
	f->route = route;
	f->agent = agent;
	if (spec != NULL)
		forward_spec(f, spec);
	f->next = forward_list;
	forward_list = f;
	return (f);
}

static void
forward_conn_add(struct forward *f, struct fwd *w, struct tunnel *t)
{
	struct fwd_conn	*fc = xcalloc(1, sizeof *fc);

	fc->t = t;
	fc->fwd = w;
	fc->next = f->conns;
	f->conns = fc;
	forward_streams++;
}

/* Say once why the agent cannot be forwarded. */
static void
forward_agent_say(struct forward *f, const char *why, const char *more)
{
	if (f->agent_told)
		return;
	f->agent_told = 1;
	route_say(f->route, _("\n[agent forwarding: %s%s]\n"), why,
	    more);
}

/* A non-blocking connection to the local agent, or -1 (said once). */
static int
forward_agent_socket(struct forward *f)
{
	struct sockaddr_un	 sun;
	const char		*path = getenv("SSH_AUTH_SOCK");
	int			 fd;

	if (path == NULL || *path == '\0') {
		forward_agent_say(f, _("no SSH_AUTH_SOCK"), "");
		return (-1);
	}
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun.sun_path) {
		forward_agent_say(f, _("SSH_AUTH_SOCK is too long: "), path);
		return (-1);
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return (-1);
	/* A local socket: connected at once, or refused at once. */
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0 &&
	    errno != EINPROGRESS && errno != EAGAIN) {
		forward_agent_say(f, _("cannot reach the agent: "),
		    strerror(errno));
		close(fd);
		return (-1);
	}
	return (fd);
}

/* libssh: the server opens a channel to the agent (from within a call of
 * ours); NULL refuses it. */
static ssh_channel
forward_agent_open(ssh_session session, void *userdata)
{
	struct forward	*f = userdata;
	ssh_channel	 ch;
	int		 fd;

	if (!f->agent || f->stopped || (fd = forward_agent_socket(f)) == -1)
		return (NULL);
	if ((ch = ssh_channel_new(session)) == NULL) {
		close(fd);
		return (NULL);
	}
	log_debug("%s: agent channel", __func__);
	forward_conn_add(f, NULL, tunnel_join(f->c, ch, fd, "agent"));
	return (ch);
}

/* Whether to ask for the agent on the shell's channel; says once why
 * not if there is no agent here. */
int
forward_agent(struct forward *f)
{
	const char	*path = getenv("SSH_AUTH_SOCK");

	if (f == NULL || !f->agent)
		return (0);
	if (path == NULL || *path == '\0') {
		forward_agent_say(f, _("no SSH_AUTH_SOCK"), "");
		return (0);
	}
	return (1);
}

static void
forward_unlisten(struct fwd *w)
{
	while (w->nfds > 0) {
		close(w->fds[--w->nfds]);
		forward_nfds--;
	}
}

/* A remote forward's lookup is over (or abandoned). */
static void
forward_resolved(struct fwd *w)
{
	if (w->res == NULL)
		return;
	resolve_free(w->res);
	w->res = NULL;
	forward_nfds--;
}

/* getaddrinfo() for a listening address: only forms that need no lookup
 * (an address, localhost, * or nothing), so this cannot wait. */
static int
forward_listen_addrs(struct fwd *w, struct addrinfo **res)
{
	struct addrinfo	 hints;
	const char	*node = w->listen;
	char		 port[8];

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (node == NULL || strcasecmp(node, "localhost") == 0)
		node = NULL;			/* the loopback addresses */
	else if (*node == '\0') {
		node = NULL;
		hints.ai_flags |= AI_PASSIVE;
	} else
		hints.ai_flags |= AI_NUMERICHOST;
	snprintf(port, sizeof port, "%u", w->lport);
	return (getaddrinfo(node, port, &hints, res));
}

/* Listen for a local or SOCKS forward on each of its addresses; 0 or an
 * errno. */
static int
forward_bind(struct fwd *w, struct addrinfo *res)
{
	struct addrinfo	*ai;
	int		 fd, one = 1, err = 0;

	for (ai = res; ai != NULL && w->nfds < FWD_FDS; ai = ai->ai_next) {
		fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, 0);
		if (fd == -1)
			continue;	/* no IPv6 here */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (ai->ai_family == AF_INET6)
			setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
			    sizeof one);
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, 16) == 0) {
			w->fds[w->nfds++] = fd;
			forward_nfds++;
			continue;
		}
		err = errno;
		close(fd);
		/* Only a missing address family is no failure. */
		if (err != EADDRNOTAVAIL && err != EAFNOSUPPORT)
			return (err);
	}
	return (w->nfds == 0 ? (err != 0 ? err : EADDRNOTAVAIL) : 0);
}

/* Open a local or SOCKS forward's listening sockets; say how it went. */
static void
forward_listen(struct forward *f, struct fwd *w)
{
	struct addrinfo	*res;
	int		 err;

	if (forward_listen_addrs(w, &res) != 0) {
		route_say(f->route, _("[forwarding %s: cannot listen there:"
		    " use an IP address, localhost or *]\n"), w->text);
		return;
	}
	err = forward_bind(w, res);
	freeaddrinfo(res);
	if (err != 0) {
		forward_unlisten(w);
		route_say(f->route, _("[forwarding %s: cannot listen on port"
		    " %u: %s]\n"), w->text, w->lport, strerror(err));
		return;
	}
	route_say(f->route, _("Forwarding %s.\n"), w->text);
}

/* The destination is logged in: listen, ask, and take the agent. */
void
forward_start(struct forward *f, struct sshc *c)
{
	struct fwd	*w;
	char		*cause;

	if (f == NULL || f->c != NULL)
		return;
	f->c = c;
	/* c->counters exist from login on: see forward_after() and
	 * forward_ask(). */
	if (f->agent) {
		f->cb = xcalloc(1, sizeof *f->cb);
		ssh_callbacks_init(f->cb);
		f->cb->userdata = f;
		f->cb->channel_open_request_auth_agent_function =
		    forward_agent_open;
		ssh_set_callbacks(c->s, f->cb);
	}
	for (w = f->fwds; w != NULL; w = w->next) {
		if (w->kind == 'L' || w->kind == 'D') {
			forward_listen(f, w);
			continue;
		}
		w->state = FR_RESOLVING;
		if ((w->res = resolve_start(w->host, w->hport, &cause)) ==
		    NULL) {
			route_say(f->route, _("[forwarding %s: %s]\n"),
			    w->text, cause);
			free(cause);
			w->state = FR_FAILED;
		} else
			forward_nfds++;
	}
}

/* Connections waiting on a local forward's sockets become channels; a
 * SOCKS forward's begin their handshakes. */
static void
forward_accept(struct forward *f, struct fwd *w)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len;
	char			 host[NI_MAXHOST], serv[NI_MAXSERV];
	u_int			 i, k;
	int			 fd, one = 1;

	for (i = 0; i < w->nfds; i++) {
		for (k = 0; k < FWD_ACCEPTS; k++) {
			len = sizeof ss;
			fd = accept4(w->fds[i], (struct sockaddr *)&ss, &len,
			    SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (fd == -1)
				break;
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
			    sizeof one);
			if (getnameinfo((struct sockaddr *)&ss, len, host,
			    sizeof host, serv, sizeof serv, NI_NUMERICHOST |
			    NI_NUMERICSERV) != 0) {
				snprintf(host, sizeof host, "127.0.0.1");
				snprintf(serv, sizeof serv, "0");
			}
			log_debug("%s: %s from %s:%s", __func__, w->text, host,
			    serv);
			if (w->kind == 'D') {
				forward_socks_accept(f, w, fd, host,
				    strtoul(serv, NULL, 10));
				continue;
			}
			forward_conn_add(f, w, tunnel_new_fd(f->c, w->host,
			    w->hport, fd, host, strtoul(serv, NULL, 10)));
		}
	}
}

/* Free the streams that have ended; a local forward's channel that never
 * opened says why in the tab. */
static void
forward_reap(struct forward *f)
{
	struct fwd_conn	**fp, *fc;
	const char	 *why;

	for (fp = &f->conns; (fc = *fp) != NULL;) {
		if (tunnel_state(fc->t, &why) != TUNNEL_FAILED) {
			fp = &fc->next;
			continue;
		}
		if (!tunnel_was_open(fc->t) && fc->fwd != NULL &&
		    f->c->phase != SP_CLOSED)
			route_say(f->route, _("\n[forwarding %s: %s]\n"),
			    fc->fwd->text, why);
		*fp = fc->next;
		tunnel_free(fc->t);
		free(fc);
	}
}

/* Accept, ask and reap for every tab's forwarding; 1 if a stream began
 * (and wants pumping). */
static int
forward_service(void)
{
	struct forward	*f;
	struct fwd	*w;
	u_int		 streams = forward_streams;
	int		 remote, began = 0;

	for (f = forward_list; f != NULL; f = f->next) {
		if (f->c == NULL)
			continue;
		forward_reap(f);
		remote = 0;
		for (w = f->fwds; w != NULL; w = w->next) {
			if (f->stopped) {
				remote |= w->state == FR_LISTENING;
				continue;
			}
			if (f->c->phase != SP_READY) {
				forward_unlisten(w);	/* the end */
				continue;
			}
			if (w->kind == 'L' || w->kind == 'D')
				forward_accept(f, w);
			else {
				forward_remote(f, w);
				if (w->state != FR_RESOLVING)
					forward_resolved(w);
			}
			remote |= w->state == FR_LISTENING;
		}
		if (remote && f->c->phase == SP_READY)
			forward_remote_accept(f, forward_conn_add);
		if (!f->stopped && f->c->phase == SP_READY)
			began |= forward_socks_service(f, forward_conn_add);
		else
			forward_socks_close(f);
		f->seen = f->c->counters->
		    in_packets;
		f->poke = 0;
	}
	return (began || forward_streams != streams);
}

/*
 * The tab's own calls on the session (reading its shell) may have taken
 * packets meant for the forwards (trap T10 of the libssh notes): a
 * channel the server opened, the answer to a request. Nothing on the
 * socket would wake the loop for them, so look again at once.
 */
void
forward_after(struct forward *f)
{
	if (f != NULL && f->c != NULL && !f->stopped &&
	    f->c->counters->in_packets !=
	    f->seen)
		f->poke = 1;
}

/* Every forwarding of every tab in turn, from w NULL. */
static struct fwd *
forward_each(struct forward **f, struct fwd *w)
{
	if (w == NULL)
		*f = forward_list;
	else if (w->next != NULL)
		return (w->next);
	else
		*f = (*f)->next;
	for (; *f != NULL; *f = (*f)->next) {
		if ((*f)->fwds != NULL)
			return ((*f)->fwds);
	}
	return (NULL);
}

/* Listening sockets, lookups and SOCKS clients to watch. */
static int
forward_pollfds(struct pollfd *pfd, int max)
{
	struct forward	*f;
	struct fwd	*w;
	u_int		 i;
	int		 n = 0;

	for (w = forward_each(&f, NULL); w != NULL; w = forward_each(&f, w)) {
		for (i = 0; i < w->nfds && n < max; i++) {
			pfd[n].fd = w->fds[i];
			pfd[n].events = POLLIN;
			pfd[n++].revents = 0;
		}
		if (w->res != NULL && n < max) {
			pfd[n].fd = resolve_fd(w->res);
			pfd[n].events = POLLIN;
			pfd[n++].revents = 0;
		}
	}
	for (f = forward_list; f != NULL; f = f->next)
		n += forward_socks_pollfds(f, pfd + n, max - n);
	return (n);
}

/* How many fds forward_pollfds() may give. */
static u_int
forward_count(void)
{
	return (forward_nfds + forward_socks_count());
}

/* Seconds until a request to the server or a SOCKS client is given up,
 * or -1. */
static double
forward_timeout(void)
{
	struct forward	*f;
	struct fwd	*w;
	double		 first = 0, d;

	for (f = forward_list; f != NULL; f = f->next) {
		if (f->poke)
			return (0);
		d = forward_socks_deadline(f);
		if (d != 0 && (first == 0 || d < first))
			first = d;
	}
	for (w = forward_each(&f, NULL); w != NULL; w = forward_each(&f, w)) {
		if (w->kind == 'R' && w->state == FR_ASKING &&
		    (first == 0 || w->deadline < first))
			first = w->deadline;
	}
	if (first == 0)
		return (-1);
	first -= clock_now();
	return (first < 0 ? 0 : first);
}

/* For the status line: what is forwarded now, as "L8080 R2222 D1080 A". */
void
forward_status(struct forward *f, char *buf, size_t len)
{
	struct fwd	*w;
	size_t		 off;

	*buf = '\0';
	if (f == NULL || f->c == NULL || f->stopped)
		return;
	for (w = f->fwds; w != NULL; w = w->next) {
		off = strlen(buf);
		if ((w->kind != 'R' && w->nfds > 0) || (w->kind == 'R' &&
		    w->state == FR_LISTENING))
			snprintf(buf + off, len - off, "%s%c%u", off > 0 ?
			    " " : "", w->kind, w->kind != 'R' ? w->lport :
			    w->bound);
	}
	off = strlen(buf);
	if (f->agent && !f->agent_told)
		snprintf(buf + off, len - off, "%sA", off > 0 ? " " : "");
}

static void
forward_close_conns(struct forward *f)
{
	struct fwd_conn	*fc;

	while ((fc = f->conns) != NULL) {
		f->conns = fc->next;
		tunnel_free(fc->t);
		free(fc);
	}
}

/*
 * The session is over: its streams and local ports close. The server
 * listens on remote ports until the connection ends (with the tab);
 * what it takes there meanwhile is closed at once.
 */
void
forward_stop(struct forward *f)
{
	struct fwd	*w;

	if (f == NULL || f->stopped)
		return;
	f->stopped = 1;
	forward_socks_close(f);
	forward_close_conns(f);
	for (w = f->fwds; w != NULL; w = w->next) {
		forward_unlisten(w);
		forward_resolved(w);
		if (w->state == FR_ASKING)
			f->c->greq = 0;
		if (w->state != FR_LISTENING)
			w->state = FR_FAILED;
	}
}

/* The tab is done: its streams, listeners and lookups go. */
void
forward_free(struct forward *f)
{
	static struct ssh_callbacks_struct none;
	struct forward	**fp;
	struct fwd	 *w;

	if (f == NULL)
		return;
	for (fp = &forward_list; *fp != NULL; fp = &(*fp)->next) {
		if (*fp == f) {
			*fp = f->next;
			break;
		}
	}
	forward_socks_close(f);
	forward_close_conns(f);
	if (f->agent && f->c != NULL) {
		/* The session may outlive this tab's hold on it. */
		ssh_callbacks_init(&none);
		ssh_set_callbacks(f->c->s, &none);
	}
	while ((w = f->fwds) != NULL) {
		f->fwds = w->next;
		forward_unlisten(w);
		forward_resolved(w);
		if (w->ai != NULL)
			freeaddrinfo(w->ai);
		free(w->listen);
		free(w->host);
		free(w->text);
		free(w);
	}
	free(f->cb);
	free(f);
}
