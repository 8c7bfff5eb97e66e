/*
 * test-ttl-passwd.c: Tera Term's password files. The first form against
 * values worked out by hand from its rules, the second against records
 * made apart from this code (Python's hashlib and hmac, and the openssl
 * command's AES-256-CTR), then both through the files and the macro
 * commands, the getpassword dialog included.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ttl-int.h"
#include "unit.h"

static char		tmpdir[] = "/tmp/test-ttl-passwd.XXXXXX";

/*
 * Second form records from the independent maker: salts 00..0f (name),
 * 10..1f (key), random bytes 20..2f.
 */
static const char rec_hoge[] =	/* 'mypassword', 'Sesame!': 'hoge' */
	"AAIAAQIDBAUGBwgJCgsMDQ4PMWEhXMQFw1fILlclz6Y9EM47e+vp9WRu46C69ds5"
	"o7ZhaQ8hJWtvG987OCzVkJRs/vNzloTBw/SZDBDo2rnFjRAREhMUFRYXGBkaGxwd"
	"Hh/4JToOw/CUBxdh9tz8pcgZNCuHzDk7BTsuBI30f0A1aaByqBq3V0sEJKKx7FVy"
	"zs+8ndWD6HFln9GTmb70oNefWETVihdKDLAMvRItz+0EZGjMLbQLXNWB2OMja8N3"
	"S7k4XfGsEZTqn5/wobpaMMCcYJDDiM+oEj3+VN/zQvoViMO8yBsdPZ9CDdeeR2V/"
	"r4hX5JF9g2gBUqpBzKD9uscIDF4z/XRI2qIL0sVXkEzx0B42tmTh0YQ2DMJB34I6"
	"6Gbiad0oc0ACblwnLTOoGLMphRWkTmfS1HwKMPZiZQieOfD0W2t+/PqdRTNLjTdS"
	"hnjHCWijUwHJEa4jWdwXDqzuMhgwESEAGvB45XMqzX2tMkuZg3NGoVl+99J2";
static const char rec_odd[] =	/* 'user@host', 'k': 'pa ss;"=' */
	"AAIAAQIDBAUGBwgJCgsMDQ4PdeFM+93rZE7V/ZopkaKaGGOu2PI/nShymA3QqXk4"
	"O/7E5fudFrr/22mOvH6Fc4FMUsM+l8ZkQntTlaOK3UKTBxAREhMUFRYXGBkaGxwd"
	"Hh84SBHz6JmEpApnJ6/HJVQF1H7dV28ADxwTpAx29nG0RDK0B4mC5jgyK2AXMAi4"
	"te0GuE6syFu5Kd8jtPbz+OFM7kbKwHmkCdRscWad18/XKUFkkmxsNf8nzQfSrjo2"
	"2RV86F3w2EN7nGAJOaJA5zRqQnHbHiPu7QiNMOYUJHSQ/GjimKdwzviOfVhqOPCW"
	"1lyf0WIYgx0OzN7yttkgoopUjEZShlOuRCfDWLRE3Kg8oXJjG7pLZfP7jtWTIEJV"
	"FBNZmcwwqOBT8b4MQMcpXPPG5ZZQzDARG0iAaO9W3NUfxmQuvhjCWuzfjCQ3pMKk"
	"Qt0Mz3wSkdhKA67nOhycTvA1j0pNGooZ70BaP0P9NK6hlL6fb1cwuv3oOVmj";

static char *
path_of(const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", tmpdir, name);
	return (path);
}

static void
put_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "wb");

	if (fp == NULL) {
		CHECK(!"cannot write a test file");
		return;
	}
	fputs(text, fp);
	fclose(fp);
}

static char *
get_file(const char *path)
{
	char	*buf, *cause = NULL;
	size_t	 len;

	if ((buf = file_read(path, 1 << 20, &len, &cause)) == NULL) {
		free(cause);
		return (xstrdup("<unreadable>"));
	}
	return (buf);
}

static int
count_lines(const char *s)
{
	int	n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return (n);
}

/* The first form by hand: "ab" is the bits 011000 010110 001000, "Z"
 * 010110 100000; masks and offsets as the rules say. */
static void
test_hide_vectors(void)
{
	static const u_char	 r_ab[] = { 5, 1, 2, 3 };
	static const u_char	 r_z[] = { 63, 40, 50 };
	char			*s;

	s = ttl_passwd_hide("ab", r_ab);
	CHECK_STR(s, "&IAhb{$j");
	free(s);
	s = ttl_passwd_hide("Z", r_z);
	CHECK_STR(s, "`nhb4p");		/* 0x60 + 50 wraps to '4' */
	free(s);
	s = ttl_passwd_reveal("&IAhb{$j");
	CHECK_STR(s, "ab");
	free(s);
	s = ttl_passwd_reveal("`nhb4p");
	CHECK_STR(s, "Z");
	free(s);
	s = ttl_passwd_reveal("&IAhb{$k");	/* last is no complement */
	CHECK_STR(s, "");
	free(s);
	s = ttl_passwd_hide("", NULL);
	CHECK_STR(s, "");
	free(s);
}

/* Fresh masks each time, printable, the length the rules give. */
static void
test_hide_round_trip(void)
{
	char	 pw[64], *h, *h2, *back;
	size_t	 n, i;

	for (n = 1; n < sizeof pw; n++) {
		for (i = 0; i < n; i++)
			pw[i] = (char)(1 + (i * 37 + n * 11) % 255);
		pw[n] = '\0';
		h = ttl_passwd_hide(pw, NULL);
		CHECK(h != NULL && strlen(h) == 2 * ((8 * n + 5) / 6) + 2);
		for (i = 0; h != NULL && h[i] != '\0'; i++)
			CHECK(h[i] >= 0x21 && h[i] <= 0x7e);
		back = ttl_passwd_reveal(h != NULL ? h : "");
		CHECK_STR(back, pw);
		free(back);
		if (n == 20) {
			h2 = ttl_passwd_hide(pw, NULL);
			CHECK(h2 != NULL && strcmp(h, h2) != 0);
			free(h2);
		}
		free(h);
	}
}

/* A file as Tera Term writes it: read back, names without case. */
static void
test_v1_read(void)
{
	char	*path = path_of("tt.dat"), *pw;

	put_file(path, "[Other]\r\nuser=x\r\n[Password]\r\nuser=&IAhb{$j\r\n"
	    "root=`nhb4p\r\nnone=\r\n");
	CHECK(ttl_passwd_get(path, "user", &pw) == 1);
	CHECK_STR(pw, "ab");
	free(pw);
	CHECK(ttl_passwd_get(path, "ROOT", &pw) == 1);
	CHECK_STR(pw, "Z");
	free(pw);
	CHECK(ttl_passwd_get(path, "none", &pw) == 0 && pw == NULL);
	CHECK(ttl_passwd_get(path, "nobody", &pw) == 0);
	CHECK(ttl_passwd_exists(path, "user") == 1);
	CHECK(ttl_passwd_exists(path, "none") == 0);
	free(path);
	path = path_of("missing.dat");
	CHECK(ttl_passwd_get(path, "user", &pw) == 0);
	free(path);
	CHECK(ttl_passwd_get(tmpdir, "user", &pw) == -1);	/* a folder */
}

/* Setting keeps every other line as it was; a new file is 0600. */
static void
test_v1_write(void)
{
	static const char head[] = "; mine\r\n[Password]\r\nuser=&IAhb{$j\r\n",
	    tail[] = "[Z]\r\nk = v ; kept\r\n";
	struct stat	 sb;
	char		*path = path_of("w.dat"), *text, *cause = NULL, *pw;

	put_file(path, "; mine\r\n[Password]\r\nuser=&IAhb{$j\r\n[Z]\r\n"
	    "k = v ; kept\r\n");
	chmod(path, 0640);
	CHECK(ttl_passwd_set(path, "new", "s3cret", &cause) == 0);
	text = get_file(path);
	CHECK(strncmp(text, head, strlen(head)) == 0);
	CHECK(strncmp(text + strlen(head), "new=", 4) == 0);
	CHECK(strlen(text) > strlen(tail) &&
	    strcmp(text + strlen(text) - strlen(tail), tail) == 0);
	free(text);
	CHECK(ttl_passwd_get(path, "new", &pw) == 1);
	CHECK_STR(pw, "s3cret");
	free(pw);
	CHECK(ttl_passwd_set(path, "USER", "changed", &cause) == 0);
	CHECK(ttl_passwd_get(path, "user", &pw) == 1);
	CHECK_STR(pw, "changed");
	free(pw);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0640);
	CHECK(ttl_passwd_set(path, "a=b", "x", &cause) == -1 && cause != NULL);
	free(cause);
	free(path);
	path = path_of("sub/none.dat");
	cause = NULL;
	CHECK(ttl_passwd_set(path, "u", "x", &cause) == -1 && cause != NULL);
	free(cause);
	free(path);
	path = path_of("fresh.dat");
	CHECK(ttl_passwd_set(path, "u", "x", &cause) == 0);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	text = get_file(path);
	CHECK(strncmp(text, "[Password]\r\nu=", 14) == 0);
	free(text);
	free(path);
}

/* One name, then the section with everything in it. */
static void
test_v1_delete(void)
{
	char	*path = path_of("d.dat"), *text, *cause = NULL;

	put_file(path, "[A]\nx=1\n[Password]\na=&IAhb{$j\nb=`nhb4p\n"
	    "; note\n[B]\ny=2\n");
	CHECK(ttl_passwd_del(path, "A", &cause) == 1);
	text = get_file(path);
	CHECK_STR(text, "[A]\nx=1\n[Password]\nb=`nhb4p\n; note\n[B]\ny=2\n");
	free(text);
	CHECK(ttl_passwd_del(path, "a", &cause) == 0);
	CHECK(ttl_passwd_exists(path, "b") == 1);
	CHECK(ttl_passwd_del(path, "", &cause) == 1);
	text = get_file(path);
	CHECK_STR(text, "[A]\nx=1\n[B]\ny=2\n");
	free(text);
	CHECK(ttl_passwd_del(path, "", &cause) == 0);
	free(path);
	path = path_of("missing.dat");
	CHECK(ttl_passwd_del(path, "", &cause) == 0);
	CHECK(access(path, F_OK) != 0);
	free(path);
}

/* Records made apart from this code open with their key only. */
static void
test_v2_fixture(void)
{
	char	*path = path_of("v2.dat"), *pw, *text, *bad;

	xasprintf(&text, "not a record\r\n%s\r\n%s\r\n", rec_hoge, rec_odd);
	put_file(path, text);
	CHECK(ttl_passwd2_get(path, "mypassword", "Sesame!", &pw) == 1);
	CHECK_STR(pw, "hoge");
	free(pw);
	CHECK(ttl_passwd2_get(path, "user@host", "k", &pw) == 1);
	CHECK_STR(pw, "pa ss;\"=");
	free(pw);
	CHECK(ttl_passwd2_get(path, "mypassword", "sesame!", &pw) == -2 &&
	    pw == NULL);
	CHECK(ttl_passwd2_get(path, "MyPassword", "Sesame!", &pw) == 0);
	CHECK(ttl_passwd2_exists(path, "user@host") == 1);
	CHECK(ttl_passwd2_exists(path, "user") == 0);
	CHECK(ttl_passwd2_get(tmpdir, "user@host", "k", &pw) == -1);
	CHECK(ttl_passwd2_exists(tmpdir, "user@host") == 0);
	/* One bit of the encrypted password changed: the HMAC says no. */
	bad = xstrdup(text);
	pw = bad + strlen("not a record\r\n") + 200;
	*pw = *pw == 'A' ? 'B' : 'A';
	put_file(path, bad);
	CHECK(ttl_passwd2_get(path, "mypassword", "Sesame!", &pw) == -2);
	free(bad);
	free(text);
	free(path);
}

/* Set, the same again (no write), changed in place, added, removed. */
static void
test_v2_write(void)
{
	struct stat	 sb;
	char		*path = path_of("w2.dat"), *pw, *t0, *t1;
	char		*cause = NULL;
	char		 long_pw[205];

	xasprintf(&t0, "# mine\n%s\r\n", rec_hoge);
	put_file(path, t0);
	free(t0);
	CHECK(ttl_passwd2_set(path, "mypassword", "hoge", "Sesame!",
	    &cause) == 0);
	t0 = get_file(path);
	CHECK(strstr(t0, rec_hoge) != NULL);	/* the same: untouched */
	CHECK(ttl_passwd2_set(path, "mypassword", "fuga", "Sesame!",
	    &cause) == 0);
	t1 = get_file(path);
	CHECK(strncmp(t1, "# mine\n", 7) == 0 && count_lines(t1) == 2);
	CHECK(strstr(t1, rec_hoge) == NULL && strlen(t1) == strlen(t0));
	free(t0);
	free(t1);
	CHECK(ttl_passwd2_get(path, "mypassword", "Sesame!", &pw) == 1);
	CHECK_STR(pw, "fuga");
	free(pw);
	memset(long_pw, 'x', 203);
	long_pw[203] = '\0';
	CHECK(ttl_passwd2_set(path, "long", long_pw, "k2", &cause) == 0);
	CHECK(ttl_passwd2_get(path, "long", "k2", &pw) == 1);
	CHECK(pw != NULL && strcmp(pw, long_pw) == 0);
	free(pw);
	long_pw[203] = 'x';
	long_pw[204] = '\0';
	CHECK(ttl_passwd2_set(path, "long", long_pw, "k2", &cause) == -1);
	free(cause);
	t1 = get_file(path);
	CHECK(count_lines(t1) == 3 && strcmp(t1 + strlen(t1) - 2, "\r\n") == 0);
	free(t1);
	CHECK(ttl_passwd2_del(path, "mypassword", &cause) == 1);
	CHECK(ttl_passwd2_exists(path, "mypassword") == 0);
	CHECK(ttl_passwd2_exists(path, "long") == 1);
	CHECK(ttl_passwd2_del(path, "mypassword", &cause) == 0);
	CHECK(ttl_passwd2_del(path, "", &cause) == 1);
	t1 = get_file(path);
	CHECK_STR(t1, "# mine\n");
	free(t1);
	free(path);
	path = path_of("new2.dat");
	CHECK(ttl_passwd2_set(path, "n", "p", "k", &cause) == 0);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	t1 = get_file(path);
	CHECK(strlen(t1) == 510 && strcmp(t1 + 508, "\r\n") == 0);
	free(t1);
	free(path);
}

/* The same name twice: the last line is the one, to read and remove. */
static void
test_v2_twice(void)
{
	char	*a = path_of("a2.dat"), *b = path_of("b2.dat");
	char	*t, *two, *pw, *cause = NULL;

	CHECK(ttl_passwd2_set(a, "mypassword", "second", "Sesame!",
	    &cause) == 0);
	t = get_file(a);
	xasprintf(&two, "%s\r\n%s", rec_hoge, t);
	put_file(b, two);
	CHECK(ttl_passwd2_get(b, "mypassword", "Sesame!", &pw) == 1);
	CHECK_STR(pw, "second");
	free(pw);
	CHECK(ttl_passwd2_del(b, "mypassword", &cause) == 1);
	CHECK(ttl_passwd2_get(b, "mypassword", "Sesame!", &pw) == 1);
	CHECK_STR(pw, "hoge");
	free(pw);
	free(two);
	xasprintf(&two, "%s%s\r\n", t, rec_hoge);
	put_file(b, two);
	CHECK(ttl_passwd2_get(b, "mypassword", "Sesame!", &pw) == 1);
	CHECK_STR(pw, "hoge");
	free(pw);
	free(two);
	free(t);
	free(a);
	free(b);
}

/* A last line without its ending keeps its bytes; the record goes on a
 * line of its own. */
static void
test_v2_no_newline(void)
{
	char	*path = path_of("nl2.dat"), *t, *pw, *cause = NULL;

	put_file(path, "first\r\nlast");
	CHECK(ttl_passwd2_set(path, "n", "p", "k", &cause) == 0);
	t = get_file(path);
	CHECK(strncmp(t, "first\r\nlast\r\nAA", 15) == 0);
	CHECK(strlen(t) == 11 + 2 + 508 + 2);
	free(t);
	CHECK(ttl_passwd2_get(path, "n", "k", &pw) == 1);
	CHECK_STR(pw, "p");
	free(pw);
	free(path);
}

/* ini_unset: each line of a key, then a whole section; lookups agree. */
static void
test_ini_unset(void)
{
	static const char	 text[] = "[P]\na=1\nA=2\nb=3\n[Q]\na=4\n";
	struct ini		*ini = ini_parse(text, strlen(text), NULL);
	char			*out;
	size_t			 len;

	CHECK(ini_unset(ini, "p", "a") == 1);
	CHECK(ini_unset(ini, "p", "a") == 0);
	CHECK(ini_get(ini, "P", "a") == NULL);
	CHECK(ini_get(ini, "Q", "a") != NULL);
	CHECK(ini_get(ini, "P", "b") != NULL);
	ini_set(ini, "P", "c", "5");
	out = ini_encode(ini, &len);	/* no NUL after it */
	CHECK(len == 20 &&
	    memcmp(out, "[P]\nb=3\nc=5\n[Q]\na=4\n", 20) == 0);
	free(out);
	CHECK(ini_unset(ini, "P", NULL) == 1);
	CHECK(ini_get(ini, "P", "c") == NULL);
	CHECK(ini_get(ini, "Q", "a") != NULL);
	out = ini_encode(ini, &len);
	CHECK(len == 8 && memcmp(out, "[Q]\na=4\n", 8) == 0);
	free(out);
	ini_free(ini);
}

#include "ttl-host.h"

/* A macro from its text in the test's folder, run until it waits. */
static struct ttl *
macro(const char *src, int *state)
{
	struct ttl	*vm;
	char		*path = path_of("t.ttl");

	vm = ttl_macro_at(path, src, state);
	free(path);
	return (vm);
}

/* The commands, with Tera Term's results. */
static void
test_commands(void)
{
	struct ttl	*vm;
	int		 st;

	vm = macro("setpassword 'm.dat' 'me' 'pw1'\na = result\n"
	    "ispassword 'm.dat' 'me'\nb = result\n"
	    "getpassword 'm.dat' 'me' s\nc = result\n"
	    "ispassword 'm.dat' 'you'\nd = result\n"
	    "delpassword 'm.dat' 'me'\nispassword 'm.dat' 'me'\ne = result\n"
	    "setpassword2 'm2.dat' 'me' 'pw2' 'key'\nf = result\n"
	    "getpassword2 'm2.dat' 'me' t 'key'\ng = result\n"
	    "getpassword2 'm2.dat' 'me' u 'bad'\nh = result\n"
	    "ispassword2 'm2.dat' 'me'\ni = result\n"
	    "delpassword2 'm2.dat' ''\nj = result\n"
	    "ispassword2 'm2.dat' 'me'\nk = result", &st);
	CHECK(st == TTL_DONE);
	CHECK(var_int(vm, "a") == 1 && var_int(vm, "b") == 1);
	CHECK(var_int(vm, "c") == 1 && var_int(vm, "d") == 0);
	CHECK(var_int(vm, "e") == 0);
	CHECK_STR(var_str(vm, "s"), "pw1");
	CHECK(var_int(vm, "f") == 1 && var_int(vm, "g") == 1);
	CHECK_STR(var_str(vm, "t"), "pw2");
	CHECK(var_int(vm, "h") == 0);
	CHECK_STR(var_str(vm, "u"), "");
	CHECK(var_int(vm, "i") == 1 && var_int(vm, "j") == 1);
	CHECK(var_int(vm, "k") == 0);
	ttl_free(vm);
	vm = macro("setpassword 'm.dat' '' 'x'", &st);
	CHECK(st == TTL_FAILED);
	ttl_free(vm);
	vm = macro("getpassword2 'm2.dat' 'me' t ''", &st);
	CHECK(st == TTL_FAILED);
	ttl_free(vm);
}

/* A password not there: the dialog asks, the answer is stored. */
static void
test_dialog(void)
{
	struct ttl	*vm;
	char		*v[] = { (char *)"typed", NULL }, *path, *pw;
	int		 st;

	vm = macro("getpassword 'ask.dat' 'host1' s\nx = result\n"
	    "getpassword 'ask.dat' 'host1' s2\ny = result", &st);
	CHECK(st == TTL_WAITING && asked != NULL && asked->n == 1 &&
	    asked->echo[0] == 0);
	CHECK(asked != NULL && strcmp(asked->text, "host1") == 0);
	if (asked != NULL)
		asked->cb(asked->arg, '\r', v);
	CHECK(ttl_run(vm) == TTL_DONE);
	CHECK(var_int(vm, "x") == 1 && var_int(vm, "y") == 1);
	CHECK_STR(var_str(vm, "s"), "typed");
	CHECK_STR(var_str(vm, "s2"), "typed");
	ttl_free(vm);
	path = path_of("ask.dat");
	CHECK(ttl_passwd_get(path, "host1", &pw) == 1);
	CHECK_STR(pw, "typed");
	free(pw);
	free(path);
	question_free(asked);
	asked = NULL;

	vm = macro("getpassword2 'ask2.dat' 'h' s 'K'\nx = result", &st);
	CHECK(st == TTL_WAITING && asked != NULL);
	if (asked != NULL)
		asked->cb(asked->arg, 0, NULL);		/* cancelled */
	CHECK(ttl_run(vm) == TTL_DONE);
	CHECK(var_int(vm, "x") == 0);
	CHECK_STR(var_str(vm, "s"), "");
	ttl_free(vm);
	path = path_of("ask2.dat");
	CHECK(access(path, F_OK) != 0);
	question_free(asked);
	asked = NULL;
	vm = macro("getpassword2 'ask2.dat' 'h' s 'K'\nx = result", &st);
	if (asked != NULL)
		asked->cb(asked->arg, '\r', v);
	CHECK(ttl_run(vm) == TTL_DONE && var_int(vm, "x") == 1);
	ttl_free(vm);
	CHECK(ttl_passwd2_get(path, "h", "K", &pw) == 1);
	CHECK_STR(pw, "typed");
	free(pw);
	free(path);
	question_free(asked);
	asked = NULL;
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(tmpdir) == NULL)
		return (1);
	RUN(test_hide_vectors);
	RUN(test_hide_round_trip);
	RUN(test_v1_read);
	RUN(test_v1_write);
	RUN(test_v1_delete);
	RUN(test_v2_fixture);
	RUN(test_v2_write);
	RUN(test_v2_twice);
	RUN(test_v2_no_newline);
	RUN(test_ini_unset);
	RUN(test_commands);
	RUN(test_dialog);
	xasprintf(&cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		unit_failed++;
	free(cmd);
	UNIT_EXIT();
}
