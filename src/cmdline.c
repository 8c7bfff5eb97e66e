/*
 * cmdline.c: the profile side of tterm's command line. Tera Term's forms
 * (/options, telnet://, -P NAME, /F=FILE) make a profile for the tab;
 * tterm's own options then beat its values; --import, --dump-profile and
 * --list-keys print and end.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

/* Does the command line use Tera Term's forms (/options, telnet://)? */
int
cmdline_teraterm_style(int argc, char **argv)
{
	int	i;

	for (i = 0; i < argc; i++) {
		if (ttcmd_is_option(argv[i]) ||
		    strncasecmp(argv[i], "telnet://", 9) == 0)
			return (1);
	}
	return (0);
}

/*
 * The profile for a Tera Term style command line: -P NAME or /F=FILE as
 * the defaults (else SSH, as tterm's own command line), then each
 * argument. Warnings go to stderr before the screen is taken.
 */
struct profile *
cmdline_profile(const char *name, const char *cp, int argc, char **argv,
    struct ttcmd *tc)
{
	struct profile	*p;
	char		*path = NULL, *cause = NULL;
	int		 i, r;

	if (name != NULL)
		path = profile_path(name);
	else
		path = ttcmd_inifile(argv);
	if (path != NULL) {
		p = profile_load(path, cp, &cause);
		if (p == NULL) {
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			free(path);
			return (NULL);
		}
		free(path);
	} else {
		p = profile_new("");
		p->ssh = 1;
	}
	tc->p = p;
	if (open_host_line(tc) != 0)
		goto bad;
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "serial:", 7) == 0 && argv[i][7] != '\0') {
			p->serial = 1;
			free(p->device);
			p->device = xstrdup(argv[i] + 7);
			continue;
		}
		if ((r = ttcmd_arg(tc, argv[i])) == 0)
			xasprintf(&tc->error, _("unexpected '%s': one"
			    " destination goes with Tera Term's options"),
			    argv[i]);
		if (r <= 0)
			goto bad;
	}
	if (tc->warnings != NULL)
		fprintf(stderr, "tterm: %s", tc->warnings);
	return (p);
bad:
	fprintf(stderr, "tterm: %s\n", tc->error);
	profile_free(p);
	tc->p = NULL;
	return (NULL);
}

/* --import, --dump-profile, --list-keys: print and end. */
int
cmdline_action(int action, const char *arg, const char *cp)
{
	struct profile	*p;
	char		*cause = NULL, *path, *out;

	if (action == 'O')
		return (prof_keys_print(stdout, arg != NULL &&
		    strcmp(arg, "man") == 0));
	path = action == 'I' ? xstrdup(arg) : profile_path(arg);
	if ((p = profile_load(path, cp, &cause)) == NULL) {
		fprintf(stderr, "tterm: %s\n", cause);
		free(cause);
		free(path);
		return (1);
	}
	free(path);
	if (action == 'I')
		profile_report_print(stdout, p);
	else {
		out = profile_dump(p);
		fputs(out, stdout);
		free(out);
	}
	profile_free(p);
	return (0);
}

/*
 * The key a -o option names: Section.Key, or a key name that only one
 * section has (most do; Tera Term's sections do not share names).
 */
static const struct prof_key *
cmdline_key(const char *name, size_t len, char **cause)
{
	const struct prof_key	*k, *found = NULL;
	const char		*dot = memchr(name, '.', len);
	char			*section, *key;

	if (dot != NULL) {
		section = xstrndup(name, dot - name);
		key = xstrndup(dot + 1, len - (dot + 1 - name));
		found = prof_key_find(section, key);
		free(section);
		free(key);
	} else {
		for (k = prof_keys; k->key != NULL; k++) {
			if (strlen(k->key) != len ||
			    strncasecmp(k->key, name, len) != 0)
				continue;
			if (found != NULL) {
				xasprintf(cause, _("-o %.*s: in [%s] and [%s]:"
				    " write Section.%.*s"), (int)len, name,
				    found->section, k->section, (int)len, name);
				return (NULL);
			}
			found = k;
		}
	}
	if (found == NULL)
		xasprintf(cause, _("-o %.*s: no such profile key (tterm"
		    " --list-keys lists them)"), (int)len, name);
	return (found);
}

/*
 * -o KEY=VALUE (or KEY VALUE, as ssh -o takes them): any profile key,
 * by the keyword table, over what the profile and the other options set.
 */
int
cmdline_option(struct profile *p, const char *opt, char **cause)
{
	const struct prof_key	*k;
	size_t			 len = strcspn(opt, "= \t");
	const char		*v = opt + len;
	char			*note = NULL;

	if (len == 0 || *v == '\0') {
		xasprintf(cause, _("-o %s: write KEY=VALUE"), opt);
		return (-1);
	}
	v += strspn(v, "= \t");
	if ((k = cmdline_key(opt, len, cause)) == NULL)
		return (-1);
	if (prof_value_set(k, p, v, &note) != 0) {
		xasprintf(cause, "-o %s: %s", opt, note);
		free(note);
		return (-1);
	}
	if (k->off == offsetof(struct profile, tcp_port))
		p->port_given = 1;	/* -p, -o TCPPort= */
	free(note);
	return (0);
}
