/*
 * test-socks.c: dynamic forwarding's pieces without a network: SOCKS4,
 * SOCKS4a and SOCKS5 messages read whole and byte by byte, the answers
 * and refusals, the codes for a channel that did not open; D entries of
 * DefaultForwarding and DynamicForward in an ssh_config.
 */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "unit.h"

/* Feed msg (len bytes) one byte more at a time: SOCKS_NEED until the
 * last, then what the whole gives; *used as socks_parse() says. */
static int
feed_bytes(struct socks *s, const void *msg, size_t len, size_t *used)
{
	size_t	i;
	int	r;

	for (i = 1; i < len; i++) {
		if ((r = socks_parse(s, msg, i, used)) != SOCKS_NEED)
			return (-1);
	}
	return (socks_parse(s, msg, len, used));
}

static void
test_socks4(void)
{
	static const u_char req[] = { 4, 1, 0x1f, 0x90, 10, 1, 2, 3,
	    'b', 'o', 'b', 0, 'x' };
	struct socks	s;
	size_t		used;
	u_char		addr[4] = { 127, 0, 0, 1 };

	memset(&s, 0, sizeof s);
	CHECK(feed_bytes(&s, req, sizeof req - 1, &used) == SOCKS_CONNECT);
	CHECK(used == sizeof req - 1);
	CHECK_STR(s.host, "10.1.2.3");
	CHECK(s.port == 8080);
	CHECK(s.version == 4);
	/* Bytes after the request are left to the stream. */
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, req, sizeof req, &used) == SOCKS_CONNECT);
	CHECK(used == sizeof req - 1);
	socks_reply(&s, SOCKS_OK, AF_INET, addr, 1080);
	CHECK(s.outlen == 8 && memcmp(s.out, "\0\x5a\x04\x38\x7f\0\0\x01",
	    8) == 0);
	socks_reply(&s, SOCKS_REFUSED, AF_UNSPEC, NULL, 0);
	CHECK(s.outlen == 8 && memcmp(s.out, "\0\x5b\0\0\0\0\0\0", 8) == 0);
}

static void
test_socks4a(void)
{
	static const u_char req[] = { 4, 1, 0, 80, 0, 0, 0, 9, 0,
	    'w', 'e', 'b', '.', 'l', 'a', 'n', 0 };
	static const u_char bind[] = { 4, 2, 0, 80, 0, 0, 0, 1, 'u', 0,
	    'h', 0 };
	static const u_char ctl[] = { 4, 1, 0, 80, 0, 0, 0, 1, 0,
	    'a', '\033', 0 };
	struct socks	s;
	size_t		used;
	u_char		big[600];

	memset(&s, 0, sizeof s);
	CHECK(feed_bytes(&s, req, sizeof req, &used) == SOCKS_CONNECT);
	CHECK(used == sizeof req);
	CHECK_STR(s.host, "web.lan");
	CHECK(s.port == 80);
	/* BIND is refused with SOCKS4's one failure. */
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, bind, sizeof bind, &used) == SOCKS_REFUSE);
	CHECK(s.outlen == 8 && s.out[0] == 0 && s.out[1] == 91);
	/* A name with a control character never reaches the server. */
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, ctl, sizeof ctl, &used) == SOCKS_REFUSE);
	/* A user name without an end is not waited for for ever. */
	memset(big, 'u', sizeof big);
	memcpy(big, req, 8);
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, big, 200, &used) == SOCKS_NEED);
	CHECK(socks_parse(&s, big, 8 + 256, &used) == SOCKS_REFUSE);
	CHECK(s.outlen == 8 && s.out[1] == 91);
	/* Nor a name without one. */
	big[8] = 0;
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, big, 9 + 255, &used) == SOCKS_NEED);
	CHECK(socks_parse(&s, big, 9 + 256, &used) == SOCKS_REFUSE);
}

static void
test_socks5_greeting(void)
{
	static const u_char hello[] = { 5, 2, 2, 0 };
	static const u_char authonly[] = { 5, 1, 2 };
	static const u_char none[] = { 5, 0 };
	struct socks	s;
	size_t		used;

	memset(&s, 0, sizeof s);
	CHECK(feed_bytes(&s, hello, sizeof hello, &used) == SOCKS_ANSWER);
	CHECK(used == sizeof hello && s.greeted);
	CHECK(s.outlen == 2 && s.out[0] == 5 && s.out[1] == 0);
	/* Only username/password offered: no acceptable methods. */
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, authonly, sizeof authonly, &used) ==
	    SOCKS_REFUSE);
	CHECK(s.outlen == 2 && s.out[0] == 5 && s.out[1] == 0xff);
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, none, sizeof none, &used) == SOCKS_REFUSE);
	CHECK(s.outlen == 2 && s.out[1] == 0xff);
	/* Not SOCKS at all: closed without a word. */
	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, (const u_char *)"GET / HTTP/1.0\r\n", 16,
	    &used) == SOCKS_REFUSE);
	CHECK(s.outlen == 0);
}

/* A SOCKS5 client past its greeting. */
static void
greeted(struct socks *s)
{
	memset(s, 0, sizeof *s);
	s->version = 5;
	s->greeted = 1;
}

static void
test_socks5_request(void)
{
	static const u_char v4[] = { 5, 1, 0, 1, 192, 0, 2, 7, 0x01, 0xbb };
	static const u_char name[] = { 5, 1, 0, 3, 9, 'l', 'o', 'c', 'a',
	    'l', 'h', 'o', 's', 't', 0x1f, 0x90 };
	static const u_char v6[] = { 5, 1, 0, 4, 0x20, 0x01, 0x0d, 0xb8,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 22 };
	struct socks	s;
	size_t		used;
	u_char		addr6[16] = { 0 };

	greeted(&s);
	CHECK(feed_bytes(&s, v4, sizeof v4, &used) == SOCKS_CONNECT);
	CHECK(used == sizeof v4);
	CHECK_STR(s.host, "192.0.2.7");
	CHECK(s.port == 443);
	greeted(&s);
	CHECK(feed_bytes(&s, name, sizeof name, &used) == SOCKS_CONNECT);
	CHECK_STR(s.host, "localhost");
	CHECK(s.port == 8080);
	greeted(&s);
	CHECK(feed_bytes(&s, v6, sizeof v6, &used) == SOCKS_CONNECT);
	CHECK(used == sizeof v6);
	CHECK_STR(s.host, "2001:db8::1");
	CHECK(s.port == 22);
	/* Success: the bound address, IPv6 if ours is. */
	addr6[15] = 1;
	socks_reply(&s, SOCKS_OK, AF_INET6, addr6, 1080);
	CHECK(s.outlen == 22 && s.out[1] == 0 && s.out[3] == 4 &&
	    s.out[19] == 1 && s.out[20] == 0x04 && s.out[21] == 0x38);
	socks_reply(&s, SOCKS_HOST_UNREACH, AF_UNSPEC, NULL, 0);
	CHECK(s.outlen == 10 && memcmp(s.out,
	    "\x05\x04\0\x01\0\0\0\0\0\0", 10) == 0);
}

static void
test_socks5_refused(void)
{
	static const u_char bind[] = { 5, 2, 0, 1, 1, 2, 3, 4, 0, 80 };
	static const u_char udp[] = { 5, 3, 0, 1, 1, 2, 3, 4, 0, 80 };
	static const u_char atyp[] = { 5, 1, 0, 9, 1, 2, 3, 4, 0, 80 };
	static const u_char empty[] = { 5, 1, 0, 3, 0, 0, 80 };
	static const u_char nul[] = { 5, 1, 0, 3, 3, 'a', 0, 'b', 0, 80 };
	static const u_char port0[] = { 5, 1, 0, 1, 1, 2, 3, 4, 0, 0 };
	static const u_char v4[] = { 4, 1, 0, 80, 1, 2, 3, 4, 0 };
	struct socks	s;
	size_t		used;

	greeted(&s);
	CHECK(socks_parse(&s, bind, sizeof bind, &used) == SOCKS_REFUSE);
	CHECK(s.outlen == 10 && s.out[0] == 5 &&
	    s.out[1] == SOCKS_BAD_COMMAND);
	greeted(&s);
	CHECK(socks_parse(&s, udp, sizeof udp, &used) == SOCKS_REFUSE);
	CHECK(s.out[1] == SOCKS_BAD_COMMAND);
	greeted(&s);
	CHECK(socks_parse(&s, atyp, sizeof atyp, &used) == SOCKS_REFUSE);
	CHECK(s.out[1] == SOCKS_BAD_ADDRESS);
	greeted(&s);
	CHECK(socks_parse(&s, empty, sizeof empty, &used) == SOCKS_REFUSE);
	CHECK(s.out[1] != SOCKS_OK);
	greeted(&s);
	CHECK(socks_parse(&s, nul, sizeof nul, &used) == SOCKS_REFUSE);
	greeted(&s);
	CHECK(socks_parse(&s, port0, sizeof port0, &used) == SOCKS_REFUSE);
	/* A SOCKS4 request after a SOCKS5 greeting. */
	greeted(&s);
	CHECK(socks_parse(&s, v4, sizeof v4, &used) == SOCKS_REFUSE);
	CHECK(s.outlen == 10 && s.out[1] == SOCKS_FAILURE);
}

/* Greeting and request in one piece: answered, then read on. */
static void
test_socks5_together(void)
{
	static const u_char both[] = { 5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1,
	    0, 80, 'G', 'E', 'T' };
	struct socks	s;
	size_t		used;

	memset(&s, 0, sizeof s);
	CHECK(socks_parse(&s, both, sizeof both, &used) == SOCKS_ANSWER);
	CHECK(used == 3);
	CHECK(socks_parse(&s, both + 3, sizeof both - 3, &used) ==
	    SOCKS_CONNECT);
	CHECK(used == 10);
	CHECK_STR(s.host, "127.0.0.1");
}

static void
test_socks_code(void)
{
	CHECK(socks_code("Channel opening failure: channel 3 error (2)"
	    " Connection refused") == SOCKS_REFUSED);
	CHECK(socks_code("Channel opening failure: channel 3 error (1)"
	    " open failed") == SOCKS_NOT_ALLOWED);
	CHECK(socks_code("Channel opening failure: channel 3 error (2)"
	    " Name or service not known") == SOCKS_HOST_UNREACH);
	CHECK(socks_code("Channel opening failure: channel 3 error (2)"
	    " Network is unreachable") == SOCKS_NET_UNREACH);
	CHECK(socks_code("no answer from the jump host") == SOCKS_FAILURE);
	CHECK(socks_code(NULL) == SOCKS_FAILURE);
}

static void
fwd_free(struct fwd *w)
{
	free(w->listen);
	free(w->host);
	free(w->text);
	free(w);
}

static void
test_dynamic_spec(void)
{
	struct fwd	*w;
	const char	*why;

	w = forward_spec_item('D', "1080", &why);
	CHECK(w != NULL && w->kind == 'D' && w->lport == 1080 &&
	    w->listen == NULL && w->host == NULL);
	if (w != NULL) {
		CHECK_STR(w->text, "SOCKS localhost:1080");
		fwd_free(w);
	}
	w = forward_spec_item('D', "[::1]:1081", &why);
	CHECK(w != NULL && w->lport == 1081);
	if (w != NULL) {
		CHECK_STR(w->listen, "::1");
		CHECK_STR(w->text, "SOCKS [::1]:1081");
		fwd_free(w);
	}
	w = forward_spec_item('D', "*:1082", &why);
	CHECK(w != NULL && w->listen != NULL && *w->listen == '\0');
	if (w != NULL)
		fwd_free(w);
	CHECK(forward_spec_item('D', "0", &why) == NULL);
	CHECK(forward_spec_item('D', "70000", &why) == NULL);
	CHECK(forward_spec_item('D', "", &why) == NULL);
	CHECK(forward_spec_item('D', "a:b:1080", &why) == NULL);
	CHECK(forward_later("L1:h:2;D1080") == NULL);
	free(forward_later("D1080;X"));
}

/* The one file of dynamic_of(): its text, read as -F's. */
static char *
one_read(void *arg, const char *path, size_t *len)
{
	if (strcmp(path, "/cfg") != 0)
		return (NULL);
	*len = strlen(arg);
	return (xstrdup(arg));
}

static char **
one_glob(void *arg, const char *pattern, u_int *n)
{
	(void)arg;
	(void)pattern;
	*n = 0;
	return (xcalloc(1, sizeof (char *)));
}

static int
one_exec(void *arg, const char *cmd, double *left, char **cause)
{
	(void)arg;
	(void)cmd;
	(void)left;
	(void)cause;
	return (0);
}

/* What the reader (ssh-config.c) finds for host in config: its
 * DynamicForward as D entries, or with key, key's first value. */
static char *
config_of(const char *config, const char *host, const char *key)
{
	struct sshcfg_io	 io = { one_glob, one_read, one_exec, NULL };
	struct sshcfg_query	 q;
	struct sshcfg		*cfg;
	char			*found;

	io.arg = (void *)config;
	memset(&q, 0, sizeof q);
	q.host = host;
	q.file = "/cfg";
	q.io = &io;
	cfg = sshcfg_read(&q);
	if (key == NULL)
		found = sshcfg_dynamic(cfg);
	else if ((found = (char *)sshcfg_get(cfg, key)) != NULL)
		found = xstrdup(found);
	sshcfg_free(cfg);
	return (found);
}

static char *
dynamic_of(const char *config, const char *host)
{
	return (config_of(config, host, NULL));
}

static void
test_dynamic_config(void)
{
	static const char config[] =
	    "Host db\n"
	    "  DynamicForward 1080\n"
	    "  DynamicForward=127.0.0.1:1081\n"
	    "  ProxyJump gw\n"
	    "Host web\n"
	    "  DynamicForward 2000\n"
	    "Host *\n"
	    "  DynamicForward [::1]:1082 # all\n"
	    "  DynamicForward 1;L2:x:3\n"
	    "  DynamicForward 1080\n";
	char	*s;

	s = dynamic_of(config, "db");
	CHECK_STR(s, "D1080;D127.0.0.1:1081;D[::1]:1082");
	free(s);
	s = dynamic_of(config, "other");
	CHECK_STR(s, "D[::1]:1082;D1080");
	free(s);
	CHECK(dynamic_of("Host a\n DynamicForward 1\n", "b") == NULL);
	/* ProxyJump, read by the same lines, still takes its first value. */
	s = config_of("Host db\n ProxyJump gw\nHost *\n ProxyJump other\n",
	    "db", "proxyjump");
	CHECK_STR(s, "gw");
	free(s);
}

int
main(void)
{
	RUN(test_socks4);
	RUN(test_socks4a);
	RUN(test_socks5_greeting);
	RUN(test_socks5_request);
	RUN(test_socks5_refused);
	RUN(test_socks5_together);
	RUN(test_socks_code);
	RUN(test_dynamic_spec);
	RUN(test_dynamic_config);
	UNIT_EXIT();
}
