/*
 * test-ssh-config.c: reading an ssh_config as ssh does (ssh-config.c):
 * Host and Match blocks, negation, Include with globs, relative paths,
 * blocks and a depth limit, the first value winning across files, which
 * of ProxyJump and ProxyCommand counts, and what libssh is given. The
 * files are in memory (struct sshcfg_io); a last test uses the real ones
 * and runs real Match exec commands, one past its time.
 */
#include "config.h"

#include <sys/stat.h>

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "unit.h"

#define HOME	"/home/taro"
#define UCFG	HOME "/.ssh/config"

/* Files by name, and the commands Match exec was asked to run. */
struct mem {
	const char	*names[16];
	const char	*texts[16];
	u_int		 n;
	char		 ran[1024];
};

static void
mem_add(struct mem *m, const char *name, const char *text)
{
	m->names[m->n] = name;
	m->texts[m->n++] = text;
}

static char **
mem_glob(void *arg, const char *pattern, u_int *n)
{
	struct mem	 *m = arg;
	char		**paths = xcalloc(16, sizeof *paths);
	u_int		  i;

	*n = 0;
	for (i = 0; i < m->n; i++) {
		if (fnmatch(pattern, m->names[i], FNM_PATHNAME) == 0)
			paths[(*n)++] = xstrdup(m->names[i]);
	}
	return (paths);
}

static char *
mem_read(void *arg, const char *path, size_t *len)
{
	struct mem	*m = arg;
	u_int		 i;

	for (i = 0; i < m->n; i++) {
		if (strcmp(m->names[i], path) == 0) {
			*len = strlen(m->texts[i]);
			return (xstrdup(m->texts[i]));
		}
	}
	return (NULL);
}

/* Matches when the command says "yes"; every command is noted. */
static int
mem_exec(void *arg, const char *cmd, double *left, char **cause)
{
	struct mem	*m = arg;

	size_t		 len = strlen(m->ran);

	(void)left;
	(void)cause;
	snprintf(m->ran + len, sizeof m->ran - len, "%s;", cmd);
	return (strstr(cmd, "yes") != NULL);
}

static struct sshcfg_io mem_io = { mem_glob, mem_read, mem_exec, NULL };

/* What the files of m say for host (user: -l, or NULL). */
static struct sshcfg *
lookup(struct mem *m, const char *host, const char *user)
{
	struct sshcfg_query	q;

	memset(&q, 0, sizeof q);
	q.host = host;
	q.user = user;
	q.home = HOME;
	q.local_user = "taro";
	mem_io.arg = m;
	q.io = &mem_io;
	return (sshcfg_read(&q));
}

/* The first value of key for host, "-" if none. */
static char *
value(struct mem *m, const char *host, const char *user, const char *key)
{
	struct sshcfg	*cfg = lookup(m, host, user);
	const char	*v = sshcfg_get(cfg, key);
	char		*s = xstrdup(v != NULL ? v : "-");

	sshcfg_free(cfg);
	return (s);
}

#define CHECK_VALUE(m, host, user, key, want) do {			\
	char *unit_v = value(m, host, user, key);			\
	CHECK_STR(unit_v, want);					\
	free(unit_v);							\
} while (0)

static void
test_host_blocks(void)
{
	struct mem	m;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "# comment\n"
	    "Host web?? !web99 *.example.com\n"
	    "  User   web\n"
	    "Host db1\n"
	    "\tUser=db\n"
	    "\tPort = 2222\n"
	    "Host *\n"
	    "  User any\n"
	    "  Port 22\n");
	CHECK_VALUE(&m, "web01", NULL, "user", "web");
	CHECK_VALUE(&m, "WEB01", NULL, "user", "web");
	CHECK_VALUE(&m, "web99", NULL, "user", "any");
	CHECK_VALUE(&m, "a.example.com", NULL, "user", "web");
	CHECK_VALUE(&m, "db1", NULL, "user", "db");
	CHECK_VALUE(&m, "db1", NULL, "port", "2222");
	CHECK_VALUE(&m, "other", NULL, "port", "22");
	/* The system's file comes after the user's. */
	mem_add(&m, SSHCFG_SYSTEM, "Host *\n  ForwardAgent yes\n  User sys\n");
	CHECK_VALUE(&m, "other", NULL, "forwardagent", "yes");
	CHECK_VALUE(&m, "other", NULL, "user", "any");
}

static void
test_match(void)
{
	struct mem	m;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "Host short\n"
	    "  HostName short.corp.example\n"
	    "Match host *.corp.example !originalhost short\n"
	    "  Port 1001\n"
	    "Match host *.corp.example originalhost short\n"
	    "  Port 1002\n"
	    "Match originalhost a*,!ab user admin\n"
	    "  Port 1003\n"
	    "Match originalhost z* user !admin\n"
	    "  Port 1000\n"
	    "Match !localuser root !user admin host b*\n"
	    "  Port 1004\n"
	    "Match canonical host c*\n"
	    "  Port 1005\n"
	    "Match !final host c*\n"
	    "  Port 1006\n"
	    "Match all\n"
	    "  Port 1007\n");
	CHECK_VALUE(&m, "short", NULL, "port", "1002");
	CHECK_VALUE(&m, "x.corp.example", NULL, "port", "1001");
	CHECK_VALUE(&m, "a1", "admin", "port", "1003");
	CHECK_VALUE(&m, "ab", "admin", "port", "1007");
	CHECK_VALUE(&m, "a1", NULL, "port", "1007");
	CHECK_VALUE(&m, "b1", NULL, "port", "1004");
	CHECK_VALUE(&m, "b1", "admin", "port", "1007");
	/* As ssh: a list of negated patterns alone matches nothing. */
	CHECK_VALUE(&m, "z1", NULL, "port", "1007");
	/* No canonicalisation and no Match final: canonical never holds. */
	CHECK_VALUE(&m, "c1", NULL, "port", "1006");
}

static void
test_match_final(void)
{
	struct mem	m;

	memset(&m, 0, sizeof m);
	/* With a Match final, a second pass: canonical and final hold, and
	 * Host lines match the host name found. */
	mem_add(&m, UCFG,
	    "Host alias\n"
	    "  HostName real.example\n"
	    "Host real.example\n"
	    "  User fromreal\n"
	    "Match final\n"
	    "  Port 2001\n"
	    "Match canonical\n"
	    "  Compression yes\n");
	CHECK_VALUE(&m, "alias", NULL, "user", "fromreal");
	CHECK_VALUE(&m, "alias", NULL, "port", "2001");
	CHECK_VALUE(&m, "alias", NULL, "compression", "yes");
	CHECK_VALUE(&m, "alias", NULL, "hostname", "real.example");
}

static void
test_match_exec(void)
{
	struct mem	 m;
	struct sshcfg	*cfg;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "Host gw\n"
	    "  HostName gw.example\n"
	    "  Port 2200\n"
	    "Match exec \"test no %h %n %p %r %u %%\"\n"
	    "  User first\n"
	    "Match host nomatch exec \"never run\"\n"
	    "  User second\n"
	    "Match !exec 'yes, matches'\n"
	    "  User third\n"
	    "Match exec yes-%h\n"
	    "  User fourth\n"
	    "Match exec \"bad %z\"\n"
	    "  User fifth\n");
	cfg = lookup(&m, "gw", "root");
	CHECK_STR(m.ran, "test no gw.example gw 2200 root taro %;"
	    "yes, matches;yes-gw.example;");
	/* -l root is %r (and beats User, when the session is made). */
	CHECK_STR(sshcfg_get(cfg, "user"), "fourth");
	CHECK(cfg->notes.data != NULL &&
	    strstr(cfg->notes.data, "unknown token %z") != NULL);
	sshcfg_free(cfg);
	memset(m.ran, 0, sizeof m.ran);
	CHECK_VALUE(&m, "gw", NULL, "user", "fourth");
}

static void
test_include(void)
{
	struct mem	 m;
	struct sshcfg	*cfg;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "Include conf.d/*.conf ~/extra.conf\n"
	    "Host db1\n"
	    "  Include /etc/db.conf\n"
	    "Host *\n"
	    "  User fallback\n");
	mem_add(&m, HOME "/.ssh/conf.d/10-web.conf",
	    "Host web\n  User fromweb\n  Port 8022\n");
	mem_add(&m, HOME "/.ssh/conf.d/20-more.conf",
	    "Host web\n  Port 9022\n  ProxyJump bastion\n");
	mem_add(&m, HOME "/.ssh/conf.d/x.txt", "Host *\n  User nope\n");
	mem_add(&m, HOME "/extra.conf", "Match host other\n  User fromextra\n");
	mem_add(&m, "/etc/db.conf", "User fromdb\nHost nothing\nPort 1\n");
	/* The first value wins across files, in glob order. */
	CHECK_VALUE(&m, "web", NULL, "user", "fromweb");
	CHECK_VALUE(&m, "web", NULL, "port", "8022");
	CHECK_VALUE(&m, "web", NULL, "proxyjump", "bastion");
	CHECK_VALUE(&m, "other", NULL, "user", "fromextra");
	/* Inside a Host block: only for that host; a Host line inside the
	 * file ends its own block, not the including one. */
	CHECK_VALUE(&m, "db1", NULL, "user", "fromdb");
	CHECK_VALUE(&m, "db1", NULL, "port", "-");
	CHECK_VALUE(&m, "db2", NULL, "user", "fallback");
	cfg = lookup(&m, "web", NULL);
	CHECK(cfg->notes.len == 0);
	sshcfg_free(cfg);

	/* From the system's file, relative to /etc/ssh. */
	memset(&m, 0, sizeof m);
	mem_add(&m, SSHCFG_SYSTEM, "Include ssh_config.d/*.conf\n");
	mem_add(&m, "/etc/ssh/ssh_config.d/a.conf", "User sysinc\n");
	CHECK_VALUE(&m, "any", NULL, "user", "sysinc");
}

/* DynamicForward adds up: every line of the blocks that apply, in order,
 * across included files and the system's, each forward once. */
static void
test_dynamic(void)
{
	struct mem	 m;
	struct sshcfg	*cfg;
	char		*s;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "Host alias\n"
	    "  HostName real.example\n"
	    "  DynamicForward 1080\n"
	    "  Include dyn.conf\n"
	    "Match final host real.example\n"
	    "  DynamicForward \"127.0.0.1:2000\" # from the final pass\n"
	    "Host other\n"
	    "  DynamicForward 3000\n");
	mem_add(&m, HOME "/.ssh/dyn.conf",
	    "DynamicForward [::1]:1081\n"
	    "DynamicForward 1;L2:x:3\n");
	mem_add(&m, SSHCFG_SYSTEM, "Host *\n  DynamicForward 1080\n"
	    "  DynamicForward 4000\n");
	cfg = lookup(&m, "alias", NULL);
	s = sshcfg_dynamic(cfg);
	CHECK_STR(s, "D1080;D[::1]:1081;D4000;D127.0.0.1:2000");
	free(s);
	sshcfg_free(cfg);
	cfg = lookup(&m, "nothing", NULL);
	s = sshcfg_dynamic(cfg);
	CHECK_STR(s, "D1080;D4000");
	free(s);
	sshcfg_free(cfg);
	CHECK(sshcfg_dynamic(NULL) == NULL);
}

static void
test_include_depth(void)
{
	struct mem	 m;
	struct sshcfg	*cfg;
	char		*text;
	size_t		 len;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG, "Include loop.conf\n");
	mem_add(&m, HOME "/.ssh/loop.conf", "IdentityFile ~/.ssh/id\n"
	    "Include loop.conf\n");
	cfg = lookup(&m, "any", NULL);
	text = sshcfg_text(cfg, &len);
	CHECK_STR(text, "identityfile ~/.ssh/id\n");	/* the same line once */
	free(text);
	CHECK(cfg->notes.data != NULL &&
	    strstr(cfg->notes.data, "nested more than 16 deep") != NULL);
	sshcfg_free(cfg);
	/* Sixteen levels are read. */
	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG, "Include 1\n");
	mem_add(&m, HOME "/.ssh/1", "Include 2\n");
	mem_add(&m, HOME "/.ssh/2", "Include 3\n");
	mem_add(&m, HOME "/.ssh/3", "Include 4\n");
	mem_add(&m, HOME "/.ssh/4", "Include 5\n");
	mem_add(&m, HOME "/.ssh/5", "Include 6\n");
	mem_add(&m, HOME "/.ssh/6", "Include 7\n");
	mem_add(&m, HOME "/.ssh/7", "Include 8\n");
	mem_add(&m, HOME "/.ssh/8", "Include 9\n");
	mem_add(&m, HOME "/.ssh/9", "Include 10\n");
	mem_add(&m, HOME "/.ssh/10", "Include 11\n");
	mem_add(&m, HOME "/.ssh/11", "Include 12\n");
	mem_add(&m, HOME "/.ssh/12", "Include 13\n");
	mem_add(&m, HOME "/.ssh/13", "Include 14\n");
	mem_add(&m, HOME "/.ssh/14", "Include 15\n");
	mem_add(&m, HOME "/.ssh/15", "Include 16\nUser deep\n");
	CHECK_VALUE(&m, "any", NULL, "user", "deep");
}

static void
test_proxy_and_text(void)
{
	struct mem	 m;
	struct sshcfg	*cfg;
	const char	*jump, *command;
	char		*text;
	size_t		 len;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "Host a\n  ProxyCommand socat - TCP:%h:%p\n"
	    "Host a b\n  ProxyJump j1\n"
	    "Host c\n  ProxyJump none\n"
	    "Host *\n  ProxyCommand nc %h %p\n  User u\n  HostName %h.lan\n");
	cfg = lookup(&m, "a", NULL);
	sshcfg_proxy(cfg, &jump, &command);
	CHECK(jump == NULL && command != NULL &&
	    strcmp(command, "socat - TCP:%h:%p") == 0);
	text = sshcfg_text(cfg, &len);
	CHECK_STR(text, "user u\nhostname %h.lan\n");
	CHECK(len == strlen(text));
	free(text);
	sshcfg_free(cfg);
	cfg = lookup(&m, "b", NULL);
	sshcfg_proxy(cfg, &jump, &command);
	CHECK(command == NULL && jump != NULL && strcmp(jump, "j1") == 0);
	text = sshcfg_hostname(cfg, "b");
	CHECK_STR(text, "b.lan");
	free(text);
	sshcfg_free(cfg);
	cfg = lookup(&m, "c", NULL);
	sshcfg_proxy(cfg, &jump, &command);
	CHECK(command == NULL && jump != NULL && strcmp(jump, "none") == 0);
	sshcfg_free(cfg);
}

static void
test_bad_lines(void)
{
	struct mem	 m;
	struct sshcfg	*cfg;

	memset(&m, 0, sizeof m);
	mem_add(&m, UCFG,
	    "Match localnetwork 10.0.0.0/8\n  User a\n"
	    "Match all host x\n  User b\n"
	    "Match\n  User c\n"
	    "Match host\n  User d\n"
	    "Match exec \"unclosed\n  User e\n"
	    "Host *\n  User f\n");
	cfg = lookup(&m, "x", NULL);
	CHECK_STR(sshcfg_get(cfg, "user"), "f");
	if (cfg->notes.data == NULL) {
		CHECK(0);
		sshcfg_free(cfg);
		return;
	}
	CHECK(strstr(cfg->notes.data, "line 1: Match localnetwork is not"
	    " supported") != NULL);
	CHECK(strstr(cfg->notes.data, "line 3: Match all goes alone") != NULL);
	CHECK(strstr(cfg->notes.data, "line 5: Match needs criteria") != NULL);
	CHECK(strstr(cfg->notes.data, "line 7: Match host needs") != NULL);
	CHECK(strstr(cfg->notes.data, "line 9: a quote") != NULL);
	sshcfg_free(cfg);
}

static void
test_patterns(void)
{
	CHECK(sshcfg_pattern("db1.example", "db?.*", 1));
	CHECK(sshcfg_pattern("", "*", 0));
	CHECK(!sshcfg_pattern("db1", "db", 0));
	CHECK(!sshcfg_pattern("Root", "root", 0));
	CHECK(sshcfg_pattern("a[1]", "a[1]", 0));	/* no brackets */
	CHECK(sshcfg_pattern_list("web1", "db*,web*", 1) == 1);
	CHECK(sshcfg_pattern_list("web1", "*,!web1", 1) == -1);
	CHECK(sshcfg_pattern_list("web1", "db*", 1) == 0);
}

/* A file (or with no text a folder) under dir. */
static void
put(const char *dir, const char *name, const char *text)
{
	char	*path;
	FILE	*f;

	xasprintf(&path, "%s%s", dir, name);
	if (text == NULL)
		CHECK(mkdir(path, 0700) == 0);
	else if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	} else
		CHECK(0);
	free(path);
}

/* The real files (globs, ~/.ssh) and real commands, one out of time. */
static void
test_real_io(void)
{
	char			 dir[] = "/tmp/tterm-sshcfg.XXXXXX", *path;
	char			*cause = NULL;
	struct sshcfg_query	 q;
	struct sshcfg		*cfg;
	double			 left = 0.3, t0;

	CHECK(sshcfg_io_real.exec(NULL, "exit 0", &left, &cause) == 1);
	CHECK(sshcfg_io_real.exec(NULL, "exit 3", &left, &cause) == 0);
	t0 = clock_now();
	left = 0.3;
	CHECK(sshcfg_io_real.exec(NULL, "sleep 10; exit 0", &left, &cause) ==
	    -1);
	CHECK(clock_now() - t0 < 3 && left == 0);
	CHECK(cause != NULL && strstr(cause, "still running") != NULL);
	free(cause);

	if (mkdtemp(dir) == NULL)
		return;
	put(dir, "/.ssh", NULL);
	put(dir, "/.ssh/inc", NULL);
	put(dir, "/.ssh/cfg", "Include inc/*\n");
	put(dir, "/.ssh/inc/b", "Match exec \"test -d %d\" host r*\n"
	    "User two\n");
	put(dir, "/.ssh/inc/a", "Match exec \"exit 0\" host r*\nUser one\n");
	xasprintf(&path, "%s/.ssh/cfg", dir);
	memset(&q, 0, sizeof q);
	q.host = "real";
	q.home = dir;
	q.file = path;
	q.local_user = "taro";
	cfg = sshcfg_read(&q);
	CHECK(sshcfg_get(cfg, "user") != NULL &&
	    strcmp(sshcfg_get(cfg, "user"), "one") == 0);
	CHECK(cfg->notes.data != NULL &&
	    strstr(cfg->notes.data, "unknown token %d") != NULL);
	sshcfg_free(cfg);
	free(path);
	xasprintf(&path, "rm -rf %s", dir);
	CHECK(system(path) == 0);
	free(path);
}

/* A lookup that runs nothing: the first command not known is asked for,
 * and the answers given decide as the commands would have. */
static void
test_known_execs(void)
{
	char			 dir[] = "/tmp/tterm-sshcfg.XXXXXX", *path;
	struct sshcfg_execs	*e = sshcfg_execs_new();
	struct sshcfg_query	 q;
	struct sshcfg		*cfg;

	if (mkdtemp(dir) == NULL)
		return;
	put(dir, "/cfg", "Match exec \"first %h\"\nUser one\n"
	    "Match exec second\nUser two\nMatch exec third\nPort 2022\n"
	    "Host *\nUser three\n");
	xasprintf(&path, "%s/cfg", dir);
	memset(&q, 0, sizeof q);
	q.host = "box";
	q.home = dir;
	q.file = path;
	q.io = sshcfg_execs_io(e);
	cfg = sshcfg_read(&q);
	CHECK(sshcfg_execs_pending(e) != NULL &&
	    strcmp(sshcfg_execs_pending(e), "first box") == 0);
	sshcfg_free(cfg);
	sshcfg_execs_set(e, "first box", 0, NULL, 1.5);
	sshcfg_execs_reset(e);
	cfg = sshcfg_read(&q);
	CHECK(sshcfg_execs_pending(e) != NULL &&
	    strcmp(sshcfg_execs_pending(e), "second") == 0);
	sshcfg_free(cfg);
	sshcfg_execs_set(e, "second", 1, NULL, 1);
	sshcfg_execs_set(e, "third", -1, "still running", 9);
	sshcfg_execs_reset(e);
	cfg = sshcfg_read(&q);
	CHECK(sshcfg_execs_pending(e) == NULL);
	CHECK(sshcfg_get(cfg, "user") != NULL &&
	    strcmp(sshcfg_get(cfg, "user"), "two") == 0);
	CHECK(sshcfg_get(cfg, "port") == NULL);
	CHECK(cfg->notes.data != NULL &&
	    strstr(cfg->notes.data, "still running") != NULL);
	CHECK(sshcfg_execs_left(e) == 0);
	sshcfg_free(cfg);
	sshcfg_execs_free(e);
	free(path);
	xasprintf(&path, "rm -rf %s", dir);
	CHECK(system(path) == 0);
	free(path);
}

int
main(void)
{
	RUN(test_patterns);
	RUN(test_host_blocks);
	RUN(test_match);
	RUN(test_match_final);
	RUN(test_match_exec);
	RUN(test_include);
	RUN(test_include_depth);
	RUN(test_dynamic);
	RUN(test_proxy_and_text);
	RUN(test_bad_lines);
	RUN(test_real_io);
	RUN(test_known_execs);
	UNIT_EXIT();
}
