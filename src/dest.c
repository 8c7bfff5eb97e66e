/*
 * dest.c: where a profile says a tab connects, in the form each transport
 * takes: an SSH destination, a serial line (a device, or an RFC 2217
 * server written Device=rfc2217://host:port), a telnet or raw TCP
 * connection, or a local program. A tab keeps only its profile and makes
 * these again each time it connects (tab.c), so that opening, duplicating,
 * reconnecting, the settings form and saving all start from one
 * description.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

#define DEST_URL	"rfc2217://"
#define DEST_KEEPALIVE	60	/* seconds, when the profile says nothing */

/* What kind of transport the profile asks for. */
enum dest_kind
dest_kind(const struct profile *p)
{
	if (p->serial)
		return (p->device != NULL && strncmp(p->device, DEST_URL,
		    strlen(DEST_URL)) == 0 ? DEST_RFC2217 : DEST_SERIAL);
	if (p->host == NULL || *p->host == '\0')
		return (DEST_LOCAL);
	return (p->ssh ? DEST_SSH : DEST_TELNET);
}

/* The TCP port of an SSH or telnet destination: its own, else 22 or 23. */
u_int
dest_tcp_port(const struct profile *p)
{
	if (p->tcp_port > 0)
		return ((u_int)p->tcp_port);
	return (dest_kind(p) == DEST_SSH ? 22 : 23);
}

/* rfc2217://host:port, as a destination or a profile's Device; -1 if
 * it is not one. */
int
dest_rfc2217_parse(const char *arg, char **host, u_int *port)
{
	const char	*h, *colon;
	char		*end;
	long		 n;

	if (strncmp(arg, DEST_URL, strlen(DEST_URL)) != 0)
		return (-1);
	h = arg + strlen(DEST_URL);
	if ((colon = strrchr(h, ':')) == NULL || colon == h)
		return (-1);
	n = strtol(colon + 1, &end, 10);
	if (*end != '\0' || n < 1 || n > 65535)
		return (-1);
	*host = xstrndup(h, colon - h);
	*port = n;
	return (0);
}

/* A profile's serial line; *path is allocated (the caller frees it). */
void
dest_serial(const struct profile *p, struct serial_opts *o, char **path)
{
	memset(o, 0, sizeof *o);
	if (p->device != NULL && *p->device != '\0')
		*path = xstrdup(p->device);
	else
		xasprintf(path, "/dev/ttyS%d", p->com > 0 ? p->com - 1 : 0);
	o->path = *path;
	o->speed = p->speed;
	o->databits = p->databits;
	o->parity = p->parity;
	o->stopbits = p->stopbits;
	o->flow = p->flow == PROF_FLOW_DSRDTR ? SERIAL_FLOW_NONE : p->flow;
	o->char_delay = p->char_delay;
	o->line_delay = p->line_delay;
	o->send_nl = p->cr_send;
	o->recv_nl = p->cr_recv;
	o->local_echo = p->local_echo == 1;
}

/* The user name: DefaultUserType 1 the profile's, 2 the local one. */
static char *
dest_user(const struct profile *p)
{
	struct passwd	*pw;

	if (p->user != NULL && *p->user != '\0' && p->user_type != 0)
		return (xstrdup(p->user));
	if (p->user_type == 2 && (pw = getpwuid(getuid())) != NULL)
		return (xstrdup(pw->pw_name));
	return (NULL);
}

/* IdentityFiles (';' between them), else DefaultRSAPrivateKeyFile. */
static void
dest_ids(const struct profile *p, struct sshdest *d)
{
	char	*copy, *s, *last;

	if (p->ids != NULL && *p->ids != '\0') {
		copy = xstrdup(p->ids);
		for (s = strtok_r(copy, ";", &last); s != NULL &&
		    d->nids < SSHC_MAX_IDS; s = strtok_r(NULL, ";", &last)) {
			d->ids = xreallocarray(d->ids, d->nids + 1,
			    sizeof *d->ids);
			d->ids[d->nids++] = xstrdup(s);
		}
		free(copy);
	} else if (p->keyfile != NULL && *p->keyfile != '\0') {
		d->ids = xcalloc(1, sizeof *d->ids);
		d->ids[d->nids++] = xstrdup(p->keyfile);
	}
}

static const char *
dest_nonempty(const char *s)
{
	return (s != NULL && *s != '\0' ? s : NULL);
}

/*
 * A profile's SSH destination (its jump hosts alone for an RFC 2217 tab);
 * strings allocated, freed by dest_ssh_free(). The password is not part
 * of a profile: the caller adds it for the first connection only.
 */

void
dest_ssh(const struct profile *p, struct sshdest *d)
{
	memset(d, 0, sizeof *d);
	d->host = xstrdup(p->host != NULL ? p->host : "");
	d->user = dest_user(p);
	/* 0: the ssh_config's Port, or 22. Port 22 from a profile or an
	 * ssh:// URL without one is only Tera Term's default (every
	 * TERATERM.INI has TCPPort=22): the ssh_config comes before it. */
	d->port = p->tcp_port > 0 && (p->tcp_port != 22 || p->port_given) ?
	    (u_int)p->tcp_port : 0;
	dest_ids(p, d);
	d->use_config = p->ssh_config == NULL ||
	    strcmp(p->ssh_config, "none") != 0;
	if (d->use_config && p->ssh_config != NULL && *p->ssh_config != '\0')
		d->config = p->ssh_config;
	d->keepalive = p->heartbeat >= 0 ? (u_int)p->heartbeat :
	    DEST_KEEPALIVE;
	d->tcp_keepalive = p->tcp_keepalive == 1;
	d->connect_timeout = p->connect_timeout > 0 ? p->connect_timeout : 0;
	d->server_timeout = p->server_timeout > 0 ? p->server_timeout : 0;
	if (p->jump != NULL && *p->jump != '\0')
		d->jump = p->jump;
	if (p->term_type != NULL && *p->term_type != '\0')
		d->term = p->term_type;
	d->fwd_agent = p->fwd_agent > 0;
	d->forwarding = p->forwarding;
	d->prof = p;
	d->ask_password = p->ask_password == 1;
	d->auth_strict = p->auth_only == 1;
	d->answer_cmd = dest_nonempty(p->answer_cmd);
	d->answer_prompt = dest_nonempty(p->answer_prompt);
	d->password_cmd = dest_nonempty(p->password_cmd);
}

void
dest_ssh_free(struct sshdest *d)
{
	u_int	i;

	for (i = 0; i < d->nids; i++)
		free(d->ids[i]);
	free(d->ids);
	free(d->host);
	free(d->user);
	memset(d, 0, sizeof *d);
}

/*
 * A profile's TCP connection without SSH. Tera Term negotiates telnet
 * when Telnet is on and the port is TelPort; other connections are raw,
 * and there TCPLocalEcho and TCPCRSend may override LocalEcho and CRSend.
 */
void
dest_telnet(const struct profile *p, struct telnet_opts *o)
{
	memset(o, 0, sizeof *o);
	o->host = p->host;
	o->port = dest_tcp_port(p);
	o->telnet = p->telnet == 1 && (int)o->port == p->telport;
	o->autodetect = !o->telnet && p->tel_autodetect != 0;
	if (p->term_type != NULL && *p->term_type != '\0')
		o->term = p->term_type;
	o->keepalive = p->tel_keepalive > 0 ? p->tel_keepalive : 0;
	o->timeout = p->connect_timeout > 0 ? p->connect_timeout : 0;
	o->send_nl = p->cr_send >= 0 ? p->cr_send : SERIAL_NL_CR;
	o->local_echo = p->local_echo == 1;
	if (!o->telnet) {
		if (p->tcp_local_echo == 1)
			o->local_echo = 1;
		if (p->tcp_cr_send >= 0)
			o->send_nl = p->tcp_cr_send;
	}
}

/* A file name for a new profile, made of where it connects. */
char *
dest_name(const struct profile *p)
{
	char		*name, *host;
	const char	*base;
	u_int		 port;

	switch (dest_kind(p)) {
	case DEST_SERIAL:
		base = p->device != NULL ? strrchr(p->device, '/') : NULL;
		xasprintf(&name, "serial-%s", base != NULL ? base + 1 :
		    p->device != NULL ? p->device : "ttyS");
		return (name);
	case DEST_RFC2217:
		if (dest_rfc2217_parse(p->device, &host, &port) != 0)
			return (xstrdup("rfc2217"));
		xasprintf(&name, "rfc2217-%s", host);
		free(host);
		return (name);
	case DEST_LOCAL:
		return (xstrdup("local"));
	default:
		return (xstrdup(p->host));
	}
}
