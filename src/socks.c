/*
 * socks.c: the messages of a SOCKS client, for dynamic forwarding (D, as
 * ssh -D): SOCKS4, SOCKS4a and SOCKS5 without authentication, CONNECT
 * only. Pure functions on a buffer, no I/O: forward-socks.c gives them
 * what a client has sent so far, and they say whether a message is whole
 * yet, what to answer, and where the client wants to go. A name stays a
 * name: the server resolves it when it opens the channel.
 *
 * Nothing the client sends can make them read past the buffer or keep
 * more than a message's worth: a message is at most SOCKS_MSG_MAX bytes
 * (tests/fuzz/fuzz-socks.c feeds them anything, cut anywhere).
 */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define SOCKS4_USER_MAX	255	/* a SOCKS4 user name, without its NUL */

/* The reply of a SOCKS5 request: code, then the address and port bound
 * (an IPv6 one if family is AF_INET6, else IPv4; zeros on a failure). */
static void
socks5_reply(struct socks *s, int code, int family, const void *addr,
    u_int port)
{
	size_t	alen = family == AF_INET6 ? 16 : 4;

	s->out[0] = 5;
	s->out[1] = code;
	s->out[2] = 0;
	s->out[3] = family == AF_INET6 ? 4 : 1;
	if (code == SOCKS_OK && addr != NULL &&
	    (family == AF_INET || family == AF_INET6))
		memcpy(s->out + 4, addr, alen);
	else {
		memset(s->out + 4, 0, alen);
		port = 0;
	}
	s->out[4 + alen] = port >> 8;
	s->out[5 + alen] = port & 0xff;
	s->outlen = 6 + alen;
}

/*
 * The answer to the client's request in s->out: code is SOCKS5's
 * (SOCKS_OK or a failure), SOCKS4 has only granted or rejected. The bound
 * address and port are ours, as family's in_addr or in6_addr (SOCKS4 can
 * only tell an IPv4 one).
 */
void
socks_reply(struct socks *s, int code, int family, const void *addr,
    u_int port)
{
	if (s->version == 5) {
		socks5_reply(s, code, family, addr, port);
		return;
	}
	if (s->version != 4) {
		s->outlen = 0;	/* no protocol to answer in */
		return;
	}
	s->out[0] = 0;
	s->out[1] = code == SOCKS_OK ? 90 : 91;
	memset(s->out + 2, 0, 6);
	if (code == SOCKS_OK && family == AF_INET && addr != NULL) {
		s->out[2] = port >> 8;
		s->out[3] = port & 0xff;
		memcpy(s->out + 4, addr, 4);
	}
	s->outlen = 8;
}

/* Refuse the client with code, saying why in the log. */
static int
socks_refuse(struct socks *s, int code, const char *why)
{
	s->why = why;
	socks_reply(s, code, AF_UNSPEC, NULL, 0);
	return (SOCKS_REFUSE);
}

/* A name the server is to resolve: printable ASCII, no spaces (names in
 * other scripts come as punycode); copied to s->host. */
static int
socks_name(struct socks *s, const u_char *name, size_t len)
{
	size_t	i;

	if (len == 0 || len > SOCKS_HOST_MAX)
		return (-1);
	for (i = 0; i < len; i++) {
		if (name[i] <= ' ' || name[i] >= 0x7f)
			return (-1);
	}
	memcpy(s->host, name, len);
	s->host[len] = '\0';
	return (0);
}

/* A string ending with a NUL at p (len bytes there), of at most max bytes
 * before it: its length, -1 if not whole yet, -2 if too long. */
static long
socks_cstring(const u_char *p, size_t len, size_t max)
{
	const u_char	*nul;

	nul = memchr(p, '\0', len < max + 1 ? len : max + 1);
	if (nul != NULL)
		return (nul - p);
	return (len > max ? -2 : -1);
}

/*
 * SOCKS4: version, command, port, IPv4 address, a user name and its NUL;
 * SOCKS4a: the address 0.0.0.x (x not 0), then a name and its NUL.
 */
static int
socks4_parse(struct socks *s, const u_char *p, size_t len, size_t *used)
{
	size_t	off;
	long	n;

	if (len < 8)
		return (SOCKS_NEED);
	if ((n = socks_cstring(p + 8, len - 8, SOCKS4_USER_MAX)) == -1)
		return (SOCKS_NEED);
	if (n == -2)
		return (socks_refuse(s, SOCKS_FAILURE, "user name too long"));
	off = 8 + n + 1;
	if (p[4] == 0 && p[5] == 0 && p[6] == 0 && p[7] != 0) {
		n = socks_cstring(p + off, len - off, SOCKS_HOST_MAX);
		if (n == -1)
			return (SOCKS_NEED);
		if (n == -2)
			return (socks_refuse(s, SOCKS_FAILURE,
			    "name too long"));
		if (socks_name(s, p + off, n) != 0)
			return (socks_refuse(s, SOCKS_FAILURE, "bad name"));
		off += n + 1;
	} else
		snprintf(s->host, sizeof s->host, "%u.%u.%u.%u", p[4], p[5],
		    p[6], p[7]);
	*used = off;
	s->port = (u_int)p[2] << 8 | p[3];
	if (p[1] != 1)
		return (socks_refuse(s, SOCKS_BAD_COMMAND, "not CONNECT"));
	if (s->port == 0)
		return (socks_refuse(s, SOCKS_FAILURE, "port 0"));
	return (SOCKS_CONNECT);
}

/* SOCKS5's first message: version, the number of methods, the methods;
 * only "no authentication" (0) is taken. */
static int
socks5_greeting(struct socks *s, const u_char *p, size_t len, size_t *used)
{
	if (len < 2 || len < 2 + (size_t)p[1])
		return (SOCKS_NEED);
	*used = 2 + p[1];
	s->out[0] = 5;
	s->outlen = 2;
	if (memchr(p + 2, 0, p[1]) == NULL) {
		s->out[1] = 0xff;	/* no acceptable methods */
		s->why = "no method without authentication";
		return (SOCKS_REFUSE);
	}
	s->out[1] = 0;
	s->greeted = 1;
	return (SOCKS_ANSWER);
}

/*
 * SOCKS5's request: version, command, a reserved byte, the address type,
 * the address (IPv4, a name with its length first, IPv6), the port.
 */
static int
socks5_request(struct socks *s, const u_char *p, size_t len, size_t *used)
{
	size_t	alen;
	int	af;

	if (len < 4)
		return (SOCKS_NEED);
	if (p[0] != 5)
		return (socks_refuse(s, SOCKS_FAILURE, "not SOCKS5"));
	switch (p[3]) {
	case 1:
		alen = 4;
		break;
	case 3:
		if (len < 5)
			return (SOCKS_NEED);
		alen = 1 + p[4];
		break;
	case 4:
		alen = 16;
		break;
	default:
		return (socks_refuse(s, SOCKS_BAD_ADDRESS, "address type"));
	}
	if (len < 4 + alen + 2)
		return (SOCKS_NEED);
	*used = 4 + alen + 2;
	s->port = (u_int)p[4 + alen] << 8 | p[5 + alen];
	if (p[1] != 1)
		return (socks_refuse(s, SOCKS_BAD_COMMAND, "not CONNECT"));
	if (p[3] == 3) {
		if (socks_name(s, p + 5, alen - 1) != 0)
			return (socks_refuse(s, SOCKS_HOST_UNREACH,
			    "bad name"));
	} else {
		af = p[3] == 1 ? AF_INET : AF_INET6;
		if (inet_ntop(af, p + 4, s->host, sizeof s->host) == NULL)
			return (socks_refuse(s, SOCKS_FAILURE, "address"));
	}
	if (s->port == 0)
		return (socks_refuse(s, SOCKS_FAILURE, "port 0"));
	return (SOCKS_CONNECT);
}

/*
 * The next message of the client in p (len bytes, what it has sent since
 * the last message): SOCKS_NEED until it is whole; then *used says how
 * many bytes it took, and SOCKS_ANSWER (send s->out, then read on),
 * SOCKS_CONNECT (open s->host and s->port, then socks_reply()) or
 * SOCKS_REFUSE (send s->out, which may be empty, and close).
 */
int
socks_parse(struct socks *s, const u_char *p, size_t len, size_t *used)
{
	*used = 0;
	s->outlen = 0;
	if (len == 0)
		return (SOCKS_NEED);
	if (s->version == 0) {
		if (p[0] != 4 && p[0] != 5) {
			s->why = "not SOCKS4 or SOCKS5";
			return (SOCKS_REFUSE);
		}
		s->version = p[0];
	}
	if (s->version == 4)
		return (socks4_parse(s, p, len, used));
	if (!s->greeted)
		return (socks5_greeting(s, p, len, used));
	return (socks5_request(s, p, len, used));
}

/*
 * SOCKS5's code for why a channel did not open, from libssh's words: the
 * SSH reason ("error (N)", 1 administratively prohibited), then the
 * server's description of a connect that failed (OpenSSH's are strerror()
 * and gai_strerror() texts).
 */
int
socks_code(const char *why)
{
	static const struct {
		const char	*text;
		int		 code;
	} words[] = {
		{ "error (1)", SOCKS_NOT_ALLOWED },
		{ "prohibited", SOCKS_NOT_ALLOWED },
		{ "refused", SOCKS_REFUSED },
		{ "Network is unreachable", SOCKS_NET_UNREACH },
		{ "No route to host", SOCKS_HOST_UNREACH },
		{ "Host is unreachable", SOCKS_HOST_UNREACH },
		{ "timed out", SOCKS_HOST_UNREACH },
		{ "not known", SOCKS_HOST_UNREACH },
		{ "name resolution", SOCKS_HOST_UNREACH },
		{ "No address associated", SOCKS_HOST_UNREACH },
		{ "unknown host", SOCKS_HOST_UNREACH },
	};
	size_t	i;

	for (i = 0; why != NULL && i < sizeof words / sizeof words[0]; i++) {
		if (strstr(why, words[i].text) != NULL)
			return (words[i].code);
	}
	return (SOCKS_FAILURE);
}
