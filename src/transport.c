/*
 * transport.c: what a transport may ask of the tab it serves (a question
 * for the user, its number for a message, to connect again), through
 * functions the tab layer registers: transports never call up into it.
 */
#include "config.h"

#include "tterm.h"

static const struct transport_owner *transport_owner;

void
transport_set_owner(const struct transport_owner *o)
{
	transport_owner = o;
}

/* Put a question to the user in tab t, which owns it from now on. */
void
transport_ask(struct tab *t, struct question *q)
{
	if (transport_owner == NULL ||
	    (t == NULL && !transport_owner->tabless)) {
		question_free(q);	/* nobody to ask */
		return;
	}
	transport_owner->ask(t, q);
}

/* The question of tab t that answers to arg is moot: take it away. */
void
transport_unask(struct tab *t, void *arg)
{
	if (t != NULL && transport_owner != NULL)
		transport_owner->unask(t, arg);
}

/* The number the user knows tab t by (from 1), 0 if none. */
u_int
transport_tab_number(const struct tab *t)
{
	if (t == NULL || transport_owner == NULL)
		return (0);
	return (transport_owner->number(t));
}

/* Connect tab t again (a jump host it lost is back). */
int
transport_reconnect(struct tab *t, char **cause)
{
	if (t == NULL || transport_owner == NULL) {
		*cause = xstrdup(_("no tab to connect"));
		return (-1);
	}
	return (transport_owner->reconnect(t, cause));
}
