/*
 * forward-socks.c: dynamic forwarding (D, as ssh -D): a SOCKS server on a
 * local port of the tab. Each client's handshake runs here without
 * waiting, its messages read by socks.c; its CONNECT becomes a
 * direct-tcpip channel to the name or address as the client gave it, so
 * the server resolves names. The client is answered once the channel is
 * open, or has failed (with a code for why), so it learns of a port that
 * refused; then its socket goes to the tunnel, which pumps it as it does
 * any forward's, and forward.c keeps the stream from there on.
 *
 * A client gets no more than its handshake: a message is bounded, it has
 * SOCKS_WAIT seconds to send it, a tab takes SOCKS_PENDING handshakes at
 * once (beyond them, the client that has waited longest for its request
 * goes), and a refused client is told why, then closed at its EOF or
 * after SOCKS_LINGER seconds.
 */
#include "config.h"

#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define SC_DRAINING	4	/* told and shut: reading until its EOF */

static u_int	 forward_socks_n;	/* handshakes, an fd each */

/* How many fds forward_socks_pollfds() may give, for every tab. */
u_int
forward_socks_count(void)
{
	return (forward_socks_n);
}

static void	forward_socks_free(struct forward *, struct socks_conn *);

/*
 * Make room for one more handshake: the client that has waited longest
 * without a whole request goes (so a client that says nothing cannot keep
 * others out for long). 0 if every handshake waits for the server.
 */
static int
forward_socks_room(struct forward *f)
{
	struct socks_conn	**scp, **old = NULL, *sc;

	if (f->nsocks < SOCKS_PENDING)
		return (1);
	for (scp = &f->socks; *scp != NULL; scp = &(*scp)->next) {
		if ((*scp)->state == SC_READING)
			old = scp;	/* the newest come first */
	}
	if (old == NULL)
		return (0);
	sc = *old;
	*old = sc->next;
	log_debug("forward_socks: %s: %u handshakes, %s:%u closed",
	    sc->fwd->text, f->nsocks, sc->orig, sc->oport);
	forward_socks_free(f, sc);
	return (1);
}

/* A client accepted on w's socket (from orig:oport): its handshake
 * starts. */
void
forward_socks_accept(struct forward *f, struct fwd *w, int fd,
    const char *orig, u_int oport)
{
	struct socks_conn	*sc;

	if (!forward_socks_room(f)) {
		log_debug("%s: %s: %u channels opening, %s closed", __func__,
		    w->text, f->nsocks, orig);
		close(fd);
		return;
	}
	sc = xcalloc(1, sizeof *sc);
	sc->fwd = w;
	sc->fd = fd;
	sc->state = SC_READING;
	sc->deadline = clock_now() + SOCKS_WAIT;
	snprintf(sc->orig, sizeof sc->orig, "%s", orig);
	sc->oport = oport;
	sc->next = f->socks;
	f->socks = sc;
	f->nsocks++;
	forward_socks_n++;
}

static void
forward_socks_free(struct forward *f, struct socks_conn *sc)
{
	if (sc->fd != -1)
		close(sc->fd);
	tunnel_free(sc->t);
	free(sc);
	f->nsocks--;
	forward_socks_n--;
}

/* Send what is left of the answer: 1 when it has all gone, 0 if the
 * client is slow, -1 if it is gone. */
static int
forward_socks_flush(struct socks_conn *sc)
{
	ssize_t	n;

	while (sc->outoff < sc->s.outlen) {
		n = write(sc->fd, sc->s.out + sc->outoff, sc->s.outlen -
		    sc->outoff);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return (0);
		if (n <= 0)
			return (-1);
		sc->outoff += n;
	}
	return (1);
}

/* The client is refused: its answer (made), then its EOF. */
static void
forward_socks_refuse(struct socks_conn *sc, const char *why)
{
	log_debug("forward_socks: %s from %s:%u refused: %s", sc->fwd->text,
	    sc->orig, sc->oport, why);
	sc->outoff = 0;
	sc->state = SC_CLOSING;
	sc->deadline = clock_now() + SOCKS_LINGER;
	tunnel_free(sc->t);
	sc->t = NULL;
}

/*
 * Read the client's messages and answer them until its request is whole:
 * then ask for the channel (*began set). -1 if the client is gone.
 */
static int
forward_socks_read(struct forward *f, struct socks_conn *sc, int *began)
{
	size_t	used;
	ssize_t	n;
	int	r;

	for (;;) {
		if ((r = forward_socks_flush(sc)) != 1)
			return (r);
		r = socks_parse(&sc->s, sc->in, sc->inlen, &used);
		if (r == SOCKS_NEED && sc->inlen == sizeof sc->in)
			r = SOCKS_REFUSE;	/* socks.c bounds messages */
		if (r == SOCKS_NEED) {
			n = read(sc->fd, sc->in + sc->inlen, sizeof sc->in -
			    sc->inlen);
			if (n == -1 && (errno == EAGAIN || errno == EINTR))
				return (0);
			if (n <= 0)
				return (-1);
			sc->inlen += n;
			continue;
		}
		memmove(sc->in, sc->in + used, sc->inlen - used);
		sc->inlen -= used;
		sc->outoff = 0;
		if (r == SOCKS_REFUSE) {
			forward_socks_refuse(sc, sc->s.why != NULL ?
			    sc->s.why : "too long");
			return (0);
		}
		if (r == SOCKS_CONNECT)
			break;
	}
	log_debug("%s: %s from %s:%u: SOCKS%d to %s port %u", __func__,
	    sc->fwd->text, sc->orig, sc->oport, sc->s.version, sc->s.host,
	    sc->s.port);
	sc->t = tunnel_new_fd(f->c, sc->s.host, sc->s.port, -1, sc->orig,
	    sc->oport);
	sc->state = SC_OPENING;
	*began = 1;
	return (0);
}

/* The channel has opened or failed: the client's answer. */
static void
forward_socks_opened(struct socks_conn *sc)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 len = sizeof ss;
	const char		*why;

	switch (tunnel_state(sc->t, &why)) {
	case TUNNEL_OPENING:
		return;
	case TUNNEL_FAILED:
		socks_reply(&sc->s, socks_code(why), AF_UNSPEC, NULL, 0);
		forward_socks_refuse(sc, why);
		return;
	}
	/* Bound: our end of the client's connection. */
	memset(&ss, 0, sizeof ss);
	if (getsockname(sc->fd, (struct sockaddr *)&ss, &len) != 0)
		ss.ss_family = AF_UNSPEC;
	if (ss.ss_family == AF_INET6)
		socks_reply(&sc->s, SOCKS_OK, AF_INET6, &sin6->sin6_addr,
		    ntohs(sin6->sin6_port));
	else
		socks_reply(&sc->s, SOCKS_OK, ss.ss_family, &sin->sin_addr,
		    ntohs(sin->sin_port));
	sc->outoff = 0;
	sc->state = SC_REPLYING;
	sc->deadline = clock_now() + SOCKS_WAIT;
}

/* A refused client was told: wait for its EOF (closing with its bytes
 * unread would reset the connection, and could lose the answer). */
static int
forward_socks_drain(struct socks_conn *sc)
{
	char	buf[512];
	ssize_t	n;
	int	r;

	if (sc->state == SC_CLOSING) {
		if ((r = forward_socks_flush(sc)) != 1)
			return (r);
		shutdown(sc->fd, SHUT_WR);
		sc->state = SC_DRAINING;
	}
	while ((n = read(sc->fd, buf, sizeof buf)) > 0)
		;
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return (0);
	return (-1);
}

/* One client's next steps; -1 when it is done with (its stream handed to
 * add, or closed). */
static int
forward_socks_step(struct forward *f, struct socks_conn *sc,
    forward_add_cb *add, int *changed)
{
	int	r;

	if (sc->state != SC_OPENING && clock_now() >= sc->deadline) {
		log_debug("%s: %s from %s:%u: too slow", __func__,
		    sc->fwd->text, sc->orig, sc->oport);
		return (-1);
	}
	if (sc->state == SC_READING &&
	    forward_socks_read(f, sc, changed) == -1)
		return (-1);
	if (sc->state == SC_OPENING)
		forward_socks_opened(sc);
	if (sc->state == SC_CLOSING || sc->state == SC_DRAINING)
		return (forward_socks_drain(sc));
	if (sc->state != SC_REPLYING)
		return (0);
	if ((r = forward_socks_flush(sc)) != 1)
		return (r);
	/* Told: from now on a stream like any other, early bytes first. */
	tunnel_give_fd(sc->t, sc->fd, sc->in, sc->inlen);
	add(f, sc->fwd, sc->t);
	sc->fd = -1;
	sc->t = NULL;
	*changed = 1;
	return (-1);
}

/*
 * Every handshake of f's forwards, each as far as it goes now; 1 if a
 * channel was asked for or a stream began (and so wants pumping).
 */
int
forward_socks_service(struct forward *f, forward_add_cb *add)
{
	struct socks_conn	**scp, *sc;
	int			  changed = 0;

	for (scp = &f->socks; (sc = *scp) != NULL;) {
		if (forward_socks_step(f, sc, add, &changed) != -1) {
			scp = &sc->next;
			continue;
		}
		*scp = sc->next;
		forward_socks_free(f, sc);
	}
	return (changed);
}

/* The clients' sockets to watch: a channel being opened needs none. */
int
forward_socks_pollfds(struct forward *f, struct pollfd *pfd, int max)
{
	struct socks_conn	*sc;
	int			 n = 0;

	for (sc = f->socks; sc != NULL && n < max; sc = sc->next) {
		if (sc->state == SC_OPENING)
			continue;
		pfd[n].fd = sc->fd;
		pfd[n].revents = 0;
		if (sc->outoff < sc->s.outlen)
			pfd[n].events = POLLOUT;
		else
			pfd[n].events = POLLIN;
		n++;
	}
	return (n);
}

/* When the first client of f is given up (clock_now()'s time), or 0. */
double
forward_socks_deadline(struct forward *f)
{
	struct socks_conn	*sc;
	double			 first = 0;

	for (sc = f->socks; sc != NULL; sc = sc->next) {
		if (sc->state != SC_OPENING && (first == 0 ||
		    sc->deadline < first))
			first = sc->deadline;
	}
	return (first);
}

/* The session is over (or the tab): every handshake ends. */
void
forward_socks_close(struct forward *f)
{
	struct socks_conn	*sc;

	while ((sc = f->socks) != NULL) {
		f->socks = sc->next;
		forward_socks_free(f, sc);
	}
}
