/*
 * ssh-diag.c: what went wrong, in words and with a checklist, instead of a
 * bare error; plus the session's files and its keepalive. The messages stay
 * on the tab's screen after the connection has ended.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ssh-int.h"

/* Point libssh at $HOME's files (by default it takes passwd's home). */
void
sshdiag_dirs(struct sshc *c)
{
	const char	*home = getenv("HOME");
	char		*dir;

	if (home == NULL || *home == '\0')
		return;
	xasprintf(&dir, "%s/.ssh", home);
	ssh_options_set(c->s, SSH_OPTIONS_SSH_DIR, dir);
	free(c->known_hosts);
	xasprintf(&c->known_hosts, "%s/known_hosts", dir);
	ssh_options_set(c->s, SSH_OPTIONS_KNOWNHOSTS, c->known_hosts);
	free(dir);
}

void
sshdiag_resolve(struct sshc *c, int error)
{
	char	*text, *cause;

	net_diag_resolve(error, c->host, &text, &cause);
	sshc_say(c, "%s", text);
	sshc_fail(c, "%s", cause);
	free(text);
	free(cause);
}

/* No address worked: say why the last one failed. */
void
sshdiag_connect(struct sshc *c)
{
	char	*service, *text, *cause;

	xasprintf(&service, _("    - Is sshd running there? (systemctl status"
	    " ssh)\n"
	    "    - Does it listen on port %u, or on another one"
	    " (Port in sshd_config; -p here)?\n"), c->port);
	net_diag_connect(c->last_errno, c->host, c->ip, c->port,
	    c->connect_timeout, service, &text, &cause);
	sshc_say(c, "%s", text);
	sshc_fail(c, "%s", cause);
	free(service);
	free(text);
	free(cause);
}

void
sshdiag_timeout(struct sshc *c, const char *what)
{
	sshc_say(c, _("\n*** %s (%s) port %u stopped answering during %s"
	    " (%g s, --server-timeout)\n"
	    "    - The server may be overloaded or hung.\n"
	    "    - Something between (proxy, firewall) may hold the"
	    " connection.\n"), c->host, c->ip, c->port, what,
	    c->server_timeout);
	sshc_fail(c, _("no answer during %s"), what);
}

/*
 * Keep a printable copy of the first bytes the port sent: 1 if there were
 * some, 0 if none yet, -1 if the peer closed without a word.
 */
int
sshdiag_peek_banner(struct sshc *c)
{
	unsigned char	 buf[96];
	ssize_t		 n, i;
	char		*p = c->banner;

	n = recv(c->fd, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT);
	if (n == 0)
		return (-1);
	if (n < 0)
		return (0);
	c->banner_peeked = 1;
	for (i = 0; i < n && p < c->banner + sizeof c->banner - 5; i++) {
		if (buf[i] >= 0x20 && buf[i] < 0x7f)
			*p++ = buf[i];
		else
			p += snprintf(p, 5, "\\x%02x", buf[i]);
	}
	*p = '\0';
	return (1);
}

/* --diagnose: the server's greeting, once, as soon as it is seen. */
void
sshdiag_greeting(struct sshc *c)
{
	const char	*end;

	if (!c->diagnose || c->greeting_said ||
	    strncmp(c->banner, "SSH-", 4) != 0)
		return;
	c->greeting_said = 1;
	/* The peeked bytes, up to the line's end. */
	end = strstr(c->banner, "\\x0d");
	sshc_say(c, _("[3] greeting: %.*s\n"), end != NULL ?
	    (int)(end - c->banner) : (int)strlen(c->banner), c->banner);
}

/* Print a comma-separated algorithm list, wrapped. */
static void
sshdiag_list(struct sshc *c, const char *who, const char *list, size_t len)
{
	char	*s = xmalloc(len + 1), *tok, *save = NULL;
	u_int	 col = 0;

	memcpy(s, list, len);
	s[len] = '\0';
	sshc_say(c, _("    %s offers:\n      "), who);
	for (tok = strtok_r(s, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (col > 0 && col + strlen(tok) > 70) {
			sshc_say(c, "\n      ");
			col = 0;
		}
		sshc_say(c, "%s ", tok);
		col += strlen(tok) + 1;
	}
	sshc_say(c, "\n");
	free(s);
}

/* The key exchange failed: not SSH at all, no common algorithm, or else. */
void
sshdiag_kex(struct sshc *c)
{
	const char	*err = ssh_get_error(c->s), *m, *sv, *cl, *e;
	char		*clean;

	clean = text_clean(err, 1);
	if (c->kex_started && c->banner[0] == '\0' &&
	    strstr(err, "Timeout") != NULL) {
		free(clean);
		sshdiag_timeout(c, _("the SSH greeting"));
		return;
	}
	if (!c->kex_started && c->banner[0] == '\0') {
		sshc_say(c, _("\n*** %s port %u closed the connection without a"
		    " word\n"
		    "    - sshd's MaxStartups, tcp wrappers or fail2ban may"
		    " refuse this address.\n"
		    "    - Something else than sshd may be listening there.\n"),
		    c->host, c->port);
		sshc_fail(c, _("closed by the server before the handshake"));
	} else if (c->banner[0] != '\0' && strncmp(c->banner, "SSH-", 4) != 0) {
		sshc_say(c, _("\n*** Port %u of %s answers, but not with SSH\n"
		    "    It sent: \"%s\"\n"
		    "    - Is this the SSH port? Web servers, telnet and serial"
		    " console\n      servers answer on other ports.\n"),
		    c->port, c->host, c->banner);
		sshc_fail(c, _("not an SSH server on port %u"), c->port);
	} else if ((m = strstr(err, "no match for method")) != NULL &&
	    (sv = strstr(m, "server [")) != NULL &&
	    (cl = strstr(m, "client [")) != NULL) {
		e = strchr(m + 20, ':');
		sshc_say(c, _("\n*** No algorithm in common with %s for %.*s\n"),
		    c->host, e != NULL ? (int)(e - (m + 20)) : 10, m + 20);
		sshdiag_list(c, _("the server"), sv + 8, strcspn(sv + 8, "]"));
		sshdiag_list(c, "tterm", cl + 8, strcspn(cl + 8, "]"));
		sshc_say(c, _("    - Old network gear often needs a legacy"
		    " algorithm enabled on one side.\n"));
		sshc_fail(c, _("no common algorithm"));
	} else {
		sshc_say(c, _("\n*** The SSH handshake with %s failed: %s\n"),
		    c->host, clean);
		if (c->banner[0] == '\0')
			sshc_say(c, _("    - The server closed the connection"
			    " before saying anything:\n"
			    "      sshd's MaxStartups, tcp wrappers or"
			    " fail2ban may refuse this address.\n"));
		sshc_fail(c, _("handshake failed: %s"), clean);
	}
	free(clean);
}

/* Send keepalives every c->keepalive seconds once connected. */
void
sshdiag_keepalive_start(struct sshc *c)
{
	if (c->keepalive == 0)
		return;
	c->ka_next = clock_now() + c->keepalive;
	c->ka_last = clock_now();
	c->ka_in = c->counters->in_packets;
}

/*
 * Whether a hop before c is silent too. Then the loss is that hop's: its
 * own keepalive ends it, and every tab behind it says which jump host was
 * lost, rather than the first inner session to count its misses.
 */
static int
sshdiag_keepalive_outer_silent(struct sshc *c)
{
	struct sshc	*v;

	for (v = c->via; v != NULL; v = v->via) {
		if (v->keepalive != 0 && v->ka_missed != 0)
			return (1);
	}
	return (0);
}

/*
 * libssh's ssh_send_keepalive() reports nothing about the reply, so tterm
 * counts packets: anything received since a keepalive was sent shows the
 * server is alive. After SSHC_KA_MISSES silent intervals the peer is dead.
 */
void
sshdiag_keepalive_check(struct sshc *c)
{
	ssh_counter	 rc = c->counters;
	uint64_t			 out;
	double				 now = clock_now();

	if (c->keepalive == 0 || rc == NULL)
		return;
	if (rc->in_packets != c->ka_in) {
		c->ka_last = now;
		c->ka_in = rc->in_packets;
		c->ka_missed = 0;
	}
	if (now < c->ka_next)
		return;
	if (now - c->ka_last >= c->keepalive) {
		c->ka_missed++;
		if (c->ka_missed > SSHC_KA_MISSES &&
		    !sshdiag_keepalive_outer_silent(c)) {
			sshc_say(c, _("\n[connection lost: no answer to"
			    " keepalive for %.0f s]\n"), now - c->ka_last);
			sshc_fail(c, _("connection lost: no answer to keepalive"
			    " for %.0f s"), now - c->ka_last);
			return;
		}
	}
	if (c->greq) {
		/* A request of tterm's would take the keepalive's reply. */
		c->ka_next = now + 1;
		return;
	}
	c->ka_in = rc->in_packets;
	out = rc->out_packets;
	ssh_send_keepalive(c->s);
	if (rc->out_packets == out)	/* it only took the last reply */
		ssh_send_keepalive(c->s);
	c->ka_next = now + c->keepalive;
}
