/*
 * rfc2217.c: network serial ports. A console server (ser2net and the like)
 * speaks telnet with the COM-PORT-OPTION of RFC 2217, through which tterm
 * sets the speed, data bits, parity, stop bits and flow control of the
 * remote port and sends BREAK; telnet.c speaks the telnet underneath. The
 * server acknowledges each setting with the command plus 100; the status
 * bar shows the speed the server confirmed.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define CP_SET_BAUDRATE	1
#define CP_SET_DATASIZE	2
#define CP_SET_PARITY	3
#define CP_SET_STOPSIZE	4
#define CP_SET_CONTROL	5

struct rfc2217 {
	struct telnet	 tn;
	struct serial_opts o;
	u_int		 confirmed;	/* speed the server acknowledged */
	int		 settings_sent;	/* the server took COM-PORT-OPTION */
	int		 dtr_off, rts_off;
	char		 status[256];
	/* through jump hosts */
	struct route	*route;
	struct tunnel	*tun;
	u_int		 seen;		/* route_activity() when last run */
};

/* A COM-PORT-OPTION subnegotiation with a value of len bytes. */
static void
rfc_comport(struct rfc2217 *r, u_char cmd, uint32_t value, int len)
{
	u_char	b[5];
	int	n = 0, i;

	b[n++] = cmd;
	for (i = len - 1; i >= 0; i--)
		b[n++] = (value >> (8 * i)) & 0xff;
	telnet_subneg(&r->tn, TELOPT_COMPORT, b, n);
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

/* Binary, SGA and COM-PORT are fine both ways; echo from the server. */
static int
rfc_accept(void *arg, u_char verb, u_char opt)
{
	return (opt == TELOPT_BINARY || opt == TELOPT_SGA ||
	    opt == TELOPT_COMPORT || (opt == TELOPT_ECHO && verb == TEL_WILL));
}

/* The server takes our COM-PORT-OPTION: set the line. */
static void
rfc_enabled(void *arg, u_char verb, u_char opt)
{
	struct rfc2217	*r = arg;

	if (verb == TEL_DO && opt == TELOPT_COMPORT) {
		rfc_settings(r);
		r->settings_sent = 1;
	}
}

/* A subnegotiation from the server: note the acknowledged speed. */
static void
rfc_subneg(void *arg, const u_char *sb, size_t len)
{
	struct rfc2217	*r = arg;

	if (len >= 6 && sb[0] == TELOPT_COMPORT &&
	    sb[1] == CP_SET_BAUDRATE + 100) {
		r->confirmed = ((u_int)sb[2] << 24) | ((u_int)sb[3] << 16) |
		    ((u_int)sb[4] << 8) | sb[5];
		log_debug("rfc2217 %s: speed %u confirmed", r->tn.host,
		    r->confirmed);
	}
}

/* Ask for the COM-PORT-OPTION; settings follow the server's DO. */
static void
rfc_connected(void *arg)
{
	struct rfc2217	*r = arg;

	telnet_verb(&r->tn, TEL_WILL, TELOPT_COMPORT);
	telnet_verb(&r->tn, TEL_DO, TELOPT_COMPORT);
	telnet_verb(&r->tn, TEL_WILL, TELOPT_BINARY);
	telnet_verb(&r->tn, TEL_DO, TELOPT_BINARY);
	telnet_say(&r->tn, _("Setting the line to %u %d%c%d.\n"), r->o.speed,
	    r->o.databits, r->o.parity, r->o.stopbits);
}

static const struct telnet_cb rfc_cb = {
	.accept = rfc_accept,
	.enabled = rfc_enabled,
	.subneg = rfc_subneg,
	.connected = rfc_connected,
};

/*
 * A network serial port's transport in tr with the line o, not connected
 * yet (telnet_start() or telnet_wait() on the telnet returned starts it).
 */
struct telnet *
rfc2217_new(struct transport *tr, const struct serial_opts *o)
{
	struct rfc2217	*r = xcalloc(1, sizeof *r);

	r->o = *o;
	r->o.path = NULL;
	r->tn.cb = &rfc_cb;
	r->tn.arg = r;
	r->tn.peer = N_("the console server");
	r->tn.negotiate = 1;
	r->tn.fd = -1;
	memset(tr, 0, sizeof *tr);
	tr->ops = &rfc2217_ops;
	tr->data = r;
	return (&r->tn);
}

/*
 * Start connecting to host:port for the network serial port: directly, or
 * (jump set) through a tunnel from the last of jump's jump hosts, which
 * then resolves host itself.
 */
int
rfc2217_open(struct transport *tr, const char *host, u_int port,
    const struct serial_opts *o, const struct sshdest *jump, struct tab *tab,
    char **cause)
{
	struct telnet	*tn = rfc2217_new(tr, o);
	struct rfc2217	*r = tr->data;

	if (jump != NULL) {
		if ((r->route = route_open(jump, 0, tab, cause)) == NULL)
			goto fail;
		telnet_wait(tn, tr, host, port, route_name(r->route));
	} else if (telnet_start(tn, tr, host, port, 0, cause) != 0)
		goto fail;
	return (0);
fail:
	tr->ops->close(tr);
	memset(tr, 0, sizeof *tr);
	return (-1);
}

/* Through jump hosts: wait for them, then for the tunnel's socket. */
static void
rfc_route_step(struct rfc2217 *r)
{
	const char	*why;

	r->seen = route_activity(r->route);
	if (r->tun == NULL) {
		switch (route_check(r->route, &why)) {
		case ROUTE_WAIT:
			return;
		case ROUTE_FAILED:
			telnet_fail(&r->tn, "%s", why);
			return;
		}
		r->tun = tunnel_new(route_last(r->route), r->tn.host,
		    r->tn.port);
	}
	switch (tunnel_state(r->tun, &why)) {
	case TUNNEL_OPENING:
		return;
	case TUNNEL_FAILED:
		telnet_fail(&r->tn, "%s", why);
		return;
	}
	telnet_attach(&r->tn, tunnel_take_fd(r->tun));
}

static void
rfc_service(struct transport *tr, const struct pollfd *pfd, int n)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL)
		return;
	if (r->route != NULL && r->tn.phase == TP_WAITING)
		rfc_route_step(r);
	telnet_service(&r->tn);
}

static int
rfc_pollfds(struct transport *tr, struct pollfd *pfd, int max, int want_write)
{
	struct rfc2217	*r = tr->data;

	return (r != NULL ? telnet_pollfds(&r->tn, pfd, max, want_write) : 0);
}

/* Through jump hosts: run at once when a hop has news. */
static double
rfc_deadline(struct transport *tr)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL)
		return (-1);
	if (r->route != NULL && r->tn.phase == TP_WAITING)
		return (route_activity(r->route) != r->seen ? 0 : -1);
	return (telnet_deadline(&r->tn));
}

static ssize_t
rfc_read(struct transport *tr, char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;
	ssize_t		 n;

	if (r == NULL)
		return (-1);
	/* The jump hosts' progress and questions come first. */
	if (r->route != NULL && (n = route_read(r->route, buf, len)) > 0)
		return (n);
	return (telnet_read(&r->tn, buf, len));
}

static ssize_t
rfc_write(struct transport *tr, const char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL || r->tn.phase == TP_CLOSED)
		return (-1);
	if (r->tn.phase != TP_OPEN)
		return (0);
	telnet_send(&r->tn, buf, len);
	telnet_flush(&r->tn);
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
	char		 via[192] = "", more[160];

	if (r == NULL)
		return ("rfc2217");
	if (r->route != NULL) {
		route_status(r->route, more, sizeof more);
		snprintf(via, sizeof via, _(" via %s%s%s"),
		    route_name(r->route), *more != '\0' ? ": " : "", more);
	}
	if (r->confirmed != 0)
		snprintf(r->status, sizeof r->status,
		    _("rfc2217 %s:%u %u %d%c%d (confirmed)%s"), r->tn.host,
		    r->tn.port, r->confirmed, r->o.databits, r->o.parity,
		    r->o.stopbits, via);
	else
		snprintf(r->status, sizeof r->status, "rfc2217 %s:%u %s%s",
		    r->tn.host, r->tn.port, r->tn.phase == TP_OPEN ?
		    _("negotiating") : telnet_phase_name(&r->tn), via);
	return (r->status);
}

/* Flip DTR or RTS (TIOCM_DTR or TIOCM_RTS) through SET-CONTROL. */
static int
rfc2217_toggle(struct transport *tr, int line, char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;
	int		 dtr = line == TIOCM_DTR, on;

	if (r == NULL || r->tn.phase != TP_OPEN) {
		snprintf(buf, len, _("not connected"));
		return (-1);
	}
	if (dtr)
		on = r->dtr_off;	/* both start on */
	else
		on = r->rts_off;
	rfc_comport(r, CP_SET_CONTROL, dtr ? (on ? 8 : 9) : (on ? 11 : 12), 1);
	telnet_flush(&r->tn);
	if (dtr)
		r->dtr_off = !on;
	else
		r->rts_off = !on;
	snprintf(buf, len, on ? _("%s on (RFC 2217)") : _("%s off (RFC 2217)"),
	    dtr ? "DTR" : "RTS");
	return (0);
}

/* New line settings: sent at once when the server already has some. */
static int
rfc2217_reconfigure(struct transport *tr, const struct serial_opts *o,
    char **cause)
{
	struct rfc2217	*r = tr->data;

	(void)cause;
	if (r == NULL)
		return (0);
	r->o = *o;
	r->o.path = NULL;
	if (r->settings_sent && r->tn.phase == TP_OPEN) {
		rfc_settings(r);
		telnet_flush(&r->tn);
	}
	return (0);
}

/* Send a BREAK: SET-CONTROL break on, then off. */
static int
rfc2217_break(struct transport *tr, char *buf, size_t len)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL || r->tn.phase != TP_OPEN) {
		snprintf(buf, len, _("BREAK: not connected"));
		return (-1);
	}
	rfc_comport(r, CP_SET_CONTROL, 5, 1);
	rfc_comport(r, CP_SET_CONTROL, 6, 1);
	telnet_flush(&r->tn);
	snprintf(buf, len, _("BREAK sent (RFC 2217)"));
	return (0);
}

static void
rfc_close(struct transport *tr)
{
	struct rfc2217	*r = tr->data;

	if (r == NULL)
		return;
	telnet_free(&r->tn);
	tunnel_free(r->tun);
	route_close(r->route);
	free(r);
	tr->data = NULL;
}

/* Text for the tab (a local echo, a message) is there without new bytes. */
static int
rfc_pending(struct transport *tr)
{
	const struct rfc2217	*r = tr->data;

	return (r != NULL && r->tn.msglen > 0);
}

static int
rfc_connecting(const struct transport *tr)
{
	const struct rfc2217	*r = tr->data;

	return (r != NULL && r->tn.phase != TP_OPEN &&
	    r->tn.phase != TP_CLOSED);
}

const struct transport_ops rfc2217_ops = {
	.name = "rfc2217",
	.pollfds = rfc_pollfds,
	.service = rfc_service,
	.deadline = rfc_deadline,
	.read = rfc_read,
	.write = rfc_write,
	.resize = rfc_resize,
	.status = rfc_status,
	.close = rfc_close,
	.send_break = rfc2217_break,
	.modem = rfc2217_toggle,
	.reconfigure = rfc2217_reconfigure,
	.pending = rfc_pending,
	.connecting = rfc_connecting,
};
