/*
 * fuzz-ssh-config.c: a libFuzzer target for tterm's reading of the SSH
 * configuration (ssh-config.c, route.c): Host and Match blocks, Include,
 * what libssh is given, ProxyJump and ProxyCommand, the jump host lists of
 * -J and ProxyJump, and DynamicForward (every value, as D entries of
 * DefaultForwarding, each parsed as forward.c does).
 *
 * The first line of the input is the host looked up, the second a -J
 * list, the rest ~/.ssh/config; a line "--- NAME" starts another file,
 * NAME under ~/.ssh (or absolute), which an Include may name. Everything
 * stays in memory: Include globs the fuzzer's files and reads their text
 * through struct sshcfg_io, and Match exec runs nothing (a command
 * "matches" when it says "yes").
 */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

#define FUZZ_HOME	"/h"
#define FUZZ_FILES	16

struct fuzz_files {
	char	*names[FUZZ_FILES];
	char	*texts[FUZZ_FILES];
	u_int	 n;
};

static char **
fuzz_glob(void *arg, const char *pattern, u_int *n)
{
	struct fuzz_files	 *f = arg;
	char			**paths = xcalloc(FUZZ_FILES, sizeof *paths);
	u_int			  i;

	*n = 0;
	for (i = 0; i < f->n; i++) {
		if (fnmatch(pattern, f->names[i], FNM_PATHNAME) == 0)
			paths[(*n)++] = xstrdup(f->names[i]);
	}
	return (paths);
}

static char *
fuzz_read(void *arg, const char *path, size_t *len)
{
	struct fuzz_files	*f = arg;
	u_int			 i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(f->names[i], path) == 0) {
			*len = strlen(f->texts[i]);
			return (xstrdup(f->texts[i]));
		}
	}
	return (NULL);
}

static int
fuzz_exec(void *arg, const char *cmd, double *left, char **cause)
{
	FUZZ_CHECK(strchr(cmd, '\n') == NULL);
	if (strstr(cmd, "fail") != NULL) {
		*cause = xstrdup("failed");
		return (-1);
	}
	return (strstr(cmd, "yes") != NULL);
}

/* Each hop of "[user@]host[:port],..." as route.c takes it. */
static void
fuzz_jumps(const char *spec)
{
	struct sshdest	 d;
	char		*copy = xstrdup(spec), *item, *save = NULL;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		memset(&d, 0, sizeof d);
		if (route_parse_hop(item, &d) == 0) {
			FUZZ_CHECK(d.host != NULL && *d.host != '\0');
			FUZZ_CHECK(strpbrk(d.host, "/ \t@,") == NULL);
			FUZZ_CHECK(d.port <= 65535);
			FUZZ_CHECK(d.user == NULL || *d.user != '\0');
		}
		free(d.user);
		free(d.host);
	}
	free(copy);
}

/* "D...;D..." as forward.c splits it: each a D entry of one item. */
static void
fuzz_dynamic(const char *spec)
{
	struct fwd	*w;
	const char	*why;
	char		*copy = xstrdup(spec), *item, *save = NULL;

	FUZZ_CHECK(strpbrk(spec, "\n,") == NULL);
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		FUZZ_CHECK(item[0] == 'D' && item[1] != '\0');
		if ((w = forward_spec_item('D', item + 1, &why)) == NULL)
			continue;
		FUZZ_CHECK(w->kind == 'D' && w->lport >= 1 &&
		    w->lport <= 65535 && w->host == NULL);
		free(w->listen);
		free(w->text);
		free(w);
	}
	free(copy);
}

/* The files of the input: ~/.ssh/config, then each "--- NAME". */
static void
fuzz_split(struct fuzz_files *f, char *next, char *end)
{
	struct buf	 text;
	char		*line, *name;

	memset(&text, 0, sizeof text);
	name = xstrdup(FUZZ_HOME "/.ssh/config");
	while (file_line(&next, end, &line)) {
		if (strncmp(line, "--- ", 4) == 0 && f->n < FUZZ_FILES - 1) {
			f->names[f->n] = name;
			f->texts[f->n++] = buf_take(&text);
			if (line[4] == '/')
				name = xstrdup(line + 4);
			else
				xasprintf(&name, FUZZ_HOME "/.ssh/%s",
				    line + 4);
			continue;
		}
		buf_printf(&text, "%s\n", line);
	}
	f->names[f->n] = name;
	f->texts[f->n++] = buf_take(&text);
}

/* What was read must hold: options without blocks, one line each. */
static FUZZ_NOCOV void
fuzz_check(const struct sshcfg *cfg)
{
	struct sshcfg_tokens	 t = { "h", "n", "r", "u", 22 };
	const char		*jump, *command;
	char			*text, *s;
	size_t			 len;
	u_int			 i;

	for (i = 0; i < cfg->nopts; i++) {
		s = cfg->opts[i].key;
		FUZZ_CHECK(*s != '\0' && strpbrk(s, " \t\n=") == NULL);
		FUZZ_CHECK(strcmp(s, "host") != 0 && strcmp(s, "match") != 0 &&
		    strcmp(s, "include") != 0);
		FUZZ_CHECK(strchr(cfg->opts[i].value, '\n') == NULL);
	}
	text = sshcfg_text(cfg, &len);
	FUZZ_CHECK(strlen(text) == len);
	free(text);
	sshcfg_proxy(cfg, &jump, &command);
	FUZZ_CHECK(jump == NULL || command == NULL);
	if (jump != NULL)
		fuzz_jumps(jump);
	if (command != NULL && (s = sshcfg_expand(command, &t, NULL)) != NULL)
		free(s);
	free(sshcfg_hostname(cfg, "h"));
	if ((s = sshcfg_dynamic(cfg)) != NULL) {
		FUZZ_CHECK(*s == 'D' && s[strlen(s) - 1] != ';');
		fuzz_dynamic(s);
		free(s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_files	 files;
	struct sshcfg_io	 io = { fuzz_glob, fuzz_read, fuzz_exec, NULL };
	struct sshcfg_query	 q;
	struct sshcfg		*cfg;
	char			*text, *next, *end, *host, *spec;
	double			 budget = 5;
	u_int			 i;

	text = fuzz_string(data, size);
	next = text;
	end = text + size;
	if (!file_line(&next, end, &host) || !file_line(&next, end, &spec)) {
		free(text);
		return (0);
	}
	fuzz_jumps(spec);
	memset(&files, 0, sizeof files);
	fuzz_split(&files, next, end);
	io.arg = &files;
	memset(&q, 0, sizeof q);
	q.host = host;
	q.user = *spec != '\0' ? spec : NULL;
	q.home = FUZZ_HOME;
	q.local_user = "fuzz";
	q.exec_budget = &budget;
	q.io = &io;
	cfg = sshcfg_read(&q);
	fuzz_check(cfg);
	sshcfg_free(cfg);
	for (i = 0; i < files.n; i++) {
		free(files.names[i]);
		free(files.texts[i]);
	}
	free(text);
	return (0);
}
