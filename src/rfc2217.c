/*
 * rfc2217.c: network serial ports. A console server (ser2net and the like)
 * speaks telnet with the COM-PORT-OPTION of RFC 2217, through which tterm
 * sets the speed, data bits, parity, stop bits and flow control of the
 * remote port and sends BREAK. Data bytes 0xff are doubled both ways, as
 * telnet wants. The server acknowledges each setting with the command plus
 * 100; the status bar shows the speed the server confirmed.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"

#define T_IAC		255
#define T_DONT		254
#define T_DO		253
#define T_WONT		252
#define T_WILL		251
#define T_SB		250
#define T_SE		240
#define T_BINARY	0
#define T_ECHO		1
#define T_SGA		3
#define T_COMPORT	44

#define CP_SET_BAUDRATE	1
#define CP_SET_DATASIZE	2
#define CP_SET_PARITY	3
#define CP_SET_STOPSIZE	4
#define CP_SET_CONTROL	5

enum rfc_state { R_DATA, R_IAC, R_OPT, R_SB, R_SB_IAC };

struct rfc2217 {
	struct serial_opts o;
	char		*host;
	u_int		 port;
	struct resolve	*res;
	struct addrinfo	*ai;
	int		 fd;
	int		 connecting;
	int		 closed;
	enum rfc_state	 state;
	u_char		 verb;
	u_char		 sb[64];
	size_t		 sblen;
	u_int		 confirmed;	/* speed the server acknowledged */
	u_char		 sent[256];	/* last DO/DONT sent per option */
	u_char		 sent_will[256];	/* last WILL/WONT sent */
	int		 settings_sent;
	int		 dtr_off, rts_off;
	char		*out;		/* bytes to send */
	size_t		 outlen;
	char		*msg;		/* text for the tab */
	size_t		 msglen;
	char		 status[256];
};

static void
rfc_queue(struct rfc2217 *r, const void *buf, size_t len)
{
	r->out = xreallocarray(r->out, r->outlen + len, 1);
	memcpy(r->out + r->outlen, buf, len);
	r->outlen += len;
}

static void
rfc_say(struct rfc2217 *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	r->msg = xreallocarray(r->msg, r->msglen + strlen(s), 1);
	memcpy(r->msg + r->msglen, s, strlen(s));
	r->msglen += strlen(s);
	free(s);
}

/* Send IAC verb opt, once: answering an acknowledgement again loops. */
static void
rfc_verb(struct rfc2217 *r, u_char verb, u_char opt)
{
	u_char	b[3] = { T_IAC, verb, opt };
	u_char	*last = (verb == T_WILL || verb == T_WONT) ? &r->sent_will[opt] :
	    &r->sent[opt];

	if (*last == verb)
		return;
	*last = verb;
	rfc_queue(r, b, 3);
}

/* A COM-PORT-OPTION subnegotiation with a value of len bytes. */
static void
rfc_comport(struct rfc2217 *r, u_char cmd, uint32_t value, int len)
{
	u_char	b[16];
	int	n = 0, i;

	b[n++] = T_IAC;
	b[n++] = T_SB;
	b[n++] = T_COMPORT;
	b[n++] = cmd;
	for (i = len - 1; i >= 0; i--) {
		b[n] = (value >> (8 * i)) & 0xff;
		if (b[n++] == T_IAC)
			b[n++] = T_IAC;
	}
	b[n++] = T_IAC;
	b[n++] = T_SE;
	rfc_queue(r, b, n);
}

/* Send the line settings (after the server agreed to COM-PORT-OPTION). */
static void
rfc_settings(struct rfc2217 *r)
{
	u_char	parity = 1;

	switch (r->o.parity) {
	case 'O': parity = 2; break;
	case 'E': parity = 3; break;
	case 'M': parity = 4; break;
	case 'S': parity = 5; break;
	}
	rfc_comport(r, CP_SET_BAUDRATE, r->o.speed, 4);
	rfc_comport(r, CP_SET_DATASIZE, r->o.databits, 1);
	rfc_comport(r, CP_SET_PARITY, parity, 1);
	rfc_comport(r, CP_SET_STOPSIZE, r->o.stopbits, 1);
	rfc_comport(r, CP_SET_CONTROL, r->o.flow == SERIAL_FLOW_XONXOFF ? 2 :
	    r->o.flow == SERIAL_FLOW_RTSCTS ? 3 : 1, 1);
}

/* Answer a WILL/WONT/DO/DONT: binary, SGA, echo and COM-PORT are fine. */
static void
rfc_option(struct rfc2217 *r, u_char verb, u_char opt)
{
	int	ok = opt == T_BINARY || opt == T_SGA || opt == T_COMPORT ||
	    (opt == T_ECHO && verb == T_WILL);

	switch (verb) {
	case T_WILL:
		if (r->sent[opt] != T_DO && r->sent[opt] != T_DONT)
			rfc_verb(r, ok ? T_DO : T_DONT, opt);
		break;
	case T_DO:
		if (r->sent_will[opt] != T_WILL && r->sent_will[opt] != T_WONT)
			rfc_verb(r, ok && opt != T_ECHO ? T_WILL : T_WONT, opt);
		/* The server takes our COM-PORT-OPTION: set the line. */
		if (opt == T_COMPORT && !r->settings_sent) {
			r->settings_sent = 1;
			rfc_settings(r);
		}
		break;
	default:
		break;
	}
}

/* A subnegotiation from the server: note the acknowledged speed. */
static void
rfc_subneg(struct rfc2217 *r)
{
	if (r->sblen >= 6 && r->sb[0] == T_COMPORT &&
	    r->sb[1] == CP_SET_BAUDRATE + 100) {
		r->confirmed = ((u_int)r->sb[2] << 24) | ((u_int)r->sb[3] << 16) |
		    ((u_int)r->sb[4] << 8) | r->sb[5];
		ui_redraw_bars = 1;
		log_debug("rfc2217 %s: speed %u confirmed", r->host,
		    r->confirmed);
	}
}

/* Take telnet commands out of buf; return the data bytes left. */
static size_t
rfc_filter(struct rfc2217 *r, char *buf, size_t len)
{
	size_t	i, j = 0;
	u_char	c;

	for (i = 0; i < len; i++) {
		c = buf[i];
		switch (r->state) {
		case R_DATA:
			if (c == T_IAC)
				r->state = R_IAC;
			else
				buf[j++] = c;
			break;
		case R_IAC:
			if (c == T_IAC) {
				buf[j++] = c;
				r->state = R_DATA;
			} else if (c >= T_WILL && c <= T_DONT) {
				r->verb = c;
				r->state = R_OPT;
			} else if (c == T_SB) {
				r->sblen = 0;
				r->state = R_SB;
			} else
				r->state = R_DATA;
			break;
		case R_OPT:
			rfc_option(r, r->verb, c);
			r->state = R_DATA;
			break;
		case R_SB:
			if (c == T_IAC)
				r->state = R_SB_IAC;
			else if (r->sblen < sizeof r->sb)
				r->sb[r->sblen++] = c;
			break;
		case R_SB_IAC:
			if (c == T_SE) {
				rfc_subneg(r);
				r->state = R_DATA;
			} else {
				if (r->sblen < sizeof r->sb)
					r->sb[r->sblen++] = c;
				r->state = R_SB;
			}
			break;
		}
	}
	return (j);
}

static void
rfc_flush(struct rfc2217 *r)
{
	ssize_t	n;

	if (r->fd == -1 || r->connecting || r->outlen == 0)
		return;
	n = write(r->fd, r->out, r->outlen);
	if (n > 0) {
		memmove(r->out, r->out + n, r->outlen - n);
		r->outlen -= n;
	}
}

/* Start connecting to host:port for the network serial port. */
int
rfc2217_open(struct transport *tr, const char *host, u_int port,
    const struct serial_opts *o, char **cause)
{
	struct rfc2217	*r = xcalloc(1, sizeof *r);

	r->o = *o;
	r->o.path = NULL;
	r->host = xstrdup(host);
	r->port = port;
	r->fd = -1;
	if ((r->res = resolve_start(host, port, cause)) == NULL) {
		free(r->host);
		free(r);
		return (-1);
	}
	memset(tr, 0, sizeof *tr);
	tr->ops = &rfc2217_ops;
	tr->data = r;
	rfc_say(r, "Connecting to the console server %s port %u...\r\n", host,
	    port);
	return (0);
}

static void
rfc_fail(struct rfc2217 *r, struct transport *tr, const char *why)
{
	rfc_say(r, "\r\n[%s port %u: %s]\r\n", r->host, r->port, why);
	free(tr->cause);
	tr->cause = xstrdup(why);
	r->closed = 1;
	if (r->fd != -1)
		close(r->fd);
	r->fd = -1;
}

static void
rfc_service(struct transport *tr, const struct pollfd *pfd, int n)
{
	struct rfc2217	*r = tr->data;
	struct addrinfo	*res;
	int		 error, err;

	if (r == NULL || r->closed)
		return;
	if (r->res != NULL) {
		if (resolve_done(r->res, &res, &error) > 0)
			return;
		resolve_free(r->res);
		r->res = NULL;
		if (error != 0) {
			rfc_fail(r, tr, gai_strerror(error));
			return;
		}
		r->ai = res;
		if ((r->fd = net_connect(res, 1)) == -1) {
			rfc_fail(r, tr, strerror(errno));
			return;
		}
		r->connecting = 1;
		return;
	}
	if (r->connecting) {
		if ((err = net_connected(r->fd)) == EINPROGRESS)
			return;
		if (err != 0) {
			rfc_fail(r, tr, strerror(err));
			return;
		}
		r->connecting = 0;
		/* Ask for the COM-PORT-OPTION; settings follow its WILL. */
		rfc_verb(r, T_WILL, T_COMPORT);
		rfc_verb(r, T_DO, T_COMPORT);
		rfc_verb(r, T_WILL, T_BINARY);
		rfc_verb(r, T_DO, T_BINARY);
		rfc_say(r, "Connected; setting %u %d%c%d.\r\n", r->o.speed,
		    r->o.databits, r->o.parity, r->o.stopbits);
		ui_redraw_bars = 1;
	}
	rfc_flush(r);
}

static int
rfc_pollfds(struct transport *tr, struct pollfd *pfd, int max, int want_write)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL || r->closed || max < 1)
		return (0);
	pfd->revents = 0;
	if (r->res != NULL) {
		pfd->fd = resolve_fd(r->res);
		pfd->events = POLLIN;
		return (1);
	}
	if (r->fd == -1)
		return (0);
	pfd->fd = r->fd;
	pfd->events = r->connecting ? POLLOUT : POLLIN |
	    (want_write || r->outlen > 0 ? POLLOUT : 0);
	return (1);
}

static ssize_t
rfc_read(struct transport *tr, char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;
	ssize_t		 n;

	if (r == NULL)
		return (-1);
	if (r->msglen > 0) {
		n = len < r->msglen ? len : r->msglen;
		memcpy(buf, r->msg, n);
		memmove(r->msg, r->msg + n, r->msglen - n);
		r->msglen -= n;
		return (n);
	}
	if (r->closed)
		return (-1);
	if (r->fd == -1 || r->connecting)
		return (0);
	n = read(r->fd, buf, len);
	if (n > 0) {
		n = rfc_filter(r, buf, n);
		rfc_flush(r);	/* answers to options */
		return (n);
	}
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return (0);
	rfc_fail(r, tr, n == 0 ? "connection closed by the console server" :
	    strerror(errno));
	return (rfc_read(tr, buf, len));
}

static ssize_t
rfc_write(struct transport *tr, const char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;
	size_t		 i;

	if (r == NULL || r->closed)
		return (-1);
	if (r->fd == -1 || r->connecting)
		return (0);
	for (i = 0; i < len; i++) {
		rfc_queue(r, &buf[i], 1);
		if ((u_char)buf[i] == T_IAC)
			rfc_queue(r, &buf[i], 1);	/* doubled */
	}
	rfc_flush(r);
	return (len);
}

static void
rfc_resize(struct transport *tr, u_int rows, u_int cols)
{
}

static const char *
rfc_status(struct transport *tr)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL)
		return ("rfc2217");
	if (r->confirmed != 0)
		snprintf(r->status, sizeof r->status, "rfc2217 %s:%u %u %d%c%d"
		    " (confirmed)", r->host, r->port, r->confirmed,
		    r->o.databits, r->o.parity, r->o.stopbits);
	else
		snprintf(r->status, sizeof r->status, "rfc2217 %s:%u %s",
		    r->host, r->port, r->fd == -1 || r->connecting ?
		    "connecting" : "negotiating");
	return (r->status);
}

/* Flip DTR or RTS (TIOCM_DTR or TIOCM_RTS) through SET-CONTROL. */
int
rfc2217_toggle(struct transport *tr, int line, char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;
	int		 dtr = line == TIOCM_DTR, on;

	if (r == NULL || r->fd == -1 || r->connecting) {
		snprintf(buf, len, "not connected");
		return (-1);
	}
	if (dtr)
		on = r->dtr_off;	/* both start on */
	else
		on = r->rts_off;
	rfc_comport(r, CP_SET_CONTROL, dtr ? (on ? 8 : 9) : (on ? 11 : 12), 1);
	rfc_flush(r);
	if (dtr)
		r->dtr_off = !on;
	else
		r->rts_off = !on;
	snprintf(buf, len, "%s %s (RFC 2217)", dtr ? "DTR" : "RTS",
	    on ? "on" : "off");
	return (0);
}

/* New line settings: sent at once when the server already has some. */
void
rfc2217_reconfigure(struct transport *tr, const struct serial_opts *o)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL)
		return;
	r->o = *o;
	r->o.path = NULL;
	if (r->settings_sent && r->fd != -1 && !r->connecting) {
		rfc_settings(r);
		rfc_flush(r);
	}
	ui_redraw_bars = 1;
}

/* Send a BREAK: SET-CONTROL break on, then off. */
int
rfc2217_break(struct transport *tr)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL || r->fd == -1)
		return (-1);
	rfc_comport(r, CP_SET_CONTROL, 5, 1);
	rfc_comport(r, CP_SET_CONTROL, 6, 1);
	rfc_flush(r);
	return (0);
}

static void
rfc_close(struct transport *tr)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL)
		return;
	if (r->res != NULL)
		resolve_free(r->res);
	if (r->ai != NULL)
		freeaddrinfo(r->ai);
	if (r->fd != -1)
		close(r->fd);
	free(r->host);
	free(r->out);
	free(r->msg);
	free(r);
	tr->data = NULL;
}

const struct transport_ops rfc2217_ops = {
	.name = "rfc2217",
	.pollfds = rfc_pollfds,
	.service = rfc_service,
	.read = rfc_read,
	.write = rfc_write,
	.resize = rfc_resize,
	.status = rfc_status,
	.close = rfc_close,
};
