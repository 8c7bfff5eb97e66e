/*
 * telnet.c: the telnet protocol (RFC 854) over a TCP connection, shared by
 * telnet and raw TCP tabs (telnet-client.c) and network serial ports
 * (rfc2217.c). It resolves and connects without blocking the loop, takes
 * IAC commands out of what the server sends, answers option negotiation
 * as its user's callbacks decide, doubles data bytes 0xff and keeps the
 * text the tab should show (progress, and why a connection failed).
 *
 * Negotiation remembers the last DO/DONT and WILL/WONT sent for each
 * option and never repeats one, so that an acknowledgement is not taken
 * for a new request and answered again (the loop RFC 854 warns about).
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

#define TELNET_TIMEOUT	10	/* seconds to connect when not given */

enum { S_DATA, S_IAC, S_OPT, S_SB, S_SB_IAC };

static void	telnet_opened(struct telnet *);

static const char *telnet_phase_names[] = {
	N_("resolving"), N_("connecting"), N_("connected"), N_("closed"),
	N_("waiting for the jump hosts")
};

/* Bytes to send as they are (commands, or data already escaped). */
void
telnet_queue(struct telnet *tn, const void *buf, size_t len)
{
	tn->out = xreallocarray(tn->out, tn->outlen + len, 1);
	memcpy(tn->out + tn->outlen, buf, len);
	tn->outlen += len;
}

/* Bytes to send with each 0xff doubled, if escape says so. */
static void
telnet_queue_escaped(struct telnet *tn, const u_char *p, size_t len,
    int escape)
{
	size_t	i;

	tn->out = xreallocarray(tn->out, tn->outlen + 2 * len, 1);
	for (i = 0; i < len; i++) {
		tn->out[tn->outlen++] = p[i];
		if (p[i] == TEL_IAC && escape)
			tn->out[tn->outlen++] = p[i];
	}
}

/* Data for the server: 0xff doubled once telnet is spoken. */
void
telnet_send(struct telnet *tn, const void *buf, size_t len)
{
	telnet_queue_escaped(tn, buf, len, tn->negotiate);
}

/* Bytes for the tab itself, as they are (a local echo). */
void
telnet_show(struct telnet *tn, const void *buf, size_t len)
{
	tn->msg = xreallocarray(tn->msg, tn->msglen + len, 1);
	memcpy(tn->msg + tn->msglen, buf, len);
	tn->msglen += len;
}

/* Text for the tab; lines end with CR LF for the terminal. */
void
telnet_say(struct telnet *tn, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	tn->msg = xreallocarray(tn->msg, tn->msglen + 2 * strlen(s) + 1, 1);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n')
			tn->msg[tn->msglen++] = '\r';
		tn->msg[tn->msglen++] = *p;
	}
	free(s);
}

/* End the connection; the reason goes to the status bar and tab mark. */
void
telnet_fail(struct telnet *tn, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	log_debug("telnet %s:%u: %s", tn->host, tn->port, s);
	free(tn->tr->cause);
	tn->tr->cause = s;
	tn->phase = TP_CLOSED;
	if (tn->fd != -1)
		close(tn->fd);
	tn->fd = -1;
}

/* Send IAC verb opt, unless it was the last word on that option. */
void
telnet_verb(struct telnet *tn, u_char verb, u_char opt)
{
	u_char	 b[3] = { TEL_IAC, verb, opt };
	u_char	*last;

	last = verb == TEL_WILL || verb == TEL_WONT ? &tn->sent_will[opt] :
	    &tn->sent_do[opt];
	if (*last == verb)
		return;
	*last = verb;
	telnet_queue(tn, b, 3);
}

/* A one-byte command: IAC NOP, IAC BRK. */
void
telnet_command(struct telnet *tn, u_char cmd)
{
	u_char	b[2] = { TEL_IAC, cmd };

	telnet_queue(tn, b, 2);
}

/* IAC SB opt data IAC SE, with 0xff in the data doubled. */
void
telnet_subneg(struct telnet *tn, u_char opt, const u_char *data, size_t len)
{
	u_char	b[3] = { TEL_IAC, TEL_SB, opt };

	telnet_queue(tn, b, 3);
	telnet_queue_escaped(tn, data, len, 1);
	b[1] = TEL_SE;
	telnet_queue(tn, b, 2);
}

/*
 * The server offers (WILL) or asks for (DO) an option, or withdraws it
 * (WONT, DONT). The user's accept callback decides; enabled hears of an
 * option that is now on.
 */
static void
telnet_option(struct telnet *tn, u_char verb, u_char opt)
{
	int	 his = verb == TEL_WILL || verb == TEL_WONT;
	u_char	*on = his ? &tn->him[opt] : &tn->us[opt];
	u_char	*sent = his ? &tn->sent_do[opt] : &tn->sent_will[opt];
	u_char	 yes = his ? TEL_DO : TEL_WILL, no = his ? TEL_DONT : TEL_WONT;

	if (verb == TEL_WILL || verb == TEL_DO) {
		if (*on)
			return;
		if (!tn->cb->accept(tn->arg, verb, opt)) {
			telnet_verb(tn, no, opt);
			return;
		}
		*on = 1;
		telnet_verb(tn, yes, opt);
		if (tn->cb->enabled != NULL)
			tn->cb->enabled(tn->arg, verb, opt);
		return;
	}
	/* Withdrawn: acknowledge. Refused (our request answered): note. */
	if (*on)
		telnet_verb(tn, no, opt);
	else if (*sent == yes)
		*sent = no;
	*on = 0;
}

/*
 * In raw mode a 0xff may start a telnet command: a server that negotiates
 * on connecting is telnet after all, and is spoken to as one from then on.
 */
static int
telnet_detect(struct telnet *tn, u_char c)
{
	if (tn->negotiate)
		return (1);
	if (!tn->autodetect || c < TEL_SB || c == TEL_IAC)
		return (0);
	log_debug("telnet %s:%u: telnet commands on a raw connection",
	    tn->host, tn->port);
	tn->negotiate = 1;
	if (tn->cb->connected != NULL)
		tn->cb->connected(tn->arg);
	return (1);
}

/*
 * What the server sent: take telnet commands out of n bytes at buf + 1
 * (answers to them are queued); the data is left from buf on and its
 * length returned. The spare byte in front is for an IAC held back from
 * the last read that turned out to be data (raw mode).
 */
size_t
telnet_input(struct telnet *tn, char *buf, size_t n)
{
	size_t	i, j = 0;
	u_char	c;

	for (i = 1; i <= n; i++) {
		c = buf[i];
		switch (tn->state) {
		case S_DATA:
			if (c == TEL_IAC && (tn->negotiate || tn->autodetect))
				tn->state = S_IAC;
			else
				buf[j++] = c;
			break;
		case S_IAC:
			tn->state = S_DATA;
			if (!telnet_detect(tn, c)) {
				buf[j++] = (char)TEL_IAC;
				i--;	/* c is data, or a new IAC */
			} else if (c == TEL_IAC)
				buf[j++] = c;
			else if (c >= TEL_WILL && c <= TEL_DONT) {
				tn->verb = c;
				tn->state = S_OPT;
			} else if (c == TEL_SB) {
				tn->sblen = 0;
				tn->state = S_SB;
			}
			break;
		case S_OPT:
			telnet_option(tn, tn->verb, c);
			tn->state = S_DATA;
			break;
		case S_SB:
			if (c == TEL_IAC)
				tn->state = S_SB_IAC;
			else if (tn->sblen < sizeof tn->sb)
				tn->sb[tn->sblen++] = c;
			break;
		case S_SB_IAC:
			if (c == TEL_SE) {
				if (tn->sblen > 0 && tn->cb->subneg != NULL)
					tn->cb->subneg(tn->arg, tn->sb,
					    tn->sblen);
				tn->state = S_DATA;
				break;
			}
			if (tn->sblen < sizeof tn->sb)
				tn->sb[tn->sblen++] = c;
			tn->state = S_SB;
			break;
		}
	}
	return (j);
}

/* Write what is queued, as much as the socket takes now. */
void
telnet_flush(struct telnet *tn)
{
	ssize_t	n;

	if (tn->phase != TP_OPEN || tn->outlen == 0)
		return;
	n = write(tn->fd, tn->out, tn->outlen);
	if (n > 0) {
		memmove(tn->out, tn->out + n, tn->outlen - n);
		tn->outlen -= n;
		tn->last_sent = clock_now();
	}
}

/*
 * Start resolving host:port. peer names the other end in messages ("the
 * console server"); timeout is in seconds, 0 for tterm's default.
 */
int
telnet_start(struct telnet *tn, struct transport *tr, const char *host,
    u_int port, u_int timeout, char **cause)
{
	tn->tr = tr;
	tn->fd = -1;
	tn->port = port;
	tn->connect_timeout = timeout > 0 ? timeout : TELNET_TIMEOUT;
	if ((tn->res = resolve_start(host, port, cause)) == NULL)
		return (-1);
	tn->host = xstrdup(host);
	tn->phase = TP_RESOLVING;
	telnet_say(tn, _("Connecting to %s %s port %u...\n"), _(tn->peer),
	    host, port);
	return (0);
}

/*
 * Wait for a stream made elsewhere (a tunnel through jump hosts, which
 * resolve and connect host themselves): telnet_attach() brings it.
 */
void
telnet_wait(struct telnet *tn, struct transport *tr, const char *host,
    u_int port, const char *via)
{
	tn->tr = tr;
	tn->fd = -1;
	tn->port = port;
	tn->host = xstrdup(host);
	tn->connect_timeout = TELNET_TIMEOUT;
	tn->phase = TP_WAITING;
	snprintf(tn->ip, sizeof tn->ip, _("through %s"), via);
	telnet_say(tn, _("Connecting to %s %s port %u through %s...\n"),
	    _(tn->peer), host, port, via);
}

/* The stream for a waiting connection is there. */
void
telnet_attach(struct telnet *tn, int fd)
{
	tn->fd = fd;
	telnet_opened(tn);
}

/* The name did not resolve, or no address worked: say why. */
static void
telnet_diag(struct telnet *tn, int error)
{
	char	*service, *text, *cause;

	if (error != 0)
		net_diag_resolve(error, tn->host, &text, &cause);
	else {
		xasprintf(&service, _("    - Is %s running there, and on"
		    " this port?\n"
		    "    - A console server has a port per line: is it the"
		    " right one?\n"), _(tn->peer));
		net_diag_connect(tn->last_errno, tn->host, tn->ip, tn->port,
		    tn->connect_timeout, service, &text, &cause);
		free(service);
	}
	telnet_say(tn, "%s", text);
	telnet_fail(tn, "%s", cause);
	free(text);
	free(cause);
}

/* Try the next address, or say why none worked. */
static void
telnet_try(struct telnet *tn)
{
	tn->fd = net_try(&tn->ai_next, 0, tn->ip, sizeof tn->ip,
	    &tn->last_errno);
	if (tn->fd == -1) {
		telnet_diag(tn, 0);
		return;
	}
	tn->phase = TP_CONNECTING;
	tn->deadline = clock_now() + tn->connect_timeout;
}

/* Connected: say so, and let telnet begin. */
static void
telnet_opened(struct telnet *tn)
{
	tn->phase = TP_OPEN;
	tn->deadline = 0;
	tn->last_sent = clock_now();
	telnet_say(tn, _("Connected to %s (%s).\n"), tn->host, tn->ip);
	if (tn->negotiate && tn->cb->connected != NULL)
		tn->cb->connected(tn->arg);
}

/* Move the connection on: resolved, connected, timed out. */
void
telnet_service(struct telnet *tn)
{
	int	r, error;

	if (tn->phase == TP_RESOLVING) {
		r = resolve_finish(&tn->res, &tn->ai_list, &error);
		if (r < 0)
			telnet_diag(tn, error);
		else if (r == 0) {
			tn->ai_next = tn->ai_list;
			telnet_try(tn);
		}
	}
	if (tn->phase == TP_CONNECTING) {
		r = net_connect_step(&tn->fd, clock_now() >= tn->deadline);
		if (r == 0)
			telnet_opened(tn);
		else if (r != EINPROGRESS) {
			tn->last_errno = r;
			telnet_try(tn);
		}
	}
	telnet_flush(tn);
}

int
telnet_pollfds(struct telnet *tn, struct pollfd *pfd, int max, int want_write)
{
	if (max < 1 || tn->phase == TP_CLOSED || tn->phase == TP_WAITING)
		return (0);
	pfd->revents = 0;
	if (tn->phase == TP_RESOLVING) {
		pfd->fd = resolve_fd(tn->res);
		pfd->events = POLLIN;
		return (1);
	}
	pfd->fd = tn->fd;
	if (tn->phase == TP_CONNECTING)
		pfd->events = POLLOUT;
	else
		pfd->events = POLLIN | (want_write || tn->outlen > 0 ?
		    POLLOUT : 0);
	return (1);
}

/* Seconds until the connection attempt times out, or -1. */
double
telnet_deadline(struct telnet *tn)
{
	double	t;

	if (tn->phase != TP_CONNECTING)
		return (-1);
	t = tn->deadline - clock_now();
	return (t < 0 ? 0 : t);
}

/*
 * Data from the server for the tab: first tterm's own text, then what the
 * socket has, its commands taken out. -1 once closed and all is shown.
 */
ssize_t
telnet_read(struct telnet *tn, char *buf, size_t len)
{
	ssize_t	n;

	if (tn->msglen > 0) {
		n = len < tn->msglen ? len : tn->msglen;
		memcpy(buf, tn->msg, n);
		memmove(tn->msg, tn->msg + n, tn->msglen - n);
		tn->msglen -= n;
		return (n);
	}
	if (tn->phase == TP_CLOSED)
		return (-1);
	if (tn->phase != TP_OPEN || len < 2)
		return (0);
	n = read(tn->fd, buf + 1, len - 1);
	if (n > 0) {
		n = telnet_input(tn, buf, n);
		telnet_flush(tn);	/* answers to options */
		return (n);
	}
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return (0);
	if (n == 0)
		telnet_fail(tn, _("connection closed by %s"), _(tn->peer));
	else
		telnet_fail(tn, "%s", strerror(errno));
	return (telnet_read(tn, buf, len));
}

const char *
telnet_phase_name(const struct telnet *tn)
{
	return (_(telnet_phase_names[tn->phase]));
}

void
telnet_free(struct telnet *tn)
{
	if (tn->res != NULL)
		resolve_free(tn->res);
	if (tn->ai_list != NULL)
		freeaddrinfo(tn->ai_list);
	if (tn->fd != -1)
		close(tn->fd);
	free(tn->host);
	free(tn->out);
	free(tn->msg);
}
