/*
 * test-hosts.c: the host history: newest first, a line used again moves
 * to the top, at most 500 lines, a missing file is an empty history, the
 * file is private and its folders are made; no password is ever written.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "unit.h"

static char	tmpdir[] = "/tmp/tterm-hosts-XXXXXX";

static void
test_push(void)
{
	char	**v = NULL, line[16];
	u_int	  n = 0, i;

	hosts_push(&v, &n, "a");
	hosts_push(&v, &n, "b");
	hosts_push(&v, &n, "c");
	hosts_push(&v, &n, "a");
	CHECK(n == 3);
	CHECK_STR(v[0], "a");
	CHECK_STR(v[1], "c");
	CHECK_STR(v[2], "b");
	for (i = 0; i < 600; i++) {
		snprintf(line, sizeof line, "h%u", i);
		hosts_push(&v, &n, line);
	}
	CHECK(n == 500);
	CHECK_STR(v[0], "h599");
	CHECK_STR(v[499], "h100");
	hosts_free(v, n);
}

static void
test_file(void)
{
	char		**v, *path, *cause = NULL;
	struct stat	  sb;
	u_int		  n;

	v = hosts_load(&n);
	CHECK(v == NULL && n == 0);
	CHECK(hosts_add("user@host:2222 /ssh", &cause) == 0);
	CHECK(hosts_add("/C=1 ;COM1", &cause) == 0);
	CHECK(hosts_add("user@host:2222 /ssh", &cause) == 0);
	CHECK(hosts_add("  ", &cause) == 0);
	CHECK(hosts_add(" a\tb\x1b[1m ", &cause) == 0);
	v = hosts_load(&n);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(v[0], "ab[1m");
		CHECK_STR(v[1], "user@host:2222 /ssh");
		CHECK_STR(v[2], "/C=1 ;COM1");
	}
	hosts_free(v, n);
	path = hosts_path();
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	free(path);
	free(cause);
}

/* Each line as the history keeps it. */
static void
test_redact(void)
{
	static const char *cases[][2] = {
		{ "127.0.0.1:2222 /ssh /auth=password /user=taro /passwd=S3",
		  "127.0.0.1:2222 /ssh /auth=password /user=taro" },
		{ "/passwd=S3 db1 /ssh", " db1 /ssh" },
		{ "db1 /PassWD=\"a b;c\" /ssh", "db1 /ssh" },
		{ "db1 \"/passwd=a \"\"b\" /ssh", "db1 /ssh" },
		{ "db1 /passwd=\"\" /ask4passwd", "db1 /ask4passwd" },
		{ "ssh://taro:S3@db1:2222/ /auth=password",
		  "ssh://taro@db1:2222/ /auth=password" },
		{ "SSH2://us%40er:p@ss@db1", "SSH2://us%40er@db1" },
		{ "telnet://taro:S3@sw1", "telnet://taro@sw1" },
		{ "\"ssh://ta ro:S 3@db1\" /ssh", "\"ssh://ta ro@db1\" /ssh" },
		{ "\"ssh://a\"\"b:S3@db1\"", "\"ssh://a\"\"b@db1\"" },
		{ "taro:S3@db1 /ssh", "taro@db1 /ssh" },
		{ "db1 -proxy=http://px:S3@proxy:8080",
		  "db1 -proxy=http://px@proxy:8080" },
		{ "taro@[::1]:22 /keyfile=\"C:\\k@y\" /C=1 ;COM1",
		  "taro@[::1]:22 /keyfile=\"C:\\k@y\" /C=1 ;COM1" },
		{ "db1\t/ssh ; ", "db1\t/ssh ; " },
		{ "", "" },
	};
	char	*r, *cause = NULL, **v;
	u_int	 i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		r = ttcmd_redact(cases[i][0]);
		CHECK_STR(r, cases[i][1]);
		free(r);
	}
	CHECK(hosts_add("db9 /ssh /user=taro /passwd=S3cret", &cause) == 0);
	v = hosts_load(&n);
	CHECK(n > 0);
	if (n > 0)
		CHECK_STR(v[0], "db9 /ssh /user=taro");
	hosts_free(v, n);
	free(cause);
}

int
main(void)
{
	char	cmd[128];

	if (mkdtemp(tmpdir) == NULL)
		return (1);
	/* A folder that is not there yet: hosts_add makes it. */
	snprintf(cmd, sizeof cmd, "%s/config", tmpdir);
	setenv("XDG_CONFIG_HOME", cmd, 1);
	RUN(test_push);
	RUN(test_file);
	RUN(test_redact);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return (1);
	UNIT_EXIT();
}
