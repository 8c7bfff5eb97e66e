/*
 * ssh-config.c: what an ssh_config says for one host, read as OpenSSH's
 * ssh reads it: Host and Match blocks, Include (globs, nested up to 16
 * deep, inside blocks too), and the first value of each option wins.
 *
 * The options in force are kept in order. tterm takes ProxyJump and
 * ProxyCommand from them; libssh gets the rest as plain lines without a
 * block (sshcfg_text()), so that both agree on which blocks apply, and
 * libssh 0.10 neither runs Match exec itself (it would wait for the
 * command without a limit, its errors on the screen) nor misreads the
 * Match criteria it does not know (originalhost, canonical, final).
 *
 * Files and commands are reached through struct sshcfg_io: the real ones
 * here (ssh-config-io.c), in memory for the fuzzer and the unit tests.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

#define SSHCFG_DEPTH	16	/* nested Includes, as ssh */
#define SSHCFG_FILES	256	/* files read for one host, at most */
#define SSHCFG_OPTS	2048	/* options taken for one host, at most */

/* The reading of the files for one host. */
struct sshcfg_state {
	const struct sshcfg_query *q;
	const struct sshcfg_io *io;
	struct sshcfg	*cfg;
	const char	*host;		/* what Host lines are matched with */
	int		 final;		/* the second pass, for Match final */
	int		 want_final;
	int		 system;	/* in /etc/ssh/ssh_config */
	u_int		 files;
	int		 full;		/* SSHCFG_OPTS taken */
	double		 budget;	/* for Match exec, without exec_budget */
};

static void	sshcfg_file(struct sshcfg_state *, const char *, int *, u_int);

/* A note for the tab: something in the files that was not taken. */
static void
sshcfg_note(struct sshcfg_state *st, const char *file, u_int line,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	buf_printf(&st->cfg->notes, _("%s line %u: %s\n"), file, line, s);
	free(s);
}

/* Whether s matches pat: '*' any run, '?' one character (ssh's). */
int
sshcfg_pattern(const char *s, const char *pat, int fold)
{
	for (;; s++, pat++) {
		if (*pat == '\0')
			return (*s == '\0');
		if (*pat == '*') {
			while (pat[1] == '*')
				pat++;
			if (pat[1] == '\0')
				return (1);
			for (; *s != '\0'; s++) {
				if (sshcfg_pattern(s, pat + 1, fold))
					return (1);
			}
			return (0);
		}
		if (*s == '\0')
			return (0);
		if (*pat != '?' && *pat != *s && (!fold ||
		    tolower((u_char)*pat) != tolower((u_char)*s)))
			return (0);
	}
}

/*
 * A list "a,b*,!c" as Match takes it: -1 if a negated pattern matches,
 * else 1 if another one does, else 0.
 */
int
sshcfg_pattern_list(const char *s, const char *list, int fold)
{
	char	*copy = xstrdup(list), *pat, *save = NULL;
	int	 found = 0;

	for (pat = strtok_r(copy, ",", &save); pat != NULL;
	    pat = strtok_r(NULL, ",", &save)) {
		if (*pat == '!' && sshcfg_pattern(s, pat + 1, fold)) {
			found = -1;
			break;
		}
		if (*pat != '!' && sshcfg_pattern(s, pat, fold))
			found = 1;
	}
	free(copy);
	return (found);
}

/*
 * The next word of *sp, in place: quotes ("..." or '...') keep spaces,
 * a backslash keeps the next character. NULL at the end; *bad is set for
 * a quote that is not closed.
 */
static char *
sshcfg_word(char **sp, int *bad)
{
	char	*s = *sp, *out, *word, quote = '\0';

	s += strspn(s, " \t");
	if (*s == '\0')
		return (NULL);
	word = out = s;
	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0')
			*out++ = *++s;
		else if (quote != '\0' && *s == quote)
			quote = '\0';
		else if (quote == '\0' && (*s == '"' || *s == '\''))
			quote = *s;
		else if (quote == '\0' && (*s == ' ' || *s == '\t'))
			break;
		else
			*out++ = *s;
	}
	if (quote != '\0')
		*bad = 1;
	if (*s != '\0')
		s++;
	*out = '\0';
	*sp = s;
	return (word);
}

/* The first value of key (lower case) in force, or NULL. */
const char *
sshcfg_get(const struct sshcfg *cfg, const char *key)
{
	u_int	i;

	for (i = 0; cfg != NULL && i < cfg->nopts; i++) {
		if (strcmp(cfg->opts[i].key, key) == 0)
			return (cfg->opts[i].value);
	}
	return (NULL);
}

/* An option in force (its first value counts; see sshcfg_get()). */
static void
sshcfg_add(struct sshcfg_state *st, const char *key, const char *value)
{
	struct sshcfg		*cfg = st->cfg;
	struct sshcfg_opt	*o;
	char			*k;

	if (cfg->nopts == SSHCFG_OPTS) {
		if (!st->full)
			buf_printf(&cfg->notes, _("more than %d options: the"
			    " rest are not taken\n"), SSHCFG_OPTS);
		st->full = 1;
		return;
	}
	cfg->opts = xreallocarray(cfg->opts, cfg->nopts + 1, sizeof *o);
	o = &cfg->opts[cfg->nopts++];
	o->key = k = xstrdup(key);
	for (; *k != '\0'; k++)
		*k = tolower((u_char)*k);
	o->value = xstrdup(value);
}

/*
 * The host name as ssh has it so far: HostName (its %h the name given),
 * else the name given. Returned allocated.
 */
char *
sshcfg_hostname(const struct sshcfg *cfg, const char *host)
{
	const char		*hn = sshcfg_get(cfg, "hostname");
	struct sshcfg_tokens	 t;
	char			*s;

	if (hn == NULL)
		return (xstrdup(host));
	memset(&t, 0, sizeof t);
	t.h = t.n = host;
	if ((s = sshcfg_expand(hn, &t, NULL)) == NULL)
		s = xstrdup(hn);
	return (s);
}

/* The remote user so far: the command line's, the files', or ours. */
static const char *
sshcfg_ruser(struct sshcfg_state *st)
{
	const char	*u;

	if (st->q->user != NULL)
		return (st->q->user);
	if ((u = sshcfg_get(st->cfg, "user")) != NULL)
		return (u);
	return (st->q->local_user != NULL ? st->q->local_user : "");
}

/*
 * %h %n %p %r %u %% in fmt (ssh's tokens: the host name, the name as
 * given, the port, the remote and the local user; %d, the local home,
 * for files). NULL for an unknown token, with *cause if cause is not NULL.
 */
char *
sshcfg_expand(const char *fmt, const struct sshcfg_tokens *t, char **cause)
{
	struct buf	 b;
	const char	*v;
	char		 port[16];

	memset(&b, 0, sizeof b);
	snprintf(port, sizeof port, "%u", t->p != 0 ? t->p : 22);
	buf_add(&b, "", 0);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			buf_add(&b, fmt, 1);
			continue;
		}
		switch (*++fmt) {
		case '%':
			v = "%";
			break;
		case 'h':
			v = t->h;
			break;
		case 'n':
			v = t->n;
			break;
		case 'p':
			v = port;
			break;
		case 'r':
			v = t->r;
			break;
		case 'u':
			v = t->u;
			break;
		case 'd':
			v = t->d;
			break;
		default:
			v = NULL;
			break;
		}
		if (v == NULL) {
			if (cause != NULL)
				xasprintf(cause, _("unknown token %%%.1s"),
				    fmt);
			buf_free(&b);
			return (NULL);
		}
		buf_add(&b, v, strlen(v));
		if (*fmt == '\0')
			break;
	}
	return (buf_take(&b));
}

/* The port so far: the command line's, the files', or 22. */
static u_int
sshcfg_port(struct sshcfg_state *st)
{
	const char	*p = sshcfg_get(st->cfg, "port");
	u_long		 n;

	if (st->q->port != 0)
		return (st->q->port);
	if (p == NULL || (n = strtoul(p, NULL, 10)) == 0 || n > 65535)
		return (22);
	return (n);
}

/* Match exec: the command's exit status (0 is a match), in the time left. */
static int
sshcfg_exec(struct sshcfg_state *st, const char *arg, const char *file,
    u_int line)
{
	const struct sshcfg_query *q = st->q;
	struct sshcfg_tokens	 t;
	double			*left = q->exec_budget != NULL ?
				    q->exec_budget : &st->budget;
	char			*host, *cmd, *cause = NULL;
	int			 r;

	host = sshcfg_hostname(st->cfg, q->host);
	memset(&t, 0, sizeof t);
	t.h = host;
	t.n = q->host;
	t.r = sshcfg_ruser(st);
	t.u = q->local_user != NULL ? q->local_user : "";
	t.p = sshcfg_port(st);
	cmd = sshcfg_expand(arg, &t, &cause);
	free(host);
	if (cmd == NULL) {
		sshcfg_note(st, file, line, _("Match exec: %s"), cause);
		free(cause);
		return (0);
	}
	if (*left <= 0) {
		sshcfg_note(st, file, line, _("Match exec \"%s\" not run: the"
		    " %.0f s for Match exec are used up (taken as not"
		    " matching)"), cmd, SSHCFG_EXEC);
		free(cmd);
		return (0);
	}
	r = st->io->exec(st->io->arg, cmd, left, &cause);
	if (r < 0) {
		sshcfg_note(st, file, line, _("Match exec \"%s\": %s (taken as"
		    " not matching)"), cmd, cause);
		free(cause);
		r = 0;
	}
	free(cmd);
	return (r);
}

/*
 * Every file key names (IdentityFile, CertificateFile: each line adds
 * one, as with ssh), in order: unquoted, ~/ and ssh's tokens expanded;
 * one that cannot be is said in why and left out. NULL if none.
 */
char **
sshcfg_files(const struct sshcfg *cfg, const char *key,
    const struct sshcfg_tokens *t, u_int *n, struct buf *why)
{
	char	**v = NULL, *copy, *cp, *word, *fmt, *path, *cause = NULL;
	u_int	  i;
	int	  bad = 0;

	*n = 0;
	for (i = 0; cfg != NULL && i < cfg->nopts; i++) {
		if (strcmp(cfg->opts[i].key, key) != 0)
			continue;
		cp = copy = xstrdup(cfg->opts[i].value);
		if ((word = sshcfg_word(&cp, &bad)) == NULL || bad ||
		    strcasecmp(word, "none") == 0) {
			free(copy);
			continue;
		}
		if (word[0] == '~' && word[1] == '/')
			xasprintf(&fmt, "%%d%s", word + 1);
		else
			fmt = xstrdup(word);
		if ((path = sshcfg_expand(fmt, t, &cause)) == NULL) {
			buf_printf(why, "%s %s: %s\n", cfg->opts[i].key, word,
			    cause);
			free(cause);
		} else {
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = path;
		}
		free(fmt);
		free(copy);
	}
	return (v);
}

/* A Host line: whether its patterns take the host (! refuses it). */
static int
sshcfg_host(struct sshcfg_state *st, char *args)
{
	char	*pat;
	int	 yes = 0, bad = 0;

	while ((pat = sshcfg_word(&args, &bad)) != NULL) {
		if (*pat == '!') {
			if (sshcfg_pattern(st->host, pat + 1, 1))
				return (0);
		} else if (sshcfg_pattern(st->host, pat, 1))
			yes = 1;
	}
	return (yes);
}

/* One criterion of a Match line: 1 if it holds (before any !), 0 if
 * not, -1 if the line is wrong. */
static int
sshcfg_criterion(struct sshcfg_state *st, const char *what, const char *arg,
    int so_far, const char *file, u_int line)
{
	const struct sshcfg_query *q = st->q;
	char			*host;
	int			 r;

	if (strcasecmp(what, "canonical") == 0 ||
	    strcasecmp(what, "final") == 0)
		return (st->final);
	if (arg == NULL) {
		sshcfg_note(st, file, line, _("Match %s needs an argument"),
		    what);
		return (-1);
	}
	if (strcasecmp(what, "exec") == 0) {
		if (!so_far)
			return (0);	/* not run: ssh does not either */
		return (sshcfg_exec(st, arg, file, line));
	}
	if (strcasecmp(what, "host") == 0) {
		host = sshcfg_hostname(st->cfg, q->host);
		r = sshcfg_pattern_list(host, arg, 1) == 1;
		free(host);
		return (r);
	}
	if (strcasecmp(what, "originalhost") == 0)
		return (sshcfg_pattern_list(q->host, arg, 1) == 1);
	if (strcasecmp(what, "user") == 0)
		return (sshcfg_pattern_list(sshcfg_ruser(st), arg, 0) == 1);
	if (strcasecmp(what, "localuser") == 0)
		return (sshcfg_pattern_list(q->local_user != NULL ?
		    q->local_user : "", arg, 0) == 1);
	sshcfg_note(st, file, line, _("Match %s is not supported: the block is"
	    " skipped"), what);
	return (-1);
}

/*
 * A Match line: whether every criterion holds (each may be negated with
 * !). A line tterm cannot read applies to nothing, with a note.
 */
static int
sshcfg_match(struct sshcfg_state *st, char *args, const char *file,
    u_int line)
{
	char	*what, *arg;
	int	 result = 1, negate, r, bad = 0, n = 0, others = 0, all = 0;

	while ((what = sshcfg_word(&args, &bad)) != NULL) {
		n++;
		if ((negate = *what == '!'))
			what++;
		if (strcasecmp(what, "all") == 0) {
			all = 1;
			r = 1;
		} else if (strcasecmp(what, "canonical") == 0 ||
		    strcasecmp(what, "final") == 0) {
			if (strcasecmp(what, "final") == 0 && !negate)
				st->want_final = 1;
			r = sshcfg_criterion(st, what, NULL, result, file,
			    line);
		} else {
			others++;
			arg = sshcfg_word(&args, &bad);
			r = sshcfg_criterion(st, what, arg, result, file, line);
		}
		if (r < 0)
			return (0);
		if (r == negate)
			result = 0;
	}
	if (bad) {
		sshcfg_note(st, file, line, _("a quote is not closed"));
		return (0);
	}
	if (n == 0 || (all && others > 0)) {
		sshcfg_note(st, file, line, n == 0 ? _("Match needs criteria") :
		    _("Match all goes alone (or with canonical or final)"));
		return (0);
	}
	return (result);
}

/*
 * Include: each file (a glob; relative to ~/.ssh, or /etc/ssh from the
 * system's file) read as part of this one, its Host and Match lines
 * changing nothing after it. An Include in a block that does not apply
 * reads nothing.
 */
static void
sshcfg_include(struct sshcfg_state *st, char *args, int active,
    const char *file, u_int line, u_int depth)
{
	const char	*home = st->q->home != NULL ? st->q->home : "";
	char		*word, *path, **paths;
	u_int		 n, i;
	int		 bad = 0, a;

	while ((word = sshcfg_word(&args, &bad)) != NULL) {
		if (!active)
			continue;
		if (depth >= SSHCFG_DEPTH) {
			sshcfg_note(st, file, line, _("Include %s: nested more"
			    " than %d deep, not read"), word, SSHCFG_DEPTH);
			continue;
		}
		if (strncmp(word, "~/", 2) == 0)
			xasprintf(&path, "%s/%s", home, word + 2);
		else if (*word == '/')
			path = xstrdup(word);
		else if (st->system)
			xasprintf(&path, "/etc/ssh/%s", word);
		else
			xasprintf(&path, "%s/.ssh/%s", home, word);
		paths = st->io->glob(st->io->arg, path, &n);
		for (i = 0; i < n; i++) {
			a = 1;
			sshcfg_file(st, paths[i], &a, depth + 1);
			free(paths[i]);
		}
		free(paths);
		free(path);
	}
	if (bad)
		sshcfg_note(st, file, line, _("a quote is not closed"));
}

/* One line: a block starts, a file is included, or an option is set. */
static void
sshcfg_line(struct sshcfg_state *st, const char *file, u_int n, char *p,
    int *active, u_int depth)
{
	char	*key, *end, sep;

	p += strspn(p, " \t\r\f");
	end = p + strlen(p);
	while (end > p && strchr(" \t\r\f", end[-1]) != NULL)
		*--end = '\0';
	if (*p == '\0' || *p == '#')
		return;
	key = p;
	p += strcspn(p, " \t=");
	if (*p != '\0') {
		sep = *p;
		*p++ = '\0';
		p += strspn(p, " \t");
		if (sep != '=' && *p == '=')
			p += 1 + strspn(p + 1, " \t");
	}
	if (*key == '\0')
		sshcfg_note(st, file, n, _("no keyword before '='"));
	else if (strcasecmp(key, "Host") == 0)
		*active = sshcfg_host(st, p);
	else if (strcasecmp(key, "Match") == 0)
		*active = sshcfg_match(st, p, file, n);
	else if (strcasecmp(key, "Include") == 0)
		sshcfg_include(st, p, *active, file, n, depth);
	else if (*active && *p != '\0')
		sshcfg_add(st, key, p);
}

/* A file's lines; depth: how many Includes lead to it. */
static void
sshcfg_file(struct sshcfg_state *st, const char *path, int *active,
    u_int depth)
{
	char	*text, *next, *end, *line;
	size_t	 len;
	u_int	 n = 0;

	if (st->files == SSHCFG_FILES) {
		buf_printf(&st->cfg->notes, _("%s: not read: more than %d"
		    " files\n"), path, SSHCFG_FILES);
		return;
	}
	if (st->files > SSHCFG_FILES)
		return;
	st->files++;
	if ((text = st->io->read(st->io->arg, path, &len)) == NULL)
		return;
	next = text;
	end = text + len;
	while (file_line(&next, end, &line))
		sshcfg_line(st, path, ++n, line, active, depth);
	free(text);
}

/* Every file once: -F's, else the user's and the system's. */
static void
sshcfg_pass(struct sshcfg_state *st)
{
	const struct sshcfg_query *q = st->q;
	char			*path;
	int			 active = 1;

	if (q->file != NULL) {
		sshcfg_file(st, q->file, &active, 0);
		return;
	}
	if (q->home != NULL) {
		xasprintf(&path, "%s/.ssh/config", q->home);
		sshcfg_file(st, path, &active, 0);
		free(path);
	}
	active = 1;
	st->system = 1;
	sshcfg_file(st, SSHCFG_SYSTEM, &active, 0);
	st->system = 0;
}

/*
 * What the files say for q->host. Without canonicalisation, as ssh: one
 * pass, where Match canonical and final do not hold; if a Match final was
 * seen, a second pass, where they do and Host lines match the host name
 * found (HostName) instead of the name given.
 */
struct sshcfg *
sshcfg_read(const struct sshcfg_query *q)
{
	struct sshcfg_state	 st;
	char			*host;

	memset(&st, 0, sizeof st);
	st.q = q;
	st.io = q->io != NULL ? q->io : &sshcfg_io_real;
	st.cfg = xcalloc(1, sizeof *st.cfg);
	st.host = q->host;
	st.budget = SSHCFG_EXEC;
	sshcfg_pass(&st);
	if (st.want_final) {
		st.final = 1;
		host = sshcfg_hostname(st.cfg, q->host);
		st.host = host;
		sshcfg_pass(&st);
		free(host);
	}
	return (st.cfg);
}

/*
 * Which of ProxyJump and ProxyCommand came first (ssh takes that one and
 * ignores the other): sets *jump or *command to its value, or neither.
 * "none" counts: it stops the other one too.
 */
void
sshcfg_proxy(const struct sshcfg *cfg, const char **jump,
    const char **command)
{
	u_int	i;

	*jump = *command = NULL;
	for (i = 0; cfg != NULL && i < cfg->nopts; i++) {
		if (strcmp(cfg->opts[i].key, "proxyjump") == 0) {
			*jump = cfg->opts[i].value;
			return;
		}
		if (strcmp(cfg->opts[i].key, "proxycommand") == 0) {
			*command = cfg->opts[i].value;
			return;
		}
	}
}

/*
 * The options in force as an ssh_config without blocks, for libssh: the
 * same first values, no Match for it to run or misread; a line twice
 * (the final pass reads the files again) once. ProxyJump and ProxyCommand
 * are tterm's.
 */
char *
sshcfg_text(const struct sshcfg *cfg, size_t *len)
{
	struct buf		 b;
	const struct sshcfg_opt	*o, *p;
	u_int			 i, j;

	memset(&b, 0, sizeof b);
	for (i = 0; i < cfg->nopts; i++) {
		o = &cfg->opts[i];
		if (strcmp(o->key, "proxyjump") == 0 ||
		    strcmp(o->key, "proxycommand") == 0)
			continue;
		for (j = 0; j < i; j++) {
			p = &cfg->opts[j];
			if (strcmp(p->key, o->key) == 0 &&
			    strcmp(p->value, o->value) == 0)
				break;
		}
		if (j == i)
			buf_printf(&b, "%s %s\n", o->key, o->value);
	}
	*len = b.len;
	return (buf_take(&b));
}

/* Whether the entries "D1;D2" of b already have entry. */
static int
sshcfg_has_entry(const struct buf *b, const char *entry)
{
	const char	*p = b->data;
	size_t		 len = strlen(entry);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, entry, len) == 0 &&
		    (p[len] == ';' || p[len] == '\0'))
			return (1);
		if ((p = strchr(p, ';')) != NULL)
			p++;
	}
	return (0);
}

/*
 * Every DynamicForward in force, in order (forwards add up, unlike other
 * options), as DefaultForwarding's entries: "D1080;D127.0.0.1:1081", or
 * NULL. A forward seen before (the final pass reads the files again) is
 * taken once, as ssh drops a forward it has; one with ';' or ',', which
 * would cut the entry, is not taken.
 */
char *
sshcfg_dynamic(const struct sshcfg *cfg)
{
	struct buf	 b;
	char		*copy, *next, *word, *entry;
	u_int		 i;
	int		 bad = 0;

	memset(&b, 0, sizeof b);
	for (i = 0; cfg != NULL && i < cfg->nopts; i++) {
		if (strcmp(cfg->opts[i].key, "dynamicforward") != 0)
			continue;
		next = copy = xstrdup(cfg->opts[i].value);
		word = sshcfg_word(&next, &bad);
		if (word != NULL && *word != '\0' &&
		    strpbrk(word, ";,") == NULL) {
			xasprintf(&entry, "D%s", word);
			if (!sshcfg_has_entry(&b, entry))
				buf_printf(&b, "%s%s", b.len != 0 ? ";" : "",
				    entry);
			free(entry);
		}
		free(copy);
	}
	if (b.len == 0) {
		buf_free(&b);
		return (NULL);
	}
	return (buf_take(&b));
}

void
sshcfg_free(struct sshcfg *cfg)
{
	u_int	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nopts; i++) {
		free(cfg->opts[i].key);
		free(cfg->opts[i].value);
	}
	free(cfg->opts);
	buf_free(&cfg->notes);
	free(cfg);
}
