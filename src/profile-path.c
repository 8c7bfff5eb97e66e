/*
 * profile-path.c: Windows paths in migrated profiles mapped to this
 * machine, where profiles are found by name, and tterm's own folder.
 *
 * A relative path is relative to the profile's folder (Tera Term 5 reads
 * it against its setup folder). An absolute Windows path names a file on
 * another machine: the key file is looked for by its name in the
 * profile's folder, ~/.ssh and [tterm] KeyFolder.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tterm.h"

#define SFIELD(p, off)	((char **)((char *)(p) + (off)))

static void
path_note(struct profile *p, const char *from, const char *to,
    const char *why)
{
	buf_printf(&p->report, "path: %s -> %s%s%s\n", from, to,
	    why != NULL ? " " : "", why != NULL ? why : "");
}

static int
path_windows_absolute(const char *v)
{
	return ((isalpha((u_char)v[0]) && v[1] == ':') ||
	    (v[0] == '\\' && v[1] == '\\') || v[0] == '\\');
}

/* ~ and $HOME. */
static char *
path_home(const char *rest)
{
	const char	*home = getenv("HOME");
	char		*s;

	xasprintf(&s, "%s%s", home != NULL ? home : "", rest);
	return (s);
}

/* The last part of a Windows path. */
static const char *
path_base(const char *v)
{
	const char	*b = v, *s;

	for (s = v; *s != '\0'; s++) {
		if ((*s == '\\' || *s == '/') && s[1] != '\0')
			b = s + 1;
	}
	return (b);
}

/* A key file by name in the profile's folder, ~/.ssh, KeyFolder. */
static char *
path_find_key(const struct profile *p, const char *base, const char *from,
    struct profile *rp)
{
	char		*cand[3] = { NULL, NULL, NULL }, *found = NULL, *b;
	const char	*tail = p->key_folder;
	u_int		 i;

	b = xstrdup(base);
	if (b[strlen(b) - 1] == '\\')
		b[strlen(b) - 1] = '\0';
	if (p->dir != NULL)
		xasprintf(&cand[0], "%s/%s", p->dir, b);
	cand[1] = path_home("/.ssh/");
	xasprintf(&found, "%s%s", cand[1], b);
	free(cand[1]);
	cand[1] = found;
	found = NULL;
	if (tail != NULL && *tail != '\0')
		xasprintf(&cand[2], "%s/%s", tail, b);
	for (i = 0; i < 3 && found == NULL; i++) {
		if (cand[i] != NULL && access(cand[i], R_OK) == 0)
			found = xstrdup(cand[i]);
	}
	if (found == NULL) {
		found = xstrdup(cand[1]);
		path_note(rp, from, found, _("(not there yet: copy the"
		    " key)"));
	} else
		path_note(rp, from, found, NULL);
	for (i = 0; i < 3; i++)
		free(cand[i]);
	free(b);
	return (found);
}

/* Map one path of a key of the given type. */
static char *
path_map(struct profile *p, const char *v, enum pk_type type)
{
	char	*s, *t, cwd[PATH_MAX];

	if (*v == '\0' || v[0] == '/')
		return (xstrdup(v));
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0'))
		return (path_home(v + 1));
	if (path_windows_absolute(v)) {
		if (type == PK_DIR) {
			s = path_home("");
			path_note(p, v, s, _("(a Windows folder: your home"
			    " instead)"));
			return (s);
		}
		return (path_find_key(p, path_base(v), v, p));
	}
	/* Relative: to the profile's folder, with Windows separators. */
	if (p->dir != NULL)
		xasprintf(&s, "%s/%s", p->dir, v);
	else {
		if (getcwd(cwd, sizeof cwd) == NULL)
			snprintf(cwd, sizeof cwd, ".");
		xasprintf(&s, "%s/%s", cwd, v);
	}
	for (t = s; *t != '\0'; t++) {
		if (*t == '\\')
			*t = '/';
	}
	if (t > s + 1 && t[-1] == '/' && type != PK_DIR)
		t[-1] = '\0';
	path_note(p, v, s, NULL);
	return (s);
}

/* A PuTTY key cannot be used as it is: say how to convert it. */
static void
path_ppk(struct profile *p, const char *path)
{
	size_t	 n = strlen(path);

	if (n < 4 || strcasecmp(path + n - 4, ".ppk") != 0)
		return;
	buf_printf(&p->report, "problem: ");
	buf_printf(&p->report, _("%s is a PuTTY key; convert it with:"
	    " puttygen '%s' -O private-openssh -o '%.*s' (Debian: apt-get"
	    " install putty-tools), then use that file\n"), path, path,
	    (int)(n - 4), path);
}

/* A key file named outside a profile (Tera Term's /keyfile=), mapped as
 * a profile's KeyFile is: a Windows path by its name in ~/.ssh, ... */
char *
profile_map_key(struct profile *p, const char *v)
{
	char	*out = path_map(p, v, PK_KEY);

	path_ppk(p, out);
	return (out);
}

/* Map the paths of every path key of a freshly read profile. */
void
prof_paths(struct profile *p)
{
	const struct prof_key	*k;
	char			**f, *out, *one, *copy, *last, *t;

	for (k = prof_keys; k->key != NULL; k++) {
		if (k->type != PK_KEY && k->type != PK_DIR &&
		    k->type != PK_PATHS)
			continue;
		f = SFIELD(p, k->off);
		if (*f == NULL)
			continue;
		if (k->type != PK_PATHS) {
			out = path_map(p, *f, k->type);
			if (k->type == PK_KEY)
				path_ppk(p, out);
		} else {
			out = NULL;
			copy = xstrdup(*f);
			for (t = copy; (one = strtok_r(t, ";", &last)) != NULL;
			    t = NULL) {
				one = path_map(p, one, PK_KEY);
				xasprintf(&t, "%s%s%s", out != NULL ? out : "",
				    out != NULL ? ";" : "", one);
				free(out);
				free(one);
				out = t;
				t = NULL;
			}
			free(copy);
			if (out == NULL)
				out = xstrdup("");
		}
		free(*f);
		*f = out;
	}
}

/* tterm's folder for what (profiles, history): under $XDG_CONFIG_HOME,
 * else ~/.config. */
char *
profile_config_path(const char *what)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	char		*path, *home;

	if (xdg != NULL && *xdg != '\0')
		xasprintf(&path, "%s/tterm/%s", xdg, what);
	else {
		home = path_home("/.config/tterm/");
		xasprintf(&path, "%s%s", home, what);
		free(home);
	}
	return (path);
}

/* Create the folders above path that are missing (mode 0700). */
int
profile_mkdirs(const char *path, char **cause)
{
	char	*dir = xstrdup(path), *s;

	for (s = dir + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			xasprintf(cause, "%s: %s", dir, strerror(errno));
			free(dir);
			return (-1);
		}
		*s = '/';
	}
	free(dir);
	return (0);
}

/*
 * A profile by name: a path as it is, else NAME.ini (or NAME) in
 * ~/.config/tterm/profiles, then in the shipped profiles folder.
 */
char *
profile_path(const char *name)
{
	char		*dir, *path;
	const char	*ext;
	int		 i;

	if (strchr(name, '/') != NULL)
		return (xstrdup(name));
	ext = strchr(name, '.') != NULL ? "" : ".ini";
	dir = profile_config_path("profiles");
	for (i = 0; i < 2; i++) {
		xasprintf(&path, "%s/%s%s", i == 0 ? dir :
		    TTERM_DATADIR "/profiles", name, ext);
		if (access(path, R_OK) == 0) {
			free(dir);
			return (path);
		}
		free(path);
	}
	xasprintf(&path, "%s/%s%s", dir, name, ext);
	free(dir);
	return (path);
}
