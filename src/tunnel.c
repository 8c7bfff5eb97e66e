/*
 * tunnel.c: a byte stream through a jump host. A direct-tcpip channel of
 * the jump host's connection is bridged to a socketpair; the other end of
 * the pair is an ordinary socket for its user: the next hop's libssh
 * session (SSH_OPTIONS_FD) or an RFC 2217 tab. The loop pumps both ways
 * with bounded buffers, so a slow reader holds back its writer (through
 * the channel's window) instead of filling memory, and nothing ever waits:
 * both ends of the pair are non-blocking.
 *
 * Forwarding (forward.c) uses the same pump with a socket of its own in
 * place of the pair: a connection accepted on a local port (a channel yet
 * to open), or the agent's socket or a local service joined to a channel
 * the server opened. A SOCKS client's socket (forward-socks.c) is given
 * only once the channel is open and the client was told so: until then
 * the tunnel has no socket and nothing is pumped.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define TUNNEL_BUF	32768

struct tunnel {
	struct tunnel	*next;
	struct sshc	*via;		/* counted */
	char		*host;
	u_int		 port;
	char		*orig;		/* who asks, for the server's logs */
	char		*exec;		/* a command's stream instead */
	int		 exec_step;	/* session opened, command asked */
	u_int		 oport;
	ssh_channel	 ch;
	int		 state;
	int		 was_open;
	char		*cause;
	double		 deadline;
	int		 fd;		/* ours */
	int		 peer;		/* the user's, until taken */
	int		 taken;
	char		 down[TUNNEL_BUF];	/* channel to pair */
	size_t		 downlen, downoff;
	char		 up[TUNNEL_BUF];	/* pair to channel */
	size_t		 uplen, upoff;
	int		 more;		/* the pump stopped with work left */
	int		 down_eof;	/* the channel ended: pair shut */
	int		 up_eof;	/* the user shut its end: EOF sent */
};

static struct tunnel *tunnel_list;
static u_int	 tunnel_n;

static struct tunnel *
tunnel_alloc(struct sshc *via, const char *host, u_int port)
{
	struct tunnel	*t = xcalloc(1, sizeof *t);

	t->via = via;
	via->refs++;
	t->host = xstrdup(host);
	t->port = port;
	t->orig = xstrdup("127.0.0.1");
	t->fd = t->peer = -1;
	t->state = TUNNEL_OPENING;
	t->next = tunnel_list;
	tunnel_list = t;
	tunnel_n++;
	return (t);
}

/* Start a tunnel to host:port through via (opened once via is ready). */
struct tunnel *
tunnel_new(struct sshc *via, const char *host, u_int port)
{
	struct tunnel	*t = tunnel_alloc(via, host, port);
	int		 sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sv) != 0) {
		t->state = TUNNEL_FAILED;
		xasprintf(&t->cause, "socketpair: %s", strerror(errno));
	} else {
		t->fd = sv[0];
		t->peer = sv[1];
	}
	return (t);
}

/* A channel to host:port through via for the connected socket fd (which
 * the tunnel owns from now on; -1: tunnel_give_fd() gives it later);
 * orig:oport is who asked, as the server is told. */
struct tunnel *
tunnel_new_fd(struct sshc *via, const char *host, u_int port, int fd,
    const char *orig, u_int oport)
{
	struct tunnel	*t = tunnel_alloc(via, host, port);

	t->fd = fd;
	free(t->orig);
	t->orig = xstrdup(orig);
	t->oport = oport;
	return (t);
}

/*
 * The socket of a tunnel made without one, and what its user sent before
 * (len bytes, at most TUNNEL_BUF): sent first, then the pump starts.
 */
void
tunnel_give_fd(struct tunnel *t, int fd, const void *early, size_t len)
{
	t->fd = fd;
	if (len > sizeof t->up)
		len = sizeof t->up;
	memcpy(t->up, early, len);
	t->upoff = 0;
	t->uplen = len;
}

/*
 * A command run on via's server (an exec channel: scp, when the server
 * has no SFTP), its stdin and stdout the stream of a socketpair.
 */
struct tunnel *
tunnel_new_exec(struct sshc *via, const char *cmd)
{
	struct tunnel	*t = tunnel_new(via, "exec", 0);

	t->exec = xstrdup(cmd);
	return (t);
}

/* A channel the server opened, joined to the socket fd (the tunnel owns
 * both); what names it in the log. */
struct tunnel *
tunnel_join(struct sshc *via, ssh_channel ch, int fd, const char *what)
{
	struct tunnel	*t = tunnel_alloc(via, what, 0);

	t->ch = ch;
	t->fd = fd;
	t->state = TUNNEL_OPEN;
	t->was_open = 1;
	return (t);
}

static void
tunnel_fail(struct tunnel *t, const char *why)
{
	log_debug("tunnel %s:%u: %s", t->host, t->port, why);
	if (t->cause == NULL)
		t->cause = xstrdup(why);
	t->state = TUNNEL_FAILED;
	/* The user sees the end of its stream. */
	if (t->fd != -1)
		shutdown(t->fd, SHUT_RDWR);
}

/* Whether the tunnel is open, still opening, or failed (and why). */
int
tunnel_state(struct tunnel *t, const char **why)
{
	*why = t->cause != NULL ? t->cause : _("closed");
	return (t->state);
}

/* Whether the channel was ever open (else the server refused it). */
int
tunnel_was_open(struct tunnel *t)
{
	return (t->was_open);
}

/* The user's end of the pair; the user closes it from now on. */
int
tunnel_take_fd(struct tunnel *t)
{
	t->taken = 1;
	return (t->peer);
}

/* Open the channel once the jump host is logged in. */
static void
tunnel_open(struct tunnel *t)
{
	struct sshc	*v = t->via;
	int		 rc = SSH_ERROR;

	if (v->phase == SP_CLOSED) {
		tunnel_fail(t, _("the jump host connection ended"));
		return;
	}
	if (v->phase != SP_READY)
		return;
	if (t->ch == NULL) {
		if ((t->ch = ssh_channel_new(v->s)) == NULL) {
			tunnel_fail(t, _("cannot create a channel"));
			return;
		}
		t->deadline = clock_now() + v->server_timeout;
	}
	if (t->exec == NULL)
		rc = ssh_channel_open_forward(t->ch, t->host, t->port, t->orig,
		    t->oport);
	else if (t->exec_step == 0 &&
	    (rc = ssh_channel_open_session(t->ch)) == SSH_OK) {
		t->exec_step = 1;
		rc = ssh_channel_request_exec(t->ch, t->exec);
	} else if (t->exec_step == 1)
		rc = ssh_channel_request_exec(t->ch, t->exec);
	if (rc == SSH_AGAIN) {
		if (clock_now() >= t->deadline)
			tunnel_fail(t, _("no answer from the jump host"));
		return;
	}
	if (rc != SSH_OK) {
		tunnel_fail(t, ssh_get_error(v->s));
		return;
	}
	t->deadline = 0;
	t->state = TUNNEL_OPEN;
	t->was_open = 1;
	log_debug("tunnel %s:%u: open through %s", t->host, t->port, v->name);
}

/* Channel to pair; 1 if bytes moved. */
static int
tunnel_pump_down(struct tunnel *t)
{
	ssize_t	n;
	int	r;

	if (t->downoff == t->downlen && !t->down_eof) {
		t->downoff = t->downlen = 0;
		r = ssh_channel_read_nonblocking(t->ch, t->down, sizeof t->down,
		    0);
		if (r == SSH_EOF || (r == 0 && ssh_channel_is_eof(t->ch))) {
			t->down_eof = 1;
			shutdown(t->fd, SHUT_WR);
			return (1);
		}
		if (r == SSH_ERROR) {
			tunnel_fail(t, _("the jump host connection ended"));
			return (0);
		}
		t->downlen = r;
	}
	if (t->downoff == t->downlen)
		return (0);
	n = write(t->fd, t->down + t->downoff, t->downlen - t->downoff);
	if (n == -1 && errno != EAGAIN && errno != EINTR) {
		tunnel_fail(t, strerror(errno));	/* the user is gone */
		return (1);
	}
	if (n <= 0)
		return (0);	/* the user is slow: keep it */
	t->downoff += n;
	return (1);
}

/* Pair to channel; 1 if bytes moved. */
static int
tunnel_pump_up(struct tunnel *t)
{
	ssize_t	n;
	int	w;

	if (t->upoff == t->uplen && !t->up_eof) {
		t->upoff = t->uplen = 0;
		n = read(t->fd, t->up, sizeof t->up);
		if (n == -1 && errno != EAGAIN && errno != EINTR) {
			/* A reset, or a connect that was refused. */
			tunnel_fail(t, strerror(errno));
			return (1);
		}
		if (n == 0) {
			t->up_eof = 1;
			ssh_channel_send_eof(t->ch);
			return (1);
		}
		if (n < 0)
			return (0);
		t->uplen = n;
	}
	if (t->upoff == t->uplen)
		return (0);
	/* A short count: the channel's window is full until it grows. */
	w = ssh_channel_write(t->ch, t->up + t->upoff, t->uplen - t->upoff);
	if (w == SSH_ERROR) {
		tunnel_fail(t, _("the jump host connection ended"));
		return (0);
	}
	t->upoff += w;
	return (w > 0);
}

/* Move bytes both ways as far as they go now; 1 if some moved. */
static int
tunnel_pump(struct tunnel *t)
{
	int	budget = 16, moved, any = 0;

	do {
		if (t->via->phase == SP_CLOSED) {
			tunnel_fail(t, _("the jump host connection ended"));
			return (1);
		}
		moved = tunnel_pump_down(t);
		if (t->state == TUNNEL_OPEN)
			moved |= tunnel_pump_up(t);
		any |= moved;
	} while (moved && t->state == TUNNEL_OPEN && --budget > 0);
	/* Bytes may wait in libssh's buffers, where poll() cannot see them. */
	t->more = moved && t->state == TUNNEL_OPEN;
	if (t->state == TUNNEL_OPEN && t->down_eof && t->up_eof &&
	    ssh_channel_is_closed(t->ch))
		tunnel_fail(t, _("closed by the far end"));
	return (any);
}

/*
 * Open and pump every tunnel; 1 if one opened, failed or moved bytes,
 * and so the connections behind it have something to do.
 */
int
tunnel_service(void)
{
	struct tunnel	*t;
	int		 state, changed = 0;

	for (t = tunnel_list; t != NULL; t = t->next) {
		state = t->state;
		if (t->state == TUNNEL_OPENING)
			tunnel_open(t);
		if (t->state == TUNNEL_OPEN && t->fd != -1 && tunnel_pump(t))
			changed = 1;
		if (t->state != state) {
			t->via->activity++;	/* its users may go on */
			changed = 1;
		}
	}
	return (changed);
}

/* Our ends of the pairs: readable when there is room, writable when
 * something waits for the user. */
int
tunnel_pollfds(struct pollfd *pfd, int max)
{
	struct tunnel	*t;
	int		 n = 0;

	for (t = tunnel_list; t != NULL && n < max; t = t->next) {
		if (t->state != TUNNEL_OPEN || t->fd == -1)
			continue;
		pfd[n].fd = t->fd;
		pfd[n].events = 0;
		pfd[n].revents = 0;
		if (t->upoff == t->uplen && !t->up_eof)
			pfd[n].events |= POLLIN;
		if (t->downoff < t->downlen)
			pfd[n].events |= POLLOUT;
		if (pfd[n].events != 0)
			n++;
	}
	return (n);
}

u_int
tunnel_count(void)
{
	return (tunnel_n);
}

/* Seconds until a tunnel must be opened or given up, or -1. */
double
tunnel_timeout(void)
{
	struct tunnel	*t;
	double		 now = clock_now(), w = -1, d;

	for (t = tunnel_list; t != NULL; t = t->next) {
		if (t->state == TUNNEL_OPEN && t->fd == -1)
			continue;	/* its owner's turn */
		if (t->state == TUNNEL_OPEN && t->more)
			return (0);
		/* Bytes another channel's read took off the socket wait in
		 * this channel's buffer, where poll() cannot see them. */
		if (t->state == TUNNEL_OPEN && t->downoff == t->downlen &&
		    !t->down_eof && ssh_is_connected(t->via->s) &&
		    (ssh_channel_poll(t->ch, 0) > 0 || ssh_channel_is_eof(t->ch)))
			return (0);
		if (t->state != TUNNEL_OPENING)
			continue;
		/* Its jump host is ready (or gone): open it now. */
		if (t->ch == NULL && (t->via->phase == SP_READY ||
		    t->via->phase == SP_CLOSED))
			return (0);
		if (t->deadline == 0)
			continue;
		d = t->deadline - now;
		if (d < 0)
			d = 0;
		if (w < 0 || d < w)
			w = d;
	}
	return (w);
}

void
tunnel_free(struct tunnel *t)
{
	struct tunnel	**tp;

	if (t == NULL)
		return;
	for (tp = &tunnel_list; *tp != NULL; tp = &(*tp)->next) {
		if (*tp == t) {
			*tp = t->next;
			tunnel_n--;
			break;
		}
	}
	if (t->fd != -1)
		close(t->fd);
	if (!t->taken && t->peer != -1)
		close(t->peer);
	if (t->ch != NULL) {
		if (ssh_is_connected(t->via->s) && !ssh_channel_is_closed(t->ch))
			ssh_channel_close(t->ch);
		ssh_channel_free(t->ch);
	}
	sshc_put(t->via);
	free(t->host);
	free(t->orig);
	free(t->exec);
	free(t->cause);
	free(t);
}
