/*
 * dialog.c: the connection dialog (prefix c), after Tera Term's New
 * connection: a host line with the history and the profiles to pick from,
 * the service, TCP port, user, authentication and key file, or a serial
 * port and its speed. Enter opens a tab from a profile made of them, with
 * the start-up profile's settings as the defaults, as Tera Term does. If
 * the tab cannot be opened the dialog stays up and says why. It is an
 * overlay: the other tabs keep running behind it.
 */
#include "config.h"

#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

enum {
	D_HOST, D_SERVICE, D_PORT, D_USER, D_AUTH, D_KEY, D_DEVICE, D_SPEED,
	D_N
};
enum { S_SSH, S_TELNET, S_SERIAL, S_LOCAL };

static const char *dialog_services[] = {
	"SSH", "telnet", N_("serial"), N_("local shell"), NULL
};
static const char *dialog_auths[] = {
	N_("auto"), N_("password"), N_("publickey"),
	N_("keyboard-interactive"), N_("agent"), NULL
};
static const int dialog_auth_values[] = {
	0, PROF_AUTH_PASSWORD, PROF_AUTH_PUBLICKEY, PROF_AUTH_KBDINT,
	PROF_AUTH_AGENT
};
/* From slow to fast: Up picks the next faster, Down the next slower. */
static const char *dialog_speeds[] = {
	"1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200",
	"230400", "460800", "921600", NULL
};
static const char *dialog_globs[] = {
	"/dev/serial/by-id/*", "/dev/ttyUSB*", "/dev/ttyACM*", "/dev/ttyS*",
	NULL
};

#define DIALOG_TEXT \
	_("Host: a name, user@host:port or a Tera Term command line\n" \
	"(host /ssh /auth=publickey, /C=1, ...); -P NAME opens a profile.\n" \
	"Up/Down pick from the history; Left/Right change a choice.")

static struct profile	*dialog_start;	/* the start-up profile's values */
static char		**dialog_hosts;	/* and its [Hosts] */
static u_int		  dialog_nhosts;

/* What an open dialog holds besides its form. */
struct dialog {
	char	**picks;	/* host lines and -P NAME */
	u_int	  npicks;
	char	**ports;	/* serial ports found */
	u_int	  nports;
	int	  service;	/* as last seen, for the port to follow */
};

/* Keep the start-up profile's values (the command line's options are in
 * it) and its hosts. */
void
dialog_init(const struct profile *p)
{
	u_int	i;

	dialog_free();
	if (p == NULL)
		return;
	dialog_start = profile_copy(p);
	/* Ports belong to the command line's destinations: a second tab could
	 * not listen on them anyway. */
	free(dialog_start->forwarding);
	dialog_start->forwarding = NULL;
	for (i = 0; i < p->nhosts; i++)
		hosts_push(&dialog_hosts, &dialog_nhosts,
		    p->hosts[p->nhosts - 1 - i]);
}

void
dialog_free(void)
{
	profile_free(dialog_start);
	dialog_start = NULL;
	hosts_free(dialog_hosts, dialog_nhosts);
	dialog_hosts = NULL;
	dialog_nhosts = 0;
}

/* Add s to the end of a list unless it is there already. */
static void
dialog_append(char ***v, u_int *n, const char *s)
{
	u_int	i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*v)[i], s) == 0)
			return;
	}
	*v = xreallocarray(*v, *n + 2, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

/* The profiles in a folder, as -P NAME. */
static void
dialog_profiles(struct dialog *d, const char *dir)
{
	struct dirent	**names;
	char		 *pick;
	size_t		  len;
	int		  n, i;

	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		len = strlen(names[i]->d_name);
		if (names[i]->d_name[0] != '.' && len > 4 &&
		    strcmp(names[i]->d_name + len - 4, ".ini") == 0) {
			xasprintf(&pick, "-P %.*s", (int)(len - 4),
			    names[i]->d_name);
			dialog_append(&d->picks, &d->npicks, pick);
			free(pick);
		}
		free(names[i]);
	}
	free(names);
}

/* What Up and Down go through in the host field, newest first. */
static u_int
dialog_picks(struct dialog *d)
{
	char	**v, *dir;
	u_int	  n, i, history;

	v = hosts_load(&n);
	for (i = 0; i < n; i++)
		dialog_append(&d->picks, &d->npicks, v[i]);
	hosts_free(v, n);
	for (i = 0; i < dialog_nhosts; i++)
		dialog_append(&d->picks, &d->npicks, dialog_hosts[i]);
	history = d->npicks;
	dir = profile_config_path("profiles");
	dialog_profiles(d, dir);
	free(dir);
	dialog_profiles(d, TTERM_DATADIR "/profiles");
	return (history);
}

/* The serial ports on this machine: stable names first. */
static void
dialog_ports(struct dialog *d)
{
	glob_t	g;
	u_int	i;
	size_t	j;

	for (i = 0; dialog_globs[i] != NULL; i++) {
		if (glob(dialog_globs[i], 0, NULL, &g) != 0)
			continue;
		for (j = 0; j < g.gl_pathc; j++)
			dialog_append(&d->ports, &d->nports, g.gl_pathv[j]);
		globfree(&g);
	}
}

/* -P NAME: the profile as -P opens it at start-up. */
static struct profile *
dialog_profile(const char *name, struct ttcmd *tc, char **cause)
{
	struct profile	*p;
	char		*path;

	while (*name == ' ')
		name++;
	path = profile_path(name);
	p = profile_load(path, NULL, cause);
	free(path);
	if (p == NULL)
		return (NULL);
	tc->p = p;
	if (open_host_line(tc) != 0) {
		*cause = xstrdup(tc->error);
		profile_free(p);
		return (NULL);
	}
	return (p);
}

/* The TCP side: the fields first, then the host line, which wins. */
static int
dialog_tcp(struct profile *p, char **v, int service, struct ttcmd *tc,
    char **cause)
{
	long	n;
	int	auth;

	if ((n = form_number(v[D_PORT], 1, 65535)) < 0) {
		xasprintf(cause, _("bad TCP port '%s'"), v[D_PORT]);
		return (-1);
	}
	p->tcp_port = n;
	p->ssh = service != S_TELNET;
	p->telnet = service == S_TELNET;
	tc->telnet = service == S_TELNET;	/* on any port, as /telnet */
	if (*v[D_USER] != '\0') {
		free(p->user);
		p->user = xstrdup(v[D_USER]);
		p->user_type = 1;
	}
	if ((auth = form_index(dialog_auths, v[D_AUTH])) != 0) {
		p->auth = dialog_auth_values[auth];
		p->auth_only = 1;
		tc->auth = 1;
	}
	if (*v[D_KEY] != '\0') {
		free(p->keyfile);
		p->keyfile = xstrdup(v[D_KEY]);
		free(p->ids);		/* the field beats -i */
		p->ids = NULL;
		tc->keyfile = 1;
	}
	free(p->device);
	p->device = NULL;
	if (ttcmd_line(tc, v[D_HOST]) != 0) {
		*cause = xstrdup(tc->error);
		return (-1);
	}
	if (!p->serial && (p->host == NULL || *p->host == '\0')) {
		xasprintf(cause, _("no host in '%s'"), v[D_HOST]);
		return (-1);
	}
	return (0);
}

/* A profile from the fields, over the start-up profile's values. */
static struct profile *
dialog_build(char **v, struct ttcmd *tc, char **cause)
{
	struct profile	*p;
	int		 service = form_index(dialog_services, v[D_SERVICE]);
	long		 n;

	p = dialog_start != NULL ? profile_copy(dialog_start) :
	    profile_new("");
	tc->p = p;
	/* Settings are the start-up profile's; what to run and the title
	 * belong to its destination. */
	free(p->host);
	free(p->command);
	free(p->title);
	p->host = p->command = p->title = NULL;
	p->serial = service == S_SERIAL;
	if (service == S_SERIAL) {
		if ((n = form_number(v[D_SPEED], 50, 4000000)) < 0 ||
		    *v[D_DEVICE] == '\0') {
			xasprintf(cause, *v[D_DEVICE] == '\0' ? _("no serial"
			    " port given") : _("bad speed '%s'"), v[D_SPEED]);
			goto bad;
		}
		free(p->device);
		p->device = xstrdup(v[D_DEVICE]);
		p->speed = n;
		return (p);
	}
	/* Enter alone (no host, whatever the service the last connection
	 * left): the user's shell, as the help says. */
	if (*v[D_HOST] == '\0')
		return (p);
	/* A host with "local shell": the user means to connect. */
	if (dialog_tcp(p, v, service == S_LOCAL ? S_SSH : service, tc,
	    cause) != 0)
		goto bad;
	return (p);
bad:
	profile_free(p);
	tc->p = NULL;
	return (NULL);
}

/* Enter: open the tab, or say in the dialog why not. */
static int
dialog_submit(struct form *f)
{
	struct profile	*p;
	struct ttcmd	 tc;
	struct tab	*t = NULL;
	char		*v[D_N], *cause = NULL, *text;
	int		 i, profile, serial;

	for (i = 0; i < D_N; i++)
		v[i] = form_value(f, i);
	memset(&tc, 0, sizeof tc);
	profile = strncmp(v[D_HOST], "-P ", 3) == 0;
	serial = form_index(dialog_services, v[D_SERVICE]) == S_SERIAL;
	if (profile)
		p = dialog_profile(v[D_HOST] + 3, &tc, &cause);
	else
		p = dialog_build(v, &tc, &cause);
	if (p != NULL)
		t = open_profile(p, &tc, &cause);
	if (t == NULL) {
		xasprintf(&text, _("%s\n\nCannot open: %s"), DIALOG_TEXT, cause);
		form_set_text(f, text);
		free(text);
	} else if (!profile && !serial && *v[D_HOST] != '\0') {
		free(cause);
		cause = NULL;
		if (hosts_add(v[D_HOST], &cause) != 0)
			ui_message(_("history not saved: %s"), cause);
	}
	free(cause);
	ttcmd_clear(&tc);
	for (i = 0; i < D_N; i++)
		freezero_str(v[i]);	/* the host line may hold /passwd= */
	return (t != NULL);
}

/* The TCP port follows the service while it is a service's default. */
static void
dialog_follow(struct dialog *d, struct form *f)
{
	char	*s = form_value(f, D_SERVICE), *port;
	int	 service = form_index(dialog_services, s);

	free(s);
	if (service == d->service)
		return;
	port = form_value(f, D_PORT);
	if (service == S_TELNET && strcmp(port, "22") == 0)
		form_set_value(f, D_PORT, "23");
	else if (service == S_SSH && strcmp(port, "23") == 0)
		form_set_value(f, D_PORT, "22");
	free(port);
	d->service = service;
}

static int
dialog_handle(void *data, struct form *f, int r)
{
	struct dialog	*d = data;

	if (r == 0x1b)
		return (1);
	if (r == '\r')
		return (dialog_submit(f));
	dialog_follow(d, f);
	return (0);
}

static void
dialog_release(void *data)
{
	struct dialog	*d = data;

	hosts_free(d->picks, d->npicks);
	hosts_free(d->ports, d->nports);
	free(d);
}

/* Prefix c: put up the dialog. */
void
dialog_open(void)
{
	const struct profile	*s = dialog_start;
	struct form_item	 it[D_N];
	struct dialog		*d;
	struct form		*f;
	char			 port[16], speed[16];
	u_int			 history;

	d = xcalloc(1, sizeof *d);
	history = dialog_picks(d);
	dialog_ports(d);
	if (s != NULL && s->serial)
		d->service = S_SERIAL;
	else
		d->service = history > 0 ? S_SSH : S_LOCAL;
	snprintf(port, sizeof port, "%d", s != NULL && s->tcp_port > 0 ?
	    s->tcp_port : 22);
	snprintf(speed, sizeof speed, "%d", s != NULL ? s->speed : 9600);
	memset(it, 0, sizeof it);
	it[D_HOST] = (struct form_item){ _("Host"), FORM_TEXT, "",
	    (const char **)d->picks };
	it[D_SERVICE] = (struct form_item){ _("Service"), FORM_CHOICE,
	    dialog_services[d->service], dialog_services };
	it[D_PORT] = (struct form_item){ _("TCP port"), FORM_TEXT, port,
	    NULL };
	it[D_USER] = (struct form_item){ _("User"), FORM_TEXT,
	    s != NULL && s->user != NULL ? s->user : "", NULL };
	it[D_AUTH] = (struct form_item){ _("Authentication"),
	    FORM_CHOICE, "auto", dialog_auths };
	it[D_KEY] = (struct form_item){ _("Key file"), FORM_TEXT,
	    s != NULL && s->keyfile != NULL ? s->keyfile : "", NULL };
	it[D_DEVICE] = (struct form_item){ _("Serial port"), FORM_TEXT,
	    s != NULL && s->device != NULL ? s->device : d->nports > 0 ?
	    d->ports[0] : "", (const char **)d->ports };
	it[D_SPEED] = (struct form_item){ _("Speed"), FORM_TEXT, speed,
	    dialog_speeds };
	f = form_new_dialog(_("New connection"), DIALOG_TEXT,
	    _(" Enter: open  Tab: next field  Esc: cancel "), D_N, it);
	overlay_form(f, dialog_handle, dialog_release, d);
}
