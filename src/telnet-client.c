/*
 * telnet-client.c: telnet and raw TCP tabs, as Tera Term makes them when
 * SSH is off. With telnet, tterm negotiates as a client: it offers its
 * terminal type (TTYPE) and window size (NAWS, again on every resize),
 * asks the server to echo and to suppress go-ahead, takes binary when
 * offered and refuses the rest. A raw connection passes bytes unchanged
 * until the server sends telnet commands, then becomes telnet (Tera
 * Term's TelAutoDetect). Keepalive sends IAC NOP when nothing was sent
 * for a while, so that idle sessions survive firewalls and NAT.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define TTYPE_IS	0
#define TTYPE_SEND	1

struct tclient {
	struct telnet	 tn;
	struct telnet_opts o;
	u_int		 rows, cols;
	int		 binary;	/* a file transfer: bytes as they are */
	char		 status[256];
};

/* Our window size, as NAWS wants it: width then height, 16 bits each. */
static void
tclient_naws(struct tclient *c)
{
	u_char	b[4];

	if (!c->tn.us[TELOPT_NAWS] || c->tn.phase != TP_OPEN)
		return;
	b[0] = c->cols >> 8;
	b[1] = c->cols & 0xff;
	b[2] = c->rows >> 8;
	b[3] = c->rows & 0xff;
	telnet_subneg(&c->tn, TELOPT_NAWS, b, sizeof b);
	telnet_flush(&c->tn);
}

static int
tclient_accept(void *arg, u_char verb, u_char opt)
{
	if (opt == TELOPT_BINARY)
		return (1);
	if (verb == TEL_WILL)
		return (opt == TELOPT_ECHO || opt == TELOPT_SGA);
	return (opt == TELOPT_TTYPE || opt == TELOPT_NAWS ||
	    opt == TELOPT_SGA);
}

static void
tclient_enabled(void *arg, u_char verb, u_char opt)
{
	struct tclient	*c = arg;

	if (verb == TEL_DO && opt == TELOPT_NAWS)
		tclient_naws(c);
}

/* The server asks for our terminal type: the profile's, or --term. */
static void
tclient_subneg(void *arg, const u_char *sb, size_t len)
{
	struct tclient	*c = arg;
	const char	*term = c->o.term != NULL ? c->o.term : opts.term;
	u_char		 b[64];
	size_t		 n;

	if (len < 2 || sb[0] != TELOPT_TTYPE || sb[1] != TTYPE_SEND ||
	    !c->tn.us[TELOPT_TTYPE])
		return;
	if (term == NULL || *term == '\0')
		term = "xterm";
	n = strlen(term);
	if (n > sizeof b - 1)
		n = sizeof b - 1;
	b[0] = TTYPE_IS;
	memcpy(b + 1, term, n);
	telnet_subneg(&c->tn, TELOPT_TTYPE, b, n + 1);
	log_debug("telnet %s: terminal type %s", c->tn.host, term);
}

/* Telnet from the start, or found on a raw connection: make our offers. */
static void
tclient_connected(void *arg)
{
	struct tclient	*c = arg;

	telnet_verb(&c->tn, TEL_WILL, TELOPT_TTYPE);
	telnet_verb(&c->tn, TEL_WILL, TELOPT_NAWS);
	telnet_verb(&c->tn, TEL_DO, TELOPT_SGA);
	telnet_verb(&c->tn, TEL_DO, TELOPT_ECHO);
}

static const struct telnet_cb tclient_cb = {
	.accept = tclient_accept,
	.enabled = tclient_enabled,
	.subneg = tclient_subneg,
	.connected = tclient_connected,
};

/*
 * A telnet or raw TCP transport in tr, not connected yet (telnet_start()
 * or telnet_attach() on the telnet returned brings the stream); rows and
 * cols are the tab's size for NAWS.
 */
struct telnet *
telnet_client_new(struct transport *tr, const struct telnet_opts *o,
    u_int rows, u_int cols)
{
	struct tclient	*c = xcalloc(1, sizeof *c);

	c->o = *o;
	c->o.host = NULL;
	c->o.term = o->term != NULL ? xstrdup(o->term) : NULL;
	c->rows = rows;
	c->cols = cols;
	c->tn.cb = &tclient_cb;
	c->tn.arg = c;
	c->tn.peer = o->telnet ? N_("the telnet server") : N_("the server");
	c->tn.negotiate = o->telnet;
	c->tn.autodetect = o->autodetect;
	c->tn.fd = -1;
	memset(tr, 0, sizeof *tr);
	tr->ops = &telnet_ops;
	tr->data = c;
	return (&c->tn);
}

/* Start connecting; rows and cols are the tab's size for NAWS. */
int
telnet_open(struct transport *tr, const struct telnet_opts *o, u_int rows,
    u_int cols, char **cause)
{
	struct telnet	*tn = telnet_client_new(tr, o, rows, cols);

	if (telnet_start(tn, tr, o->host, o->port, o->timeout, cause) != 0) {
		tr->ops->close(tr);
		memset(tr, 0, sizeof *tr);
		return (-1);
	}
	return (0);
}

static void
tclient_service(struct transport *tr, const struct pollfd *pfd, int n)
{
	struct tclient	*c = tr->data;
	double		 now;

	if (c == NULL)
		return;
	telnet_service(&c->tn);
	/* Nothing sent for the keepalive interval: a NOP. */
	if (c->tn.phase == TP_OPEN && c->tn.negotiate && c->o.keepalive > 0) {
		now = clock_now();
		if (now >= c->tn.last_sent + c->o.keepalive) {
			telnet_command(&c->tn, TEL_NOP);
			telnet_flush(&c->tn);
			c->tn.last_sent = now;	/* even if it waits */
		}
	}
}

static int
tclient_pollfds(struct transport *tr, struct pollfd *pfd, int max,
    int want_write)
{
	struct tclient	*c = tr->data;

	return (c != NULL ? telnet_pollfds(&c->tn, pfd, max, want_write) : 0);
}

/* Connecting: its timeout. Open: the next keepalive. */
static double
tclient_deadline(struct transport *tr)
{
	struct tclient	*c = tr->data;
	double		 t;

	if (c == NULL)
		return (-1);
	if (c->tn.phase != TP_OPEN)
		return (telnet_deadline(&c->tn));
	if (!c->tn.negotiate || c->o.keepalive == 0)
		return (-1);
	t = c->tn.last_sent + c->o.keepalive - clock_now();
	return (t < 0 ? 0 : t);
}

static ssize_t
tclient_read(struct transport *tr, char *buf, size_t len)
{
	struct tclient	*c = tr->data;

	return (c != NULL ? telnet_read(&c->tn, buf, len) : -1);
}

/* Echo typed bytes in the tab, a CR as CR LF. */
static void
tclient_echo(struct tclient *c, const char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		telnet_show(&c->tn, &buf[i], 1);
		if (buf[i] == '\r')
			telnet_show(&c->tn, "\n", 1);
	}
}

/*
 * Typed bytes: Enter as the profile says (CR becomes CR NUL for a telnet
 * server not in binary mode, as the NVT wants), echoed locally when asked
 * and the server does not echo itself.
 */
static ssize_t
tclient_write(struct transport *tr, const char *buf, size_t len)
{
	struct tclient	*c = tr->data;
	size_t		 i;

	if (c == NULL || c->tn.phase == TP_CLOSED)
		return (-1);
	if (c->tn.phase != TP_OPEN)
		return (0);
	if (c->binary) {
		telnet_send(&c->tn, buf, len);	/* only 0xff doubled */
		telnet_flush(&c->tn);
		return (len);
	}
	for (i = 0; i < len; i++) {
		if (buf[i] != '\r')
			telnet_send(&c->tn, &buf[i], 1);
		else if (c->o.send_nl == SERIAL_NL_CRLF)
			telnet_send(&c->tn, "\r\n", 2);
		else if (c->o.send_nl == SERIAL_NL_LF)
			telnet_send(&c->tn, "\n", 1);
		else if (c->tn.negotiate && !c->tn.us[TELOPT_BINARY])
			telnet_send(&c->tn, "\r\0", 2);
		else
			telnet_send(&c->tn, "\r", 1);
	}
	if (c->o.local_echo && !c->tn.him[TELOPT_ECHO])
		tclient_echo(c, buf, len);
	telnet_flush(&c->tn);
	return (len);
}

/*
 * A file transfer runs (on) or has ended. Its bytes go as they are, and
 * a telnet server is asked for binary both ways (RFC 856), so that it
 * neither adds a NUL after a CR nor takes one out; binary stays on after.
 */
static void
tclient_binary(struct transport *tr, int on)
{
	struct tclient	*c = tr->data;

	if (c == NULL)
		return;
	c->binary = on;
	if (on && c->tn.negotiate && c->tn.phase == TP_OPEN) {
		if (!c->tn.us[TELOPT_BINARY])
			telnet_verb(&c->tn, TEL_WILL, TELOPT_BINARY);
		if (!c->tn.him[TELOPT_BINARY])
			telnet_verb(&c->tn, TEL_DO, TELOPT_BINARY);
		telnet_flush(&c->tn);
	}
}

static void
tclient_resize(struct transport *tr, u_int rows, u_int cols)
{
	struct tclient	*c = tr->data;

	if (c == NULL || (c->rows == rows && c->cols == cols))
		return;
	c->rows = rows;
	c->cols = cols;
	tclient_naws(c);
}

static const char *
tclient_status(struct transport *tr)
{
	struct tclient	*c = tr->data;

	if (c == NULL)
		return ("telnet");
	snprintf(c->status, sizeof c->status, "%s %s:%u: %s%s",
	    c->tn.negotiate ? "telnet" : "tcp", c->tn.host, c->tn.port,
	    telnet_phase_name(&c->tn), c->tn.phase == TP_OPEN &&
	    c->tn.him[TELOPT_ECHO] ? _(" (remote echo)") : "");
	return (c->status);
}

/* Send a telnet BREAK (IAC BRK); raw connections have none. */
static int
telnet_break(struct transport *tr, char *buf, size_t len)
{
	struct tclient	*c = tr->data;

	if (c == NULL || c->tn.phase != TP_OPEN || !c->tn.negotiate) {
		snprintf(buf, len, _("BREAK: not a telnet connection"));
		return (-1);
	}
	telnet_command(&c->tn, TEL_BRK);
	telnet_flush(&c->tn);
	snprintf(buf, len, _("BREAK sent (telnet IAC BRK)"));
	return (0);
}

static void
tclient_close(struct transport *tr)
{
	struct tclient	*c = tr->data;

	if (c == NULL)
		return;
	telnet_free(&c->tn);
	free(c->o.term);
	free(c);
	tr->data = NULL;
}

/* Text for the tab (a local echo, a message) is there without new bytes. */
static int
tclient_pending(struct transport *tr)
{
	const struct tclient	*c = tr->data;

	return (c != NULL && c->tn.msglen > 0);
}

static int
tclient_connecting(const struct transport *tr)
{
	const struct tclient	*c = tr->data;

	return (c != NULL && c->tn.phase != TP_OPEN &&
	    c->tn.phase != TP_CLOSED);
}

const struct transport_ops telnet_ops = {
	.name = "telnet",
	.pollfds = tclient_pollfds,
	.service = tclient_service,
	.deadline = tclient_deadline,
	.read = tclient_read,
	.write = tclient_write,
	.binary = tclient_binary,
	.resize = tclient_resize,
	.status = tclient_status,
	.close = tclient_close,
	.send_break = telnet_break,
	.pending = tclient_pending,
	.connecting = tclient_connecting,
};
