/*
 * sshc.c: what every part of an SSH connection shares: its phase (and the
 * phase's deadline), the text it has for the tab that shows it, how it
 * ends, a nudge to the state machine, and its count of users. The parts
 * (ssh-diag.c, ssh-hostkey.c, ssh-auth.c, ssh-algo.c, tunnel.c) call only
 * these; sshconn.c, above them, runs the phases and picks up what the
 * parts decided (c->kick, c->phase, c->authed), so nothing calls back up.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

/* In English for the debug log; sshc_phase_name() gives the user's. */
static const char *sshc_phase_names[] = {
	N_("opening a tunnel"), N_("resolving"), N_("connecting"),
	N_("key exchange"), N_("host key"), N_("authenticating"),
	N_("connected"), N_("disconnected")
};

const char *
sshc_phase_name(enum sshc_phase phase)
{
	return (_(sshc_phase_names[phase]));
}

/*
 * Add text for the tab that shows this connection; lines end with CRLF for
 * the terminal. With no such tab (all gone), the text is dropped.
 */
void
sshc_say(struct sshc *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p;
	size_t	 need;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	need = c->outlen + strlen(s) * 2 + 8;
	if (need > c->outsize) {
		c->outsize = need * 2;
		c->out = xreallocarray(c->out, c->outsize, 1);
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n')
			c->out[c->outlen++] = '\r';
		c->out[c->outlen++] = *p;
	}
	free(s);
	c->activity++;
}

/* Set the phase and its deadline (0: none). */
void
sshc_set_phase(struct sshc *c, enum sshc_phase phase, double secs)
{
	if (c->on_phase != NULL && phase != c->phase)
		c->on_phase(c, phase);
	c->phase = phase;
	c->deadline = secs > 0 ? clock_now() + secs : 0;
	c->activity++;
	log_debug("ssh %s: %s", c->name, sshc_phase_names[phase]);
}

/* End the connection with a reason; its tabs show it. */
void
sshc_fail(struct sshc *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	free(c->cause);
	c->cause = s;
	if (c->phase != SP_CLOSED)
		c->fail_phase = c->phase;
	sshc_set_phase(c, SP_CLOSED, 0);
	if (c->fd != -1 && !c->libssh_fd) {
		close(c->fd);
		c->fd = -1;
	}
}

/* Have sshconn.c step c at the next pass (a form was answered). */
void
sshc_kick(struct sshc *c)
{
	c->kick = 1;
	c->activity++;
}

/* A user is done with c; the last one has it closed (c->release). */
void
sshc_put(struct sshc *c)
{
	if (c == NULL || --c->refs > 0)
		return;
	c->release(c);
}
