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
 * ProxyJump is read from the configuration here, not by libssh: libssh
 * 0.10 would turn it into an external "ssh -W" with the hops reversed.
 * So is DynamicForward, which libssh does not know (forward.c serves it).
 */
#include "config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"
#include "ssh-int.h"

#define ROUTE_MAX	8	/* hops, the destination included */
#define ROUTE_CONFIG_MAX (4 * 1024 * 1024) /* bytes of an ssh_config */

struct route {
	struct route	*next;
	struct tab	*tab;
	struct sshc	*hops[ROUTE_MAX];
	u_int		 nhops;
	int		 dest;		/* the last hop is a destination */
	char		*name;		/* "bastion > root@db1" */
	char		*failed;	/* why, once failed */
	char		*lost;		/* hopid of a lost jump host */
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

/* Whether a Host line's patterns select host (! negates, as ssh). */
static int
route_host_match(char *patterns, const char *host)
{
	char	*pat, *save = NULL;
	int	 yes = 0;

	for (pat = strtok_r(patterns, " \t", &save); pat != NULL;
	    pat = strtok_r(NULL, " \t", &save)) {
		if (*pat == '!') {
			if (fnmatch(pat + 1, host, FNM_CASEFOLD) == 0)
				return (0);
		} else if (fnmatch(pat, host, FNM_CASEFOLD) == 0)
			yes = 1;
	}
	return (yes);
}

/*
 * The next line of an ssh_config's text (from *next to end) that applies
 * to host, as its key and value; Host and Match lines set *on (Match
 * blocks are skipped). 0 at the end. The text is changed.
 */
static int
route_config_next(char **next, char *end, const char *host, int *on,
    char **key, char **value)
{
	char	*p;

	while (file_line(next, end, &p)) {
		p += strspn(p, " \t");
		p[strcspn(p, "\r\n")] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		*key = p;
		p += strcspn(p, " \t=");
		if (*p != '\0')
			*p++ = '\0';
		*value = p + strspn(p, " \t=");
		if (strcasecmp(*key, "Host") == 0)
			*on = route_host_match(*value, host);
		else if (strcasecmp(*key, "Match") == 0)
			*on = strcasecmp(*value, "all") == 0;
		else if (*on)
			return (1);
	}
	return (0);
}

/*
 * The first ProxyJump for host in the text of an ssh_config (ssh's rule:
 * the first value wins), or NULL. The text, of len bytes and a NUL after
 * them, is changed.
 */
char *
route_config_text(char *text, size_t len, const char *host)
{
	char	*next = text, *key, *value;
	int	 on = 1;

	while (route_config_next(&next, text + len, host, &on, &key, &value)) {
		if (strcasecmp(key, "ProxyJump") == 0)
			return (xstrdup(value));
	}
	return (NULL);
}

/*
 * Every DynamicForward for host in the text of an ssh_config (forwards
 * add up, unlike other keys), as DefaultForwarding's entries: "D1080;
 * D127.0.0.1:1081", or NULL. The text is changed.
 */
char *
route_config_dynamic_text(char *text, size_t len, const char *host)
{
	char	*next = text, *key, *value, *found = NULL;
	int	 on = 1;

	while (route_config_next(&next, text + len, host, &on, &key, &value)) {
		if (strcasecmp(key, "DynamicForward") != 0)
			continue;
		value[strcspn(value, " \t")] = '\0';
		/* ';' and ',' would end the entry early. */
		if (*value == '\0' || strpbrk(value, ";,") != NULL)
			continue;
		xappendf(&found, "%sD%s", found != NULL ? ";" : "", value);
	}
	return (found);
}

/* What find finds for host in file, or NULL. */
static char *
route_config_file(const char *file, const char *host,
    char *(*find)(char *, size_t, const char *))
{
	char	*text, *cause = NULL, *found;
	size_t	 len;

	if ((text = file_read(file, ROUTE_CONFIG_MAX, &len, &cause)) == NULL) {
		free(cause);
		return (NULL);
	}
	found = find(text, len, host);
	free(text);
	return (found);
}

/* ~/.ssh/config, or NULL without a home. */
static char *
route_config_home(void)
{
	const char	*home = getenv("HOME");
	char		*path;

	if (home == NULL)
		return (NULL);
	xasprintf(&path, "%s/.ssh/config", home);
	return (path);
}

/* ProxyJump for d's host from the files libssh reads, or NULL. */
static char *
route_config_jump(const struct sshdest *d)
{
	char	*path, *jump = NULL;

	if (d->config != NULL)
		return (route_config_file(d->config, d->host,
		    route_config_text));
	if ((path = route_config_home()) == NULL)
		return (NULL);
	jump = route_config_file(path, d->host, route_config_text);
	free(path);
	if (jump == NULL)
		jump = route_config_file("/etc/ssh/ssh_config", d->host,
		    route_config_text);
	return (jump);
}

/*
 * DynamicForward for d's host from the files ssh reads (all of them: the
 * user's and the system's add up), as DefaultForwarding's entries, or
 * NULL.
 */
char *
route_config_dynamic(const struct sshdest *d)
{
	char	*path, *user = NULL, *sys, *all = NULL;

	if (!d->use_config)
		return (NULL);
	if (d->config != NULL)
		return (route_config_file(d->config, d->host,
		    route_config_dynamic_text));
	if ((path = route_config_home()) != NULL)
		user = route_config_file(path, d->host,
		    route_config_dynamic_text);
	free(path);
	sys = route_config_file("/etc/ssh/ssh_config", d->host,
	    route_config_dynamic_text);
	if (user != NULL || sys != NULL)
		xasprintf(&all, "%s%s%s", user != NULL ? user : "",
		    user != NULL && sys != NULL ? ";" : "",
		    sys != NULL ? sys : "");
	free(user);
	free(sys);
	return (all);
}

/* "bastion > db1 > root@target": jump hosts as named, then user@host. */
static void
route_make_name(struct route *r)
{
	struct sshc	*c;
	size_t		 len = 1;
	u_int		 i;
	char		*s;

	for (i = 0; i < r->nhops; i++)
		len += strlen(r->hops[i]->name) + strlen(r->hops[i]->user) +
		    strlen(r->hops[i]->host) + 4;
	r->name = xcalloc(1, len);
	for (i = 0; i < r->nhops; i++) {
		c = r->hops[i];
		s = r->name + strlen(r->name);
		if (c->shared)
			snprintf(s, len - (s - r->name), "%s%s", c->name,
			    i + 1 < r->nhops ? " > " : "");
		else
			snprintf(s, len - (s - r->name), "%s@%s", c->user,
			    c->host);
	}
}

/* Connect the jump hosts named by spec, each through the one before. */
static int
route_jumps(struct route *r, const struct sshdest *d, const char *spec,
    char **cause)
{
	struct sshdest	 hd;
	struct sshc	*c, *via = NULL;
	char		*copy = xstrdup(spec), *item, *save = NULL;
	int		 ret = -1;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if (r->nhops == ROUTE_MAX - 1) {
			xasprintf(cause, "more than %d jump hosts",
			    ROUTE_MAX - 1);
			goto out;
		}
		hd = *d;
		hd.jump = NULL;
		hd.prof = NULL;		/* the profile is the destination's */
		hd.password = NULL;
		hd.term = NULL;
		hd.user = hd.host = NULL;
		if (route_parse_hop(item, &hd) != 0) {
			xasprintf(cause, "bad jump host '%s': use"
			    " [user@]host[:port]", item);
			free(hd.user);
			free(hd.host);
			goto out;
		}
		c = sshconn_get(&hd, via, 1, r->tab, cause);
		free(hd.user);
		free(hd.host);
		if (c == NULL)
			goto out;
		r->hops[r->nhops++] = via = c;
	}
	ret = 0;
out:
	free(copy);
	return (ret);
}

static void	 route_revive(struct sshc *);

static const struct sshconn_hooks route_hooks = { .ready = route_revive };

/*
 * Connect tab's route to d: its jump hosts (-J, else ProxyJump), then
 * with_dest the destination itself. Without it (a tunnel's route) there
 * must be jump hosts.
 */
struct route *
route_open(const struct sshdest *d, int with_dest, struct tab *tab,
    char **cause)
{
	struct route	*r = xcalloc(1, sizeof *r);
	char		*cfg = NULL;
	const char	*jump = d->jump;
	struct sshc	*c, *via;

	sshconn_hook(&route_hooks);
	r->tab = tab;
	if (jump == NULL && with_dest && d->use_config)
		jump = cfg = route_config_jump(d);
	if (jump != NULL && strcasecmp(jump, "none") != 0 &&
	    route_jumps(r, d, jump, cause) != 0)
		goto fail;
	if (with_dest) {
		via = r->nhops > 0 ? r->hops[r->nhops - 1] : NULL;
		if ((c = sshconn_get(d, via, 0, tab, cause)) == NULL)
			goto fail;
		r->hops[r->nhops++] = c;
		r->dest = 1;
	} else if (r->nhops == 0) {
		xasprintf(cause, "no jump host");
		goto fail;
	}
	free(cfg);
	route_make_name(r);
	r->next = route_list;
	route_list = r;
	return (r);

fail:
	free(cfg);
	while (r->nhops > 0)
		sshc_put(r->hops[--r->nhops]);
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
			sshc_fail(c, "login cancelled: its tab was closed");
		}
	}
	while (r->nhops > 0)
		sshc_put(r->hops[--r->nhops]);
	free(r->name);
	free(r->failed);
	free(r->lost);
	free(r->out);
	free(r);
}

struct sshc *
route_last(struct route *r)
{
	return (r->hops[r->nhops - 1]);
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

void
route_say(struct route *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	route_out(r, s, strlen(s));
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
	const char	*why = c->cause != NULL ? c->cause : "closed";

	if (r->failed != NULL)
		return;
	if (!c->shared) {
		r->failed = xstrdup(why);
		return;
	}
	if (c->was_ready) {
		xasprintf(&r->failed, "connection to jump host %s lost",
		    c->name);
		r->lost = xstrdup(c->hopid);
	} else
		xasprintf(&r->failed, "jump host %s: %s", c->name, why);
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
			route_say(r, "Waiting for jump host %s: tab %u is"
			    " logging in to it.\r\n", c->name,
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
			snprintf(buf, len, "%sNO ANSWER for %.0f s", who,
			    clock_now() - c->ka_last);
			return;
		}
		if (c->phase == SP_READY || c->phase == SP_CLOSED)
			continue;
		if (c->waiting && c->tab == r->tab)
			snprintf(buf, len, "%s%s (waiting for you)", who,
			    sshc_phase_name(c->phase));
		else if (c->waiting && c->tab != NULL)
			snprintf(buf, len, "%s%s (in tab %u)", who,
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
