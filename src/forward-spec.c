/*
 * forward-spec.c: what a tab is to forward, written as Tera Term's
 * DefaultForwarding: entries with ';' between them, each a kind's letter
 * then items with ',' between them (as /ssh-L a,b gives them):
 * L[listen:]port:host:port, R[listen:]port:host:port, D[listen:]port (a
 * SOCKS server, as ssh -D) and X (kept, not done yet). IPv6 addresses are
 * in brackets; ports may be service names.
 */
#include "config.h"

#include <netinet/in.h>

#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

/* A port number or a service name; -1 if neither. */
static long
forward_port(const char *s, long min)
{
	struct servent	*se;
	char		*end;
	long		 n;

	if (isdigit((u_char)*s)) {
		n = strtol(s, &end, 10);
		return (*end != '\0' || n < min || n > 65535 ? -1 : n);
	}
	if ((se = getservbyname(s, "tcp")) == NULL)
		return (-1);
	return (ntohs(se->s_port));
}

/* Split s at the colons outside [ ] (which go); the number of fields, or
 * -1 for more than max. */
static int
forward_fields(char *s, char **f, int max)
{
	char	*p = s, *e;
	int	 n = 0;

	for (;;) {
		if (n == max)
			return (-1);
		if (*p == '[' && (e = strchr(p, ']')) != NULL &&
		    (e[1] == ':' || e[1] == '\0')) {
			f[n++] = p + 1;
			*e = '\0';
			p = e + 1;
		} else {
			f[n++] = p;
			p += strcspn(p, ":");
		}
		if (*p == '\0')
			return (n);
		*p++ = '\0';
	}
}

/* host:port for people, IPv6 addresses in brackets. */
static void
forward_addr(char **s, const char *host, u_int port)
{
	if (strchr(host, ':') != NULL)
		xappendf(s, "[%s]:%u", host, port);
	else
		xappendf(s, "%s:%u", host, port);
}

/* The place a forward listens at, for people: "localhost:1080". */
static void
forward_listen_text(struct fwd *w)
{
	if (w->listen == NULL || *w->listen == '\0')
		xappendf(&w->text, "%s:%u", w->listen == NULL ? "localhost" :
		    "*", w->lport);
	else
		forward_addr(&w->text, w->listen, w->lport);
}

/* One [listen:]port of kind D; NULL with *why if bad. */
static struct fwd *
forward_spec_dynamic(const char *item, const char **why)
{
	struct fwd	*w;
	char		*copy = xstrdup(item), *f[2];
	int		 n;
	long		 port;

	n = forward_fields(copy, f, 2);
	if (n != 1 && n != 2) {
		*why = _("use [listen:]port");
		free(copy);
		return (NULL);
	}
	if ((port = forward_port(f[n - 1], 1)) < 0) {
		*why = _("bad port");
		free(copy);
		return (NULL);
	}
	w = xcalloc(1, sizeof *w);
	w->kind = 'D';
	if (n == 2)
		w->listen = xstrdup(strcmp(f[0], "*") == 0 ? "" : f[0]);
	w->lport = port;
	xappendf(&w->text, "SOCKS ");
	forward_listen_text(w);
	free(copy);
	return (w);
}

/*
 * One [listen:]port:host:hport of kind L or R, or [listen:]port of kind D;
 * NULL with *why if bad.
 */
struct fwd *
forward_spec_item(int kind, const char *item, const char **why)
{
	struct fwd	*w;
	char		*copy, *f[4];
	int		 n, i = 0;
	long		 lport, hport;

	if (kind == 'D')
		return (forward_spec_dynamic(item, why));
	copy = xstrdup(item);
	n = forward_fields(copy, f, 4);
	if (n != 3 && n != 4) {
		*why = _("use [listen:]port:host:port");
		free(copy);
		return (NULL);
	}
	if (n == 4)
		i = 1;
	lport = forward_port(f[i], kind == 'R' ? 0 : 1);
	hport = forward_port(f[i + 2], 1);
	if (lport < 0 || hport < 0 || *f[i + 1] == '\0') {
		*why = lport < 0 || hport < 0 ? _("bad port") : _("no host");
		free(copy);
		return (NULL);
	}
	w = xcalloc(1, sizeof *w);
	w->kind = kind;
	if (n == 4)
		w->listen = xstrdup(strcmp(f[0], "*") == 0 ? "" : f[0]);
	w->lport = lport;
	w->host = xstrdup(f[i + 1]);
	w->hport = hport;
	if (kind == 'R')
		xappendf(&w->text, "%s ", _("remote"));
	forward_listen_text(w);
	xappendf(&w->text, " -> ");
	forward_addr(&w->text, w->host, w->hport);
	free(copy);
	return (w);
}

/* A note for the import report on what of spec is not done, or NULL. */
char *
forward_later(const char *spec)
{
	const char	*p;

	for (p = spec; p != NULL && *p != '\0'; p = strchr(p, ';')) {
		p += strspn(p, "; \t");
		if (*p == 'X' || *p == 'x')
			return (xstrdup(_("L, R and D entries are done; X"
			    " (X11) is kept, not done yet")));
	}
	return (NULL);
}
