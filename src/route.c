/*
 * route.c: the hops a tab goes through, as OpenSSH's -J and ProxyJump
 * name them (the first named is dialled first): jump hosts, then the
 * destination. Each hop is a connection of sshconn.c; jump hosts are
 * shared with every other tab that passes through them.
 *
 * A route is also its tab's text: what its hops have to say (only the tab
 * a hop's login runs in sees its progress and questions; the others are
 * told whom they wait for) and how it ended. When a jump host's
 * connection is lost, every tab behind it says so and keeps its screen;
 * once one of them has logged in to that host again, the others are
 * connected again through the new connection without another login.
 *
 * The hops come from -J or from the ssh_config (ssh-config.c), not from
 * libssh: libssh 0.10 would turn a ProxyJump into an external "ssh -W"
 * with the hops reversed. As with ssh, the first jump host of a list is
 * reached through its own ProxyJump (or ProxyCommand), and so on; a
 * ProxyJump that comes back to a host on its way, or more than
 * ROUTE_MAX - 1 jump hosts, fails the route with the chain in the tab.
 * DynamicForward, which libssh does not know, is kept from the
 * destination's configuration for forward.c (route_dynamic()).
 */
#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define ROUTE_MAX	10	/* hops, the destination included */

struct route {
	struct route	*next;
	struct tab	*tab;
	struct sshc	*hops[ROUTE_MAX];
	u_int		 nhops;
	int		 dest;		/* the last hop is a destination */
	char		*name;		/* "bastion > root@db1" */
	char		*failed;	/* why, once failed */
	char		*lost;		/* hopid of a lost jump host */
	char		*dynamic;	/* the destination's DynamicForward */
	int		 told_wait;
	char		*out;		/* text for the tab */
	size_t		 outlen, outsize;
};

static struct route *route_list;

static char *
route_strndup(const char *s, size_t len)
{
	char	*p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

/*
 * One hop as -J writes it: [user@]host[:port] or ssh://[user@]host[:port],
 * IPv6 addresses in brackets. Fills d's user (or NULL), host and port (or
 * 0); the caller frees them.
 */
int
route_parse_hop(const char *spec, struct sshdest *d)
{
	const char	*p = spec, *end, *at = NULL, *colon, *q;
	long		 port = 0;

	if (strncmp(p, "ssh://", 6) == 0)
		p += 6;
	end = p + strlen(p);
	if (end > p && end[-1] == '/')
		end--;
	for (q = p; q < end; q++) {
		if (*q == '@')
			at = q;
	}
	if (at != NULL) {
		if (at == p)
			return (-1);
		d->user = route_strndup(p, at - p);
		p = at + 1;
	}
	if (*p == '[') {
		if ((q = memchr(p, ']', end - p)) == NULL)
			return (-1);
		d->host = route_strndup(p + 1, q - p - 1);
		colon = q + 1;
	} else {
		colon = memchr(p, ':', end - p);
		d->host = route_strndup(p, (colon != NULL ? colon : end) - p);
	}
	if (colon != NULL && colon < end) {
		if (*colon != ':' || colon + 1 == end)
			return (-1);
		for (q = colon + 1; q < end; q++) {
			if (!isdigit((u_char)*q) || (port = port * 10 +
			    (*q - '0')) > 65535)
				return (-1);
		}
		if (port == 0)
			return (-1);
	}
	d->port = port;
	if (*d->host == '\0' || strpbrk(d->host, "/ \t@,") != NULL)
		return (-1);
	return (0);
}

/*
 * "bastion > db1 > root@target": jump hosts as named, then user@host, its
 * port said when it is not 22 (two tabs to a gateway's ports 10022 and
 * 10023 are two machines). The jump hosts' ports would only make the
 * status bar longer: the hops are the way, the last one the machine.
 */
static void
route_make_name(struct route *r)
{
	struct sshc	*c;
	struct buf	 b = { 0 };
	char		*where;
	u_int		 i;

	for (i = 0; i < r->nhops; i++) {
		c = r->hops[i];
		if (c->shared) {
			buf_printf(&b, "%s%s", c->name, i + 1 < r->nhops ?
			    " > " : "");
			continue;
		}
		where = net_ssh_where(c->host, c->port);
		buf_printf(&b, "%s@%s", c->user, where);
		free(where);
	}
	r->name = buf_take(&b);
}

/*
 * The hops of a route before they connect, dialled first first: each
 * hop's destination with what the ssh_config says for it.
 */
struct route_plan {
	const struct sshdest *base;	/* the tab's: settings for every hop */
	struct sshdest	 hops[ROUTE_MAX];
	struct sshcfg	*cfgs[ROUTE_MAX];
	int		 own[ROUTE_MAX];	/* user and host are the plan's */
	u_int		 n;
	const char	*chain[ROUTE_MAX];	/* hosts whose jump hosts are
						   being planned, as named */
	char		*where[ROUTE_MAX];	/* and as "user@host:port" */
	u_int		 depth;
	double		 budget;	/* seconds for Match exec, all hops */
	struct buf	 notes;
	struct buf	 text;		/* why it failed, for the tab */
	char		*cause;
};

/* What the ssh_config says for hd (NULL without one); notes kept once. */
static struct sshcfg *
route_plan_config(struct route_plan *pl, const struct sshdest *hd)
{
	struct sshcfg_query	 q;
	struct sshcfg		*cfg;
	struct passwd		*pw = getpwuid(getuid());
	char			*line, *next, *copy;

	if (!hd->use_config)
		return (NULL);
	memset(&q, 0, sizeof q);
	q.host = hd->host;
	q.user = hd->user;
	q.port = hd->port;
	q.file = hd->config;
	q.home = getenv("HOME");
	q.local_user = pw != NULL ? pw->pw_name : getenv("USER");
	q.exec_budget = &pl->budget;
	q.io = hd->execs != NULL ? sshcfg_execs_io(hd->execs) : NULL;
	cfg = sshcfg_read(&q);
	if (cfg->notes.len == 0)
		return (cfg);
	next = copy = xstrdup(cfg->notes.data);
	while ((line = strsep(&next, "\n")) != NULL) {
		if (*line == '\0' || (pl->notes.data != NULL &&
		    strstr(pl->notes.data, line) != NULL))
			continue;
		buf_printf(&pl->notes, "%s\n", line);
	}
	free(copy);
	return (cfg);
}

/* Add hd (and cfg) as the next hop; own: its user and host are ours. */
static int
route_plan_add(struct route_plan *pl, const struct sshdest *hd,
    struct sshcfg *cfg, int own)
{
	if (pl->n == ROUTE_MAX) {
		xasprintf(&pl->cause, _("more than %d jump hosts"),
		    ROUTE_MAX - 1);
		buf_printf(&pl->text, _("\n*** More than %d jump hosts on the"
		    " way to %s\n    - Does a ProxyJump lead round in a"
		    " circle?\n"), ROUTE_MAX - 1, pl->base->host);
		if (own) {
			free(hd->user);
			free(hd->host);
		}
		sshcfg_free(cfg);
		return (-1);
	}
	pl->hops[pl->n] = *hd;
	pl->hops[pl->n].cfg = cfg;
	pl->cfgs[pl->n] = cfg;
	pl->own[pl->n] = own;
	pl->n++;
	return (0);
}

/* The jump hosts' chain so far, "a > b > c", then host. */
static char *
route_plan_chain(struct route_plan *pl, const char *host)
{
	struct buf	 b;
	u_int		 i;

	memset(&b, 0, sizeof b);
	for (i = 0; i < pl->depth; i++)
		buf_printf(&b, "%s > ", pl->chain[i]);
	buf_printf(&b, "%s", host);
	return (buf_take(&b));
}

/*
 * A hop as named: user, host and port as given. Looked up again, the same
 * name gives the same ProxyJump, round and round; a host reached twice
 * under other names (the test's jump host on its own target) is no loop.
 */
static char *
route_plan_where(const struct sshdest *hd)
{
	char	*s;

	xasprintf(&s, "%s@%s:%u", hd->user != NULL ? hd->user : "",
	    hd->host, hd->port);
	return (s);
}

/*
 * A ProxyJump that comes back to a hop on its own way, or a chain too
 * long: the route cannot be made.
 */
static int
route_plan_loop(struct route_plan *pl, const char *host, const char *where)
{
	char	*chain;
	u_int	 i;

	for (i = 0; i < pl->depth; i++) {
		if (strcasecmp(pl->where[i], where) == 0)
			break;
	}
	if (i == pl->depth && pl->depth < ROUTE_MAX - 1)
		return (0);
	chain = route_plan_chain(pl, host);
	if (i == pl->depth) {
		xasprintf(&pl->cause, _("more than %d jump hosts: %s"),
		    ROUTE_MAX - 1, chain);
		buf_printf(&pl->text, _("\n*** More than %d jump hosts: %s\n"),
		    ROUTE_MAX - 1, chain);
	} else {
		xasprintf(&pl->cause, _("ProxyJump loop: %s"), chain);
		buf_printf(&pl->text, _("\n*** ProxyJump loop: %s\n"
		    "    Each host's ProxyJump names the next one, and %s"
		    " comes back.\n"
		    "    - A ProxyJump under \"Host *\" applies to the jump"
		    " host too: leave it\n"
		    "      out (Host * !%s) or give it \"ProxyJump none\".\n"),
		    chain, host, host);
	}
	free(chain);
	return (-1);
}

static int	route_plan_hop(struct route_plan *, struct sshdest *,
		    const char *, int);

/*
 * Plan the jump hosts of spec, of the host named (for messages), each
 * reached through the one before; the first one through its own
 * ProxyJump or ProxyCommand, as ssh does.
 */
static int
route_plan_jumps(struct route_plan *pl, const char *spec, const char *of)
{
	struct sshdest	 hd;
	char		*copy = xstrdup(spec), *item, *save = NULL;
	int		 first = 1, ret = -1;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		hd = *pl->base;
		hd.jump = NULL;
		hd.prof = NULL;		/* the profile is the destination's */
		hd.password = NULL;
		hd.term = NULL;
		hd.user = hd.host = NULL;
		hd.cfg = NULL;
		hd.proxy_command = NULL;
		if (route_parse_hop(item, &hd) != 0) {
			xasprintf(&pl->cause, _("bad jump host '%s'%s%s: use"
			    " [user@]host[:port]"), item, of != NULL ?
			    _(" in the ProxyJump of ") : "",
			    of != NULL ? of : "");
			free(hd.user);
			free(hd.host);
			goto out;
		}
		if (first)
			ret = route_plan_hop(pl, &hd, NULL, 1);
		else
			ret = route_plan_add(pl, &hd, route_plan_config(pl,
			    &hd), 1);
		if (ret != 0)
			goto out;
		ret = -1;
		first = 0;
	}
	ret = 0;
out:
	free(copy);
	return (ret);
}

/*
 * Plan hd and the hops before it: jump (from -J) or else its ssh_config's
 * ProxyJump; or its ProxyCommand, whichever the file says first.
 */
static int
route_plan_hop(struct route_plan *pl, struct sshdest *hd, const char *jump,
    int own)
{
	struct sshcfg	*cfg = route_plan_config(pl, hd);
	const char	*command = NULL, *of = NULL;
	char		*where;
	int		 r;

	if (jump == NULL) {
		sshcfg_proxy(cfg, &jump, &command);
		of = hd->host;
	}
	where = route_plan_where(hd);
	if (route_plan_loop(pl, hd->host, where) != 0)
		r = -1;
	else if (jump != NULL && strcasecmp(jump, "none") != 0) {
		pl->chain[pl->depth] = hd->host;
		pl->where[pl->depth++] = where;
		r = route_plan_jumps(pl, jump, of);
		pl->depth--;
	} else
		r = 0;
	free(where);
	if (r != 0) {
		if (own) {
			free(hd->user);
			free(hd->host);
		}
		sshcfg_free(cfg);
		return (-1);
	}
	if (jump == NULL || strcasecmp(jump, "none") == 0) {
		if (command != NULL && strcasecmp(command, "none") != 0)
			hd->proxy_command = command;
	}
	return (route_plan_add(pl, hd, cfg, own));
}

static void
route_plan_free(struct route_plan *pl)
{
	u_int	i;

	for (i = 0; i < pl->n; i++) {
		if (pl->own[i]) {
			free(pl->hops[i].user);
			free(pl->hops[i].host);
		}
		sshcfg_free(pl->cfgs[i]);
	}
	buf_free(&pl->notes);
	buf_free(&pl->text);
	free(pl->cause);
}

/* The configuration's notes, for the tab. */
static void
route_notes(struct route *r, struct route_plan *pl)
{
	char	*copy, *next, *line, *clean;

	if (pl->notes.len == 0)
		return;
	next = copy = xstrdup(pl->notes.data);
	while ((line = strsep(&next, "\n")) != NULL) {
		if (*line == '\0')
			continue;
		clean = text_clean(line, 0);
		route_say(r, "ssh_config: %s\n", clean);
		free(clean);
	}
	free(copy);
}

static void	 route_revive(struct sshc *);

static const struct sshconn_hooks route_hooks = { .ready = route_revive };

/* Plan the route to d: its hops, or why there are none (pl's cause). */
static int
route_plan(struct route_plan *pl, const struct sshdest *d, int with_dest)
{
	struct sshdest	hd;

	memset(pl, 0, sizeof *pl);
	pl->base = d;
	pl->budget = SSHCFG_EXEC;
	if (with_dest) {
		hd = *d;
		hd.cfg = NULL;
		hd.proxy_command = NULL;
		return (route_plan_hop(pl, &hd, d->jump, 0));
	}
	if (d->jump == NULL || strcasecmp(d->jump, "none") == 0) {
		pl->cause = xstrdup(_("no jump host"));
		return (-1);
	}
	return (route_plan_jumps(pl, d->jump, NULL));
}

/*
 * Plan the route to d with the Match exec answers d->execs knows: the
 * command to run before the route can be made, or NULL when none is left.
 */
const char *
route_prepare(const struct sshdest *d, int with_dest)
{
	struct route_plan	 pl;

	sshcfg_execs_reset(d->execs);
	route_plan(&pl, d, with_dest);
	route_plan_free(&pl);
	return (sshcfg_execs_pending(d->execs));
}

/*
 * Connect tab's route to d: its jump hosts (-J, else ProxyJump, each jump
 * host's own ProxyJump followed), then with_dest the destination itself.
 * Without it (a tunnel's route) there must be jump hosts. A route that
 * cannot be made from the configuration (a ProxyJump loop) is a route
 * that has failed: its tab says why.
 */
struct route *
route_open(const struct sshdest *d, int with_dest, struct tab *tab,
    char **cause)
{
	struct route		*r;
	struct route_plan	 pl;
	struct sshc		*c, *via = NULL;
	u_int			 i;
	int			 shared;

	/* libssh is opened for the first route: it fails the tab if it
	 * cannot be. */
	if (sshlib_load(cause) != 0)
		return (NULL);
	r = xcalloc(1, sizeof *r);
	sshconn_hook(&route_hooks);
	r->tab = tab;
	if (route_plan(&pl, d, with_dest) != 0) {
		route_notes(r, &pl);
		r->hops[r->nhops++] = sshconn_dead(d->host, tab,
		    pl.text.data != NULL ? pl.text.data : "", pl.cause);
		r->dest = with_dest;
		goto done;
	}
	route_notes(r, &pl);
	for (i = 0; i < pl.n; i++) {
		shared = !with_dest || i + 1 < pl.n;
		if ((c = sshconn_get(&pl.hops[i], via, shared, tab,
		    cause)) == NULL)
			goto fail;
		r->hops[r->nhops++] = via = c;
	}
	r->dest = with_dest;
	if (with_dest)
		r->dynamic = sshcfg_dynamic(pl.cfgs[pl.n - 1]);
done:
	route_plan_free(&pl);
	route_make_name(r);
	r->next = route_list;
	route_list = r;
	return (r);

fail:
	route_plan_free(&pl);
	while (r->nhops > 0)
		sshc_put(r->hops[--r->nhops]);
	free(r->out);
	free(r);
	return (NULL);
}

/* Another route through c, to show c's progress instead of r. */
static struct route *
route_other(struct route *r, struct sshc *c)
{
	struct route	*o;
	u_int		 i;

	for (o = route_list; o != NULL; o = o->next) {
		for (i = 0; o != r && i < o->nhops; i++) {
			if (o->hops[i] == c)
				return (o);
		}
	}
	return (NULL);
}

/* The tab is done with its route: hand its hops over, then let go. */
void
route_close(struct route *r)
{
	struct route	**rp, *o;
	struct sshc	 *c;
	u_int		  i;

	if (r == NULL)
		return;
	for (rp = &route_list; *rp != NULL; rp = &(*rp)->next) {
		if (*rp == r) {
			*rp = r->next;
			break;
		}
	}
	for (i = 0; i < r->nhops; i++) {
		c = r->hops[i];
		if (c->tab != r->tab)
			continue;
		o = route_other(r, c);
		c->tab = o != NULL ? o->tab : NULL;
		c->outlen = 0;
		/* Its question went with the tab: the others cannot answer. */
		if (c->waiting && o != NULL) {
			c->waiting = 0;
			sshc_fail(c, _("login cancelled: its tab was closed"));
		}
	}
	while (r->nhops > 0)
		sshc_put(r->hops[--r->nhops]);
	free(r->name);
	free(r->failed);
	free(r->lost);
	free(r->dynamic);
	free(r->out);
	free(r);
}

struct sshc *
route_last(struct route *r)
{
	return (r->hops[r->nhops - 1]);
}

/*
 * The destination's DynamicForward lines as DefaultForwarding's entries
 * ("D1080;D127.0.0.1:1081"), or NULL.
 */
const char *
route_dynamic(struct route *r)
{
	return (r->dynamic);
}

const char *
route_name(struct route *r)
{
	return (r->name);
}

void
route_out(struct route *r, const char *buf, size_t len)
{
	if (r->outlen + len > r->outsize) {
		r->outsize = (r->outlen + len) * 2;
		r->out = xreallocarray(r->out, r->outsize, 1);
	}
	memcpy(r->out + r->outlen, buf, len);
	r->outlen += len;
}

/* Text for the tab; each line ends with CR LF for the terminal. */
void
route_say(struct route *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p, *line;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	for (line = s; (p = strchr(line, '\n')) != NULL; line = p + 1) {
		route_out(r, line, p - line);
		route_out(r, "\r\n", 2);
	}
	route_out(r, line, strlen(line));
	free(s);
}

/* Take what the hops this tab shows have said. */
static void
route_collect(struct route *r)
{
	struct sshc	*c;
	u_int		 i;

	for (i = 0; i < r->nhops; i++) {
		c = r->hops[i];
		if (c->tab == r->tab && c->outlen > 0) {
			route_out(r, c->out, c->outlen);
			c->outlen = 0;
		}
	}
}

/* Text for the tab: >0 bytes, or 0. The hops' words are taken by
 * route_check(), so that they come in order with the tab's own. */
ssize_t
route_read(struct route *r, char *buf, size_t len)
{
	if (r->outlen == 0)
		return (0);
	if (len > r->outlen)
		len = r->outlen;
	memcpy(buf, r->out, len);
	memmove(r->out, r->out + len, r->outlen - len);
	r->outlen -= len;
	return (len);
}

/* Changes whenever a hop may have news for the tab. */
u_int
route_activity(struct route *r)
{
	u_int	i, n = r->outlen;

	for (i = 0; i < r->nhops; i++)
		n += r->hops[i]->activity;
	return (n);
}

/* Hop i has closed: keep why, once (the tab's end mark shows it). */
static void
route_failed(struct route *r, u_int i)
{
	struct sshc	*c = r->hops[i];
	const char	*why = c->cause != NULL ? c->cause : _("closed");

	if (r->failed != NULL)
		return;
	if (!c->shared) {
		r->failed = xstrdup(why);
		return;
	}
	if (c->was_ready) {
		xasprintf(&r->failed, _("connection to jump host %s lost"),
		    c->name);
		r->lost = xstrdup(c->hopid);
	} else
		xasprintf(&r->failed, _("jump host %s: %s"), c->name, why);
}

/* Whether every hop is logged in, one is still on its way, or one failed
 * (*why says which and how). */
int
route_check(struct route *r, const char **why)
{
	struct sshc	*c;
	u_int		 i;

	route_collect(r);
	for (i = 0; i < r->nhops; i++) {
		c = r->hops[i];
		if (c->phase == SP_CLOSED) {
			route_failed(r, i);
			*why = r->failed;
			return (ROUTE_FAILED);
		}
		if (c->phase == SP_READY)
			continue;
		if (c->tab != r->tab && c->tab != NULL && !r->told_wait) {
			r->told_wait = 1;
			route_say(r, _("Waiting for jump host %s: tab %u is"
			    " logging in to it.\n"), c->name,
			    transport_tab_number(c->tab));
		}
		return (ROUTE_WAIT);
	}
	return (ROUTE_READY);
}

/* What the status bar says of the route beyond its name, or "". */
void
route_status(struct route *r, char *buf, size_t len)
{
	struct sshc	*c;
	char		 who[128];
	u_int		 i;

	*buf = '\0';
	for (i = 0; i < r->nhops; i++) {
		c = r->hops[i];
		if (c->shared)
			snprintf(who, sizeof who, "%s: ", c->name);
		else
			*who = '\0';
		if (c->phase == SP_READY && c->ka_missed > 0) {
			snprintf(buf, len, _("%sNO ANSWER for %.0f s"), who,
			    clock_now() - c->ka_last);
			return;
		}
		if (c->phase == SP_READY || c->phase == SP_CLOSED)
			continue;
		if (c->waiting && c->tab == r->tab)
			snprintf(buf, len, _("%s%s (waiting for you)"), who,
			    sshc_phase_name(c->phase));
		else if (c->waiting && c->tab != NULL)
			snprintf(buf, len, _("%s%s (in tab %u)"), who,
			    sshc_phase_name(c->phase),
			    transport_tab_number(c->tab));
		else
			snprintf(buf, len, "%s%s", who,
			    sshc_phase_name(c->phase));
		return;
	}
}

/*
 * c has just logged in: tabs that lost their connection to the same jump
 * host connect again, through c, without another login.
 */
static void
route_revive(struct sshc *c)
{
	struct route	*r;
	char		*cause;

again:
	for (r = route_list; r != NULL; r = r->next) {
		if (r->lost == NULL || strcmp(r->lost, c->hopid) != 0 ||
		    !(r->tab->flags & TAB_DEAD))
			continue;
		log_debug("%s: tab %u through %s", __func__, r->tab->id,
		    c->name);
		free(r->lost);
		r->lost = NULL;
		if (transport_reconnect(r->tab, &cause) != 0) {
			log_debug("%s: %s", __func__, cause);
			free(cause);
		}
		goto again;	/* the list has changed */
	}
}
