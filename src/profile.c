/*
 * profile.c: profiles read from TERATERM.INI files and tterm's own
 * profiles (the same keys, in UTF-8), what the reading did (the import
 * report), the profile written out again (the dump), and saving a changed
 * profile into the file it came from.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tterm.h"

#define PROF_MAX_HOSTS	500

/* A profile with every key at its default. */
struct profile *
profile_new(const char *name)
{
	struct profile		*p = xcalloc(1, sizeof *p);
	const struct prof_key	*k;

	for (k = prof_keys; k->key != NULL; k++)
		prof_value_default(k, p);
	p->name = xstrdup(name != NULL ? name : "");
	return (p);
}

/* Add a line to the import report, in linear time however many. */
void
prof_note(struct profile *p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vprintf(&p->report, fmt, ap);
	va_end(ap);
}

void
profile_free(struct profile *p)
{
	const struct prof_key	*k;
	u_int			 i;

	if (p == NULL)
		return;
	for (k = prof_keys; k->key != NULL; k++) {
		switch (k->type) {
		case PK_STR: case PK_KEY: case PK_DIR: case PK_PATHS:
		case PK_ORDER: case PK_KANJI:
			free(*(char **)((char *)p + k->off));
			break;
		default:
			break;
		}
	}
	for (i = 0; i < p->nhosts; i++)
		free(p->hosts[i]);
	free(p->hosts);
	free(p->name);
	free(p->file);
	free(p->dir);
	buf_free(&p->report);
	ini_free(p->ini);
	profile_free(p->orig);
	free(p);
}

/* [Hosts] HostN: newest first; give up after ten missing numbers. */
static void
prof_hosts(struct profile *p, const struct ini *ini)
{
	const char	*v;
	char		 key[16];
	u_int		 n, missing = 0;

	for (n = 1; n <= PROF_MAX_HOSTS && missing < 10; n++) {
		snprintf(key, sizeof key, "Host%u", n);
		if ((v = ini_get(ini, "Hosts", key)) == NULL || *v == '\0') {
			missing++;
			continue;
		}
		p->hosts = xreallocarray(p->hosts, p->nhosts + 1,
		    sizeof *p->hosts);
		p->hosts[p->nhosts++] = xstrdup(v);
	}
}

/*
 * Tera Term 4 wrote SJIS for every legacy code page and kept the meaning
 * in Language; Tera Term 5 dropped that. A file still in a code page (Tera
 * Term 5 rewrites its files as UTF-16) is read the Tera Term 4 way.
 */
static void
prof_tt4_charsets(struct profile *p, const char *encoding)
{
	const char	*lang = p->language, *to = NULL, *rh = p->russ_host;
	char		**f[2] = { &p->kanji_recv, &p->kanji_send };
	int		 i;

	if (lang == NULL || strncmp(encoding, "UTF-16", 6) == 0)
		return;
	if (strcasecmp(lang, "UTF-8") == 0)
		to = "UTF-8";
	else if (strcasecmp(lang, "Russian") == 0) {
		to = "Windows-1251";
		if (rh != NULL && strcasecmp(rh, "KOI8-R") == 0)
			to = "KOI8-R";
		else if (rh != NULL && strcasecmp(rh, "CP-866") == 0)
			to = "CP866";
		else if (rh != NULL && strcasecmp(rh, "ISO-8859-5") == 0)
			to = "ISO8859-5";
	} else if (strcasecmp(lang, "Korean") == 0)
		to = "KS5601";
	else if (strcasecmp(lang, "English") == 0)
		to = "CP1252";
	if (to == NULL)
		return;
	for (i = 0; i < 2; i++) {
		if (*f[i] == NULL || strcmp(*f[i], "UTF-8") == 0 ||
		    strcmp(*f[i], to) == 0)
			continue;
		if (strcmp(to, "UTF-8") != 0 && strcmp(*f[i], "SJIS") != 0 &&
		    strcmp(*f[i], "EUC-JP") != 0 && strcmp(*f[i], "EUC") != 0 &&
		    strcmp(*f[i], "JIS") != 0)
			continue;
		/* The report's words after its line's kind and key. */
		prof_note(p, "fixed: [Tera Term] %s=%s ", i == 0 ?
		    "KanjiReceive" : "KanjiSend", *f[i]);
		prof_note(p, _("with Tera Term 4's Language=%s means %s\n"),
		    lang, to);
		free(*f[i]);
		*f[i] = xstrdup(to);
	}
}

/* Read one key from the file into the profile, noting what happened. */
static void
prof_read_key(struct profile *p, const char *section, const char *key,
    const char *value)
{
	const struct prof_key	*k;
	char			*note = NULL, *v;

	if (strcasecmp(section, "Hosts") == 0 &&
	    strncasecmp(key, "Host", 4) == 0) {
		prof_note(p, "history: [Hosts] %s=%s\n", key, value);
		return;
	}
	if ((k = prof_key_find(section, key)) == NULL) {
		if (prof_key_ignored(section, key))
			prof_note(p, "ignored: [%s] %s (%s)\n", section, key,
			    _("no use in a text terminal"));
		else if (prof_section_teraterm(section))
			prof_note(p, "unused: [%s] %s=%s (%s)\n", section,
			    key, value, _("a Tera Term setting tterm has no"
			    " equivalent for"));
		else
			prof_note(p, "unknown: [%s] %s=%s\n", section,
			    key, value);
		return;
	}
	if (prof_value_set(k, p, value, &note) != 0) {
		prof_note(p, "problem: [%s] %s=%s: %s; ", section, key,
		    value, note);
		prof_note(p, _("using %s\n"), k->def != NULL ? k->def :
		    _("tterm's default"));
		free(note);
		return;
	}
	v = prof_value_get(k, p);
	if (k->off == offsetof(struct profile, forwarding) && note == NULL)
		note = forward_later(v);	/* D and X entries */
	prof_note(p, "mapped: [%s] %s=%s%s%s\n", section, key,
	    v != NULL ? v : _("(tterm's default)"), note != NULL ? ": " : "",
	    note != NULL ? note : "");
	free(v);
	free(note);
}

/* Fill a profile from a parsed file. */
static void
prof_fill(struct profile *p, struct ini *ini)
{
	const char	*key, *value, *problems, *end;
	char		*section;
	u_int		 i = 0;

	prof_note(p, "file: %s (%s)\n", p->file != NULL ? p->file :
	    "-", ini_encoding(ini));
	problems = ini_problems(ini);
	while (problems != NULL && (end = strchr(problems, '\n')) != NULL) {
		prof_note(p, "problem: %.*s\n",
		    (int)(end - problems), problems);
		problems = end + 1;
	}
	while (ini_next(ini, &i, &section, &key, &value)) {
		prof_read_key(p, section, key, value);
		free(section);
	}
	prof_hosts(p, ini);
	prof_tt4_charsets(p, ini_encoding(ini));
	prof_paths(p);
}

/* A profile from a file's bytes (cp: the code page of legacy files). */
struct profile *
profile_parse(const char *name, const char *buf, size_t len, const char *cp)
{
	struct profile	*p = profile_new(name);

	p->ini = ini_parse(buf, len, cp);
	prof_fill(p, p->ini);
	p->orig = profile_copy(p);
	return (p);
}

/* A profile from a file; NULL with a cause if it cannot be read. */
struct profile *
profile_load(const char *path, const char *cp, char **cause)
{
	struct profile	*p;
	struct ini	*ini;
	char		*slash, *name, *dot, *real;

	if ((ini = ini_load(path, cp, cause)) == NULL)
		return (NULL);
	slash = strrchr(path, '/');
	name = xstrdup(slash != NULL ? slash + 1 : path);
	if ((dot = strrchr(name, '.')) != NULL && dot != name)
		*dot = '\0';
	p = profile_new(name);
	free(name);
	p->file = xstrdup(path);
	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	if ((slash = strrchr(real, '/')) != NULL) {
		slash[slash == real] = '\0';
		p->dir = real;
	} else {
		free(real);
		p->dir = xstrdup(".");
	}
	p->ini = ini;
	prof_fill(p, ini);
	p->orig = profile_copy(p);
	return (p);
}

/* A copy of the values (not the file, the report or the history). */
struct profile *
profile_copy(const struct profile *from)
{
	struct profile		*p = xcalloc(1, sizeof *p);
	const struct prof_key	*k;

	/* Every key's field is copied: no defaults to set first. */
	p->name = xstrdup(from->name);
	for (k = prof_keys; k->key != NULL; k++)
		prof_value_copy(k, p, from);
	if (from->dir != NULL)
		p->dir = xstrdup(from->dir);
	p->port_given = from->port_given;
	return (p);
}

/* The profile as an INI file (UTF-8): every key that has a value. */
char *
profile_dump(const struct profile *p)
{
	const struct prof_key	*k;
	const char		*section = NULL, *q;
	struct buf		 out = { 0 };
	char			*v;
	u_int			 i;

	buf_reserve(&out, 4096);
	for (k = prof_keys; k->key != NULL; k++) {
		if ((v = prof_value_get(k, p)) == NULL)
			continue;
		if (section == NULL || strcmp(section, k->section) != 0)
			buf_printf(&out, "%s[%s]\n", out.len != 0 ? "\n" : "",
			    k->section);
		section = k->section;
		q = ini_quote(v);
		buf_printf(&out, "%s=%s%s%s\n", k->key, q, v, q);
		free(v);
	}
	for (i = 0; i < p->nhosts; i++) {
		buf_printf(&out, "%sHost%u=%s\n", i == 0 ? "\n[Hosts]\n" : "",
		    i + 1, p->hosts[i]);
	}
	return (buf_take(&out));
}

/*
 * Write the keys that changed since the file was read into it; every
 * other byte stays as it was. A profile without a file gets a new tterm
 * profile at path.
 */
int
profile_save(struct profile *p, const char *path, char **cause)
{
	const struct prof_key	*k;
	char			*now, *was;
	int			 own;

	if (p->ini == NULL) {
		p->ini = ini_parse("", 0, NULL);
		profile_free(p->orig);
		p->orig = profile_new(p->name);
	}
	/*
	 * A Tera Term file gets Tera Term's keys only: the destination a
	 * command line gave ([tterm] Host...) is not a setting of it. A
	 * tterm profile (new, or with a [tterm] section) keeps its own.
	 */
	own = ini_has_section(p->ini, "tterm") ||
	    !ini_has_section(p->ini, "Tera Term");
	for (k = prof_keys; k->key != NULL; k++) {
		if (!own && strcasecmp(k->section, "tterm") == 0)
			continue;
		now = prof_value_get(k, p);
		was = prof_value_get(k, p->orig);
		if (now != NULL && (was == NULL || strcmp(now, was) != 0)) {
			ini_set(p->ini, k->section, k->key, now);
		}
		free(now);
		free(was);
	}
	if (path == NULL)
		path = p->file;
	if (path == NULL) {
		xasprintf(cause, "%s", _("the profile has no file to be saved"
		    " in"));
		return (-1);
	}
	if (ini_save(p->ini, path, cause) != 0)
		return (-1);
	if (p->file == NULL)
		p->file = xstrdup(path);
	profile_free(p->orig);
	p->orig = profile_copy(p);
	return (0);
}
