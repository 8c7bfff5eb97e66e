/*
 * ssh-check.c: tterm --diagnose. The connection a tab would make, run
 * without a screen and stopped before logging in. Each step reports as it
 * passes (the name, TCP, the greeting, the key exchange, the host key, the
 * ways in); the step that fails gives the tab's own text with what to
 * check, and its number as the exit status. Jump hosts on the way log in
 * as they would for a tab: what lies behind them cannot be seen otherwise.
 */
#include "config.h"

#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"
#include "ssh-int.h"

#define CHECK_FDS	64

struct check {
	FILE		*out;
	struct route	*r;
	struct sshc	*c;		/* the destination */
};

/* Whether name has a line of its own in /etc/hosts (files come before
 * DNS in Debian's nsswitch.conf). */
static int
check_in_hosts(const char *name)
{
	FILE	*f;
	char	 line[1024], *tok, *save;
	int	 found = 0;

	if ((f = fopen("/etc/hosts", "r")) == NULL)
		return (0);
	while (!found && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "#")] = '\0';
		tok = strtok_r(line, " \t\n", &save);
		if (tok == NULL)
			continue;	/* the address; names follow */
		while (!found && (tok = strtok_r(NULL, " \t\n", &save)) !=
		    NULL)
			found = strcasecmp(tok, name) == 0;
	}
	fclose(f);
	return (found);
}

/* Copy the hops' words out, without the CRs the tab's lines have. */
static void
check_text(struct check *k)
{
	char	buf[4096];
	ssize_t	n, i;

	while ((n = route_read(k->r, buf, sizeof buf)) > 0) {
		for (i = 0; i < n; i++) {
			if (buf[i] != '\r')
				fputc(buf[i], k->out);
		}
	}
	fflush(k->out);
}

/* The name's answers, in the order they are tried. */
static void
check_pass_name(struct sshc *c)
{
	const struct addrinfo	*ai;
	char			 ip[64];

	sshc_say(c, _("[1] name: %s is"), c->host);
	for (ai = c->ai_list; ai != NULL; ai = ai->ai_next) {
		net_address(ai, ip, sizeof ip);
		sshc_say(c, " %s", ip);
	}
	sshc_say(c, " (%s)\n", check_in_hosts(c->host) ? "/etc/hosts" :
	    _("the resolver: DNS or another source of nsswitch.conf"));
}

/* Phase p of the destination has passed: say what it found. */
static void
check_pass(struct sshc *c, enum sshc_phase p)
{
	const char	*s;

	switch (p) {
	case SP_FORWARD:
		sshc_say(c, _("[1-2] %s opened a tunnel to %s port %u\n"),
		    c->via->name, c->host, c->port);
		break;
	case SP_RESOLVING:
		check_pass_name(c);
		break;
	case SP_CONNECTING:
		sshc_say(c, _("[2] TCP: connected to %s port %u\n"), c->ip,
		    c->port);
		break;
	case SP_KEX:
		sshdiag_greeting(c);	/* if it came late */
		s = ssh_get_kex_algo(c->s);
		sshc_say(c, _("[4] key exchange: %s, cipher %s, MAC %s\n"),
		    s != NULL ? s : "?", ssh_get_cipher_out(c->s),
		    ssh_get_hmac_out(c->s));
		break;
	case SP_HOSTKEY:
		sshc_say(c, _("[5] host key: %s\n"), c->hk_unknown ?
		    _("not known yet (see above)") : _("known"));
		break;
	default:
		break;
	}
}

/* Hooked to the destination: a phase that ends without failing has
 * passed, its line goes in order with the connection's own words. */
static void
check_on_phase(struct sshc *c, enum sshc_phase next)
{
	if (next != SP_CLOSED && next > c->phase)
		check_pass(c, c->phase);
}

/* The step a failure in phase p belongs to: its exit status. */
static int
check_step(const struct sshc *c, enum sshc_phase p)
{
	switch (p) {
	case SP_RESOLVING:	/* or no socket for any of its answers */
		return (c->ai_list != NULL ? SSHCHECK_TCP : SSHCHECK_NAME);
	case SP_FORWARD:
	case SP_CONNECTING:
		return (SSHCHECK_TCP);
	case SP_KEX:
		if (c->banner[0] == '\0' || strncmp(c->banner, "SSH-", 4) != 0)
			return (SSHCHECK_GREETING);
		return (SSHCHECK_KEX);
	case SP_HOSTKEY:
		return (SSHCHECK_HOSTKEY);
	default:
		return (SSHCHECK_AUTH);
	}
}

static const char *check_step_names[] = {
	N_("all steps passed"), "", N_("the name"), N_("TCP connect"),
	N_("the SSH greeting"), N_("the key exchange"), N_("the host key"),
	N_("authentication")
};

/* The route has ended (the destination checked, or a hop failed). */
static int
check_end(struct check *k, const char *why)
{
	struct sshc	*c = k->c, *v;
	int		 step;

	if (c->diagnosed) {
		fprintf(k->out, _("[6] authentication: listed above\n"
		    "diagnosis: all steps passed (not logged in)\n"));
		return (SSHCHECK_OK);
	}
	for (v = c->via; v != NULL; v = v->via) {
		if (v->phase == SP_CLOSED) {
			fprintf(k->out, _("diagnosis: failed at jump host %s:"
			    " %s\n"), v->name, v->cause != NULL ? v->cause :
			    why);
			return (SSHCHECK_JUMP);
		}
	}
	step = check_step(c, c->fail_phase);
	fprintf(k->out, _("diagnosis: failed at %s: %s\n"),
	    _(check_step_names[step]), c->cause != NULL ? c->cause : why);
	return (step);
}

/* Wait for the sources (the connections) once, up to their deadline. */
static void
check_wait(void)
{
	struct pollfd	pfd[CHECK_FDS];
	double		t = source_deadline();
	int		n, ms;

	n = source_pollfds(pfd, CHECK_FDS);
	ms = t < 0 ? 1000 : t > 1 ? 1000 : (int)(t * 1000) + 1;
	if (poll(pfd, n, ms) < 0 && errno != EINTR)
		return;
	source_service();
}

/*
 * Run the check of d (d->diagnose set), its report on out; the exit
 * status: SSHCHECK_OK, or the step that failed.
 */
int
sshcheck_run(const struct sshdest *d, FILE *out)
{
	struct check	 k;
	const char	*why = NULL;
	char		*cause = NULL;
	int		 rc;

	memset(&k, 0, sizeof k);
	k.out = out;
	if ((k.r = route_open(d, 1, NULL, &cause)) == NULL) {
		fprintf(out, "tterm: %s\n", cause);
		free(cause);
		return (SSHCHECK_USAGE);
	}
	k.c = route_last(k.r);
	k.c->on_phase = check_on_phase;
	if (k.c->via != NULL)
		fprintf(out, _("Checking %s@%s port %u by %s\n"), k.c->user,
		    k.c->host, k.c->port, route_name(k.r));
	else
		fprintf(out, _("Checking %s@%s port %u\n"), k.c->user,
		    k.c->host, k.c->port);
	for (;;) {
		rc = route_check(k.r, &why);
		check_text(&k);
		if (rc == ROUTE_FAILED)
			break;
		check_wait();
	}
	rc = check_end(&k, why);
	route_close(k.r);
	return (rc);
}
