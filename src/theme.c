/*
 * theme.c: the colours of tterm's own bars. A theme is a small INI file
 * (the .ini files under themes/) with an [ui] section of "FG on BG" values.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "tterm.h"

/*
 * iniparser, opened for the first theme rather than linked (dynlib.c;
 * ssh-lib.h says how the names work).
 */
#define INILIB_SYMS(X) \
	X(iniparser_freedict) \
	X(iniparser_getstring) \
	X(iniparser_load)
#define INILIB_ENTRY(f) DYNLIB_ENTRY(inilib, f)

static struct {
	INILIB_SYMS(DYNLIB_MEMBER)
} inilib;
static const struct dynlib_sym	inilib_syms[] = {
	INILIB_SYMS(INILIB_ENTRY)
	{ NULL, NULL }
};
static struct dynlib		inilib_lib = { TTERM_LIBINIPARSER,
				    inilib_syms, NULL, NULL };

#define INILIB(f)		DYNLIB_GET(inilib_lib, inilib, f)
#define iniparser_freedict	(*INILIB(iniparser_freedict))
#define iniparser_getstring	(*INILIB(iniparser_getstring))
#define iniparser_load		(*INILIB(iniparser_load))

#ifndef TTERM_DATADIR
#define TTERM_DATADIR "/usr/local/share/tterm"
#endif

struct theme theme = {
	.tab_fg = -1, .tab_bg = -1,
	.active_fg = 0, .active_bg = 6,
	.status_fg = 0, .status_bg = 7,
	.alert_fg = 7, .alert_bg = 1,
};

static const char *theme_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

/* A colour name, "bright" name, 0-255 or "default"; -2 if invalid. */
static int
theme_colour(const char *s)
{
	char	*end;
	long	 n;
	u_int	 i;
	int	 bright = 0;

	if (strcasecmp(s, "default") == 0)
		return (-1);
	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		return (*end == '\0' && n >= 0 && n <= 255 ? (int)n : -2);
	}
	if (strncasecmp(s, "bright", 6) == 0) {
		bright = 8;
		s += 6;
	}
	for (i = 0; i < 8; i++) {
		if (strcasecmp(s, theme_names[i]) == 0)
			return (i + bright);
	}
	return (-2);
}

/* Parse "FG on BG" into two colours; -1 if malformed. */
static int
theme_pair(const char *value, short *fg, short *bg)
{
	char	buf[64], *on;
	int	f, b;

	snprintf(buf, sizeof buf, "%s", value);
	if ((on = strstr(buf, " on ")) == NULL)
		return (-1);
	*on = '\0';
	if ((f = theme_colour(buf)) == -2 || (b = theme_colour(on + 4)) == -2)
		return (-1);
	*fg = f;
	*bg = b;
	return (0);
}

/* Find a theme by name or path. */
static char *
theme_path(const char *name)
{
	const char	*home, *xdg;
	char		*path, exe[PATH_MAX], *slash;
	ssize_t		 n;

	if (strchr(name, '/') != NULL)
		return (xstrdup(name));
	if ((xdg = getenv("XDG_CONFIG_HOME")) != NULL && *xdg != '\0') {
		xasprintf(&path, "%s/tterm/themes/%s.ini", xdg, name);
		if (access(path, R_OK) == 0)
			return (path);
		free(path);
	} else if ((home = getenv("HOME")) != NULL) {
		xasprintf(&path, "%s/.config/tterm/themes/%s.ini", home, name);
		if (access(path, R_OK) == 0)
			return (path);
		free(path);
	}
	/* Beside the program, as in the build tree (./tterm, themes/). */
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			xasprintf(&path, "%s/themes/%s.ini", exe, name);
			if (access(path, R_OK) == 0)
				return (path);
			free(path);
		}
	}
	xasprintf(&path, "%s/themes/%s.ini", TTERM_DATADIR, name);
	return (path);
}

/* The text colours of a theme ([Tera Term] VTColor, ANSIColor...). */
static struct palette	 theme_pal;
const struct palette	*theme_palette;

static void
theme_colours(const char *path)
{
	struct profile	*p;
	char		*cause = NULL;

	if ((p = profile_load(path, NULL, &cause)) == NULL) {
		free(cause);
		return;
	}
	if (palette_from_profile(p, &theme_pal))
		theme_palette = &theme_pal;
	profile_free(p);
}

/* Load a theme; on failure keep the defaults and set cause. */
int
theme_load(const char *name, char **cause)
{
	static const struct {
		const char	*key;
		size_t		 fg, bg;
	} keys[] = {
		{ "ui:tabs", offsetof(struct theme, tab_fg),
		  offsetof(struct theme, tab_bg) },
		{ "ui:active", offsetof(struct theme, active_fg),
		  offsetof(struct theme, active_bg) },
		{ "ui:status", offsetof(struct theme, status_fg),
		  offsetof(struct theme, status_bg) },
		{ "ui:alert", offsetof(struct theme, alert_fg),
		  offsetof(struct theme, alert_bg) },
	};
	dictionary	*d;
	const char	*v;
	char		*path;
	u_int		 i;
	short		 fg, bg;
	int		 ret = 0;

	path = theme_path(name);
	if (access(path, R_OK) != 0) {
		xasprintf(cause, _("theme %s: %s: %s"), name, path,
		    strerror(errno));
		free(path);
		return (-1);
	}
	if (dynlib_load(&inilib_lib, cause) != 0) {
		free(path);
		return (-1);
	}
	if ((d = iniparser_load(path)) == NULL) {
		xasprintf(cause, _("theme %s: cannot parse %s"), name, path);
		free(path);
		return (-1);
	}
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if ((v = iniparser_getstring(d, keys[i].key, NULL)) == NULL)
			continue;
		if (theme_pair(v, &fg, &bg) != 0) {
			if (ret == 0)
				xasprintf(cause, _("theme %s: bad value for %s:"
				    " %s (want e.g. \"black on cyan\")"), path,
				    keys[i].key, v);
			ret = -1;
			continue;
		}
		*(short *)((char *)&theme + keys[i].fg) = fg;
		*(short *)((char *)&theme + keys[i].bg) = bg;
	}
	iniparser_freedict(d);
	theme_colours(path);
	free(path);
	return (ret);
}
