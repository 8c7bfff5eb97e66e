/*
 * forward-remote.c: remote forwards (R). The server is asked to listen,
 * one global request at a time; the channels it then opens for the
 * connections it takes are joined to new connections to the local
 * service, resolved beforehand in net.c's thread.
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ssh-int.h"

/*
 * Ask the server to listen for a remote forward. libssh keeps one global
 * request at a time and its keepalive leaves its reply to be taken by the
 * next request (trap T3 of the libssh notes): so keepalives wait while
 * c->greq is set, and a request that took a keepalive's reply without
 * leaving (nothing went out during the calls) is asked again.
 */
static void
forward_ask(struct forward *f, struct fwd *w)
{
	struct sshc			*c = f->c;
	ssh_counter			 rc = c->counters;
	uint64_t			 out = rc->out_packets;
	const char			*addr;
	int				 r, bound = 0;

	if (w->state == FR_WAIT) {
		if (c->greq)
			return;
		c->greq = 1;
		w->state = FR_ASKING;
		w->sent = 0;
		w->deadline = clock_now() + c->server_timeout;
	}
	addr = w->listen == NULL ? "localhost" : w->listen;
	r = ssh_channel_listen_forward(c->s, addr, w->lport, &bound);
	if (rc->out_packets != out)
		w->sent = 1;
	if (r == SSH_AGAIN && clock_now() < w->deadline)
		return;
	c->greq = 0;
	if (r != SSH_AGAIN && !w->sent && ++w->tries < FWD_TRIES) {
		w->state = FR_WAIT;	/* it only took a keepalive's reply */
		forward_ask(f, w);
		return;
	}
	if (r != SSH_OK) {
		route_say(f->route, _("\n[forwarding %s: the server"
		    " refused: %s]\n"), w->text, r == SSH_AGAIN ?
		    _("no answer") : ssh_get_error(c->s));
		w->state = FR_FAILED;
		return;
	}
	w->bound = w->lport != 0 ? w->lport : (u_int)bound;
	w->state = FR_LISTENING;
	route_say(f->route, _("\nForwarding %s (the server's port"
	    " %u).\n"), w->text, w->bound);
}

/* A remote forward's steps: resolve where to connect, then ask. */
void
forward_remote(struct forward *f, struct fwd *w)
{
	int	error, r;

	if (w->state == FR_RESOLVING) {
		/* The lookup is over when the state moves on: the caller
		 * frees it then. */
		if ((r = resolve_done(w->res, &w->ai, &error)) > 0)
			return;
		if (r < 0) {
			route_say(f->route, _("\n[forwarding %s: cannot"
			    " find %s: %s]\n"), w->text, w->host,
			    gai_strerror(error));
			w->state = FR_FAILED;
			return;
		}
		w->state = FR_WAIT;
	}
	if (w->state == FR_WAIT || w->state == FR_ASKING)
		forward_ask(f, w);
}

static struct fwd *
forward_find_remote(struct forward *f, int port)
{
	struct fwd	*w;

	for (w = f->fwds; w != NULL; w = w->next) {
		if (w->kind == 'R' && w->state == FR_LISTENING &&
		    (int)w->bound == port)
			return (w);
	}
	return (NULL);
}

/* Connections the server took on a remote port: to the local service,
 * each stream given to add (forward.c's list of streams). */
void
forward_remote_accept(struct forward *f, void (*add)(struct forward *,
    struct fwd *, struct tunnel *))
{
	struct fwd	*w;
	ssh_channel	 ch;
	char		*orig = NULL;
	int		 k, port = 0, oport = 0, fd;

	for (k = 0; k < FWD_ACCEPTS; k++) {
		ch = ssh_channel_open_forward_port(f->c->s, 0, &port, &orig,
		    &oport);
		if (ch == NULL)
			return;
		log_debug("%s: port %d from %s:%d", __func__, port,
		    orig != NULL ? orig : "?", oport);
		ssh_string_free_char(orig);
		orig = NULL;
		fd = -1;
		if ((w = forward_find_remote(f, port)) != NULL && !f->stopped &&
		    (fd = net_connect(w->ai, 0)) == -1)
			route_say(f->route, _("\n[forwarding %s: %s]\n"),
			    w->text, strerror(errno));
		if (w == NULL || fd == -1) {
			ssh_channel_close(ch);
			ssh_channel_free(ch);
			continue;
		}
		add(f, w, tunnel_join(f->c, ch, fd, w->host));
	}
}
